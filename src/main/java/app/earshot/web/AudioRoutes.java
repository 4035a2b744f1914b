package app.earshot.web;

import app.earshot.store.ArtifactStore;
import app.earshot.store.Keys;
import app.earshot.snapshot.Snapshot;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Speed;
import app.earshot.narration.Clip;
import app.earshot.narration.Format;
import app.earshot.narration.Captioner;
import app.earshot.narration.Clips;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Narration routes: per section {@code /audio/{slug}/{id}.mp3|.wav|.vtt|.txt|.chapters.json}, per page
 * {@code /audio/{slug}.mp3|.wav|.vtt|.chapters.vtt} and the HLS segments {@code /audio/{slug}/hls/{n}.mp3}, and
 * {@code /metrics}. A speed may stand before the
 * format ({@code /audio/{slug}/{id}.slower.mp3}, {@code /audio/{slug}.faster.vtt}); without one it is normal.
 */
final class AudioRoutes {
    static final String VTT = "text/vtt; charset=utf-8";

    private final Clips clips;
    private final Captioner captions;
    private final MediaResponder media;
    private final Metrics metrics;
    private final app.earshot.narration.Narrator narrator;
    private final HlsVersions versions;

    AudioRoutes(app.earshot.narration.Narrator narrator, Clips clips, Captioner captions, MediaResponder media, Metrics metrics,
                HlsVersions versions) {
        this.narrator = narrator;
        this.versions = versions;
        this.clips = clips;
        this.captions = captions;
        this.media = media;
        this.metrics = metrics;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/audio/{slug}/{file}", this::sectionFile);
        Routes.getAndHead(routes, "/audio/{slug}/hls/{file}", this::hlsSegment);
        Routes.getAndHead(routes, "/audio/{file}", this::pageFile);
        Routes.getAndHead(routes, "/metrics", this::metrics);
    }

    private void sectionFile(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        FileName name = FileName.parse(ctx.pathParam("file"));
        Section section = PageRoutes.section(page, name.base());
        Speed speed = name.speed();
        if (!name.format().equals("txt") && !name.format().equals("chapters.json")) PageRoutes.voiced(narrator, now, page);
        switch (name.format()) {
            case "mp3", "wav" -> audio(ctx, clips.section(now.voicing(), page, section, speed, name.audioFormat()));
            case "vtt" -> {
                Clip clip = clips.sectionWav(now.voicing(), page, section, speed);
                text(ctx, captions.sectionVtt(now.voicing(), page, section, speed), VTT, clip, name.extension());
            }
            case "txt" -> {
                if (speed != Speed.NORMAL) throw new Refusal(404, "errors.audio.text-speed");
                String spoken = now.voicing().script(page, section).spoken();
                String etag = Keys.etag(ArtifactStore.key("txt", spoken), "txt");
                // The text is the snapshot's alone: it changed no later than the snapshot was first asked for.
                media.send(ctx, MediaResponder.Representation.of(spoken + "\n", "text/plain; charset=utf-8", etag,
                        Conditional.since(now)));
            }
            case "chapters.json" -> {
                if (speed != Speed.NORMAL) throw new Refusal(404, "errors.audio.chapters-speed");
                String chapters = FeedRoutes.sectionChapters(Links.absolute(ctx).base(), page, section,
                        now.messages(page.language()));
                String etag = Keys.etag(ArtifactStore.key("chapters", chapters), "chapters.json");
                // Served as JSON, the type every static host gives .json (the feed's type attribute names the format).
                media.send(ctx, MediaResponder.Representation.of(chapters, "application/json; charset=utf-8", etag,
                        Conditional.since(now)));
            }
            default -> throw new Refusal(404, "errors.audio.section-formats");
        }
    }

