package app.earshot.web;

import app.earshot.audio.AudioCache;
import app.earshot.content.ContentStore;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.narration.Clip;
import app.earshot.narration.Narrator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/**
 * Narration routes: per section {@code /audio/{slug}/{id}.wav|.vtt|.txt}, per page
 * {@code /audio/{slug}.wav|.vtt|.chapters.vtt}, and {@code /metrics}.
 */
final class AudioRoutes {
    static final String VTT = "text/vtt; charset=utf-8";

    private final ContentStore content;
    private final Narrator narrator;
    private final MediaResponder media;
    private final Metrics metrics;

    AudioRoutes(ContentStore content, Narrator narrator, MediaResponder media, Metrics metrics) {
        this.content = content;
        this.narrator = narrator;
        this.media = media;
        this.metrics = metrics;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/audio/{slug}/{file}", this::sectionFile);
        Routes.getAndHead(routes, "/audio/{file}", this::pageFile);
        Routes.getAndHead(routes, "/metrics", this::metrics);
    }

    private void sectionFile(Context ctx) {
        Site site = content.current();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        FileName name = FileName.parse(ctx.pathParam("file"));
        Section section = PageRoutes.section(page, name.base());
        switch (name.extension()) {
            case "wav" -> {
                Clip clip = narrator.sectionWav(page, section);
                media.send(ctx, MediaResponder.Representation.of(clip.audio(), clip.mediaType(), clip.etag()));
            }
            case "vtt" -> {
                Clip clip = narrator.sectionWav(page, section);
                text(ctx, narrator.sectionVtt(page, section), VTT, clip, "vtt");
            }
            case "txt" -> {
                String spoken = narrator.script(page, section).spoken();
                String etag = "\"" + AudioCache.key("txt", spoken).substring(0, 32) + ".txt\"";
                media.send(ctx, MediaResponder.Representation.of(spoken + "\n", "text/plain; charset=utf-8", etag,
                        java.time.Instant.EPOCH));
            }
            default -> throw new NotFoundResponse("Sections are available as .wav, .vtt and .txt.");
        }
    }

    private void pageFile(Context ctx) {
        Site site = content.current();
        FileName name = FileName.parse(ctx.pathParam("file"));
        Page page = PageRoutes.page(site, name.base());
        Clip clip = narrator.pageWav(page);
        switch (name.extension()) {
            case "wav" -> media.send(ctx, MediaResponder.Representation.of(clip.audio(), clip.mediaType(), clip.etag()));
            case "vtt" -> text(ctx, narrator.pageVtt(page), VTT, clip, "vtt");
            case "chapters.vtt" -> text(ctx, narrator.chaptersVtt(page), VTT, clip, "chapters.vtt");
            default -> throw new NotFoundResponse("Pages are available as .wav, .vtt and .chapters.vtt.");
        }
    }

    private void text(Context ctx, String body, String type, Clip clip, String extension) {
        String etag = "\"" + clip.audio().key().substring(0, 32) + "." + extension + "\"";
        media.send(ctx, MediaResponder.Representation.of(body, type, etag, clip.audio().lastModified()));
    }

    private void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(metrics.render());
    }

    /** "fda-breakthrough-status.wav" -> base "fda-breakthrough-status", extension "wav"; anything odd is a 404. */
    record FileName(String base, String extension) {
        static FileName parse(String file) {
            int dot = file.indexOf('.');
            if (dot <= 0 || file.length() > 120) throw new NotFoundResponse("No audio has this address.");
            return new FileName(file.substring(0, dot), file.substring(dot + 1));
        }
    }
}