    /** HLS segment {@code {n}.mp3} of the page at the normal speed ({@code /{slug}.m3u8} lists them). */
    private void hlsSegment(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Page page = PageRoutes.page(now.site(), ctx.pathParam("slug"));
        String file = ctx.pathParam("file");
        if (!SEGMENT.matcher(file).matches()) throw new Refusal(404, "errors.audio.hls-number", "/audio/" + page.slug() + "/hls/0.mp3");
        int n = Integer.parseInt(file.substring(0, file.length() - 4));
        String playlist = "/" + page.slug() + ".m3u8";
        // The playlist names its version (?v=, the page MP3's key): a player holds a VOD playlist for the whole
        // listening, so a segment of an earlier version is served as that version cut it, while the store holds it.
        String version = ctx.queryParam("v");
        if (version != null && !VERSION.matcher(version).matches()) throw new Refusal(404, "errors.audio.hls-version", playlist);
        Clip segment;
        if (version == null || version.equals(clips.hlsVersion(now.voicing(), page))) {
            segment = clips.hlsSegment(now.voicing(), page, n).orElseThrow(() -> new Refusal(404, "errors.audio.hls-fewer", playlist));
        } else {
            // An earlier version answers only under the page whose playlist gave it out: another page's version (its
            // plan and segments are in the store too) is answered as a version never made, whatever n.
            if (!versions.of(page, version)) throw new Refusal(404, "errors.audio.hls-gone", playlist);
            Clips.Earlier earlier = clips.storedHlsSegment(version, n);
            if (earlier instanceof Clips.Earlier.Beyond) throw new Refusal(404, "errors.audio.hls-fewer", playlist);
            if (!(earlier instanceof Clips.Earlier.Segment found)) throw new Refusal(404, "errors.audio.hls-gone", playlist);
            segment = found.clip();
        }
        SecurityHeaders.readableByOtherSites(ctx);
        audio(ctx, segment);
    }

    private static final java.util.regex.Pattern SEGMENT = java.util.regex.Pattern.compile("(0|[1-9][0-9]{0,5})\\.mp3");
    /** A segment version: a store key, 64 lower-case hex digits (checked before it reaches the store). */
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private void pageFile(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        FileName name = FileName.parse(ctx.pathParam("file"));
        Page page = PageRoutes.voiced(narrator, now, PageRoutes.page(site, name.base()));
        Speed speed = name.speed();
        switch (name.format()) {
            case "mp3", "wav" -> audio(ctx, clips.page(now.voicing(), page, speed, name.audioFormat()));
            case "vtt" -> text(ctx, captions.pageVtt(now.voicing(), page, speed), VTT, clips.pageWav(now.voicing(), page, speed), name.extension());
            case "chapters.vtt" -> text(ctx, captions.chaptersVtt(now.voicing(), page, speed), VTT, clips.pageWav(now.voicing(), page, speed), name.extension());
            default -> throw new Refusal(404, "errors.audio.page-formats");
        }
    }

    private void audio(Context ctx, Clip clip) {
        media.send(ctx, MediaResponder.Representation.of(clip.audio(), clip.mediaType()));
    }

    private void text(Context ctx, String body, String type, Clip clip, String extension) {
        String etag = Keys.etag(clip.audio(), extension);
        media.send(ctx, MediaResponder.Representation.of(body, type, etag, clip.audio().lastModified()));
    }

    private void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(metrics.render());
    }

    /**
     * "fda-breakthrough-status.slower.mp3" -> base "fda-breakthrough-status", speed slower, format "mp3";
     * without a speed ("….mp3") the speed is normal. Anything odd is a 404.
     */
    record FileName(String base, Speed speed, String format) {
        static FileName parse(String file) {
            int dot = file.indexOf('.');
            if (dot <= 0 || file.length() > 120) throw new Refusal(404, "errors.audio.address");
            String rest = file.substring(dot + 1);
            int next = rest.indexOf('.');
            if (next > 0) {
                var speed = Speed.ofFileLabel(rest.substring(0, next));
                if (speed.isPresent()) return new FileName(file.substring(0, dot), speed.get(), rest.substring(next + 1));
            }
            return new FileName(file.substring(0, dot), Speed.NORMAL, rest);
        }

        /** The extension as written, speed included ("slower.vtt"), for entity tags. */
        String extension() {
            return speed.fileSuffix().isEmpty() ? format : speed.label() + "." + format;
        }

        Format audioFormat() {
            return format.equals("mp3") ? Format.MP3 : Format.WAV;
        }
    }
}
