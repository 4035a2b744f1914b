package app.earshot.web;

import app.earshot.store.ArtifactStore;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Speed;
import app.earshot.epub.TalkingBook;
import app.earshot.narration.Format;
import app.earshot.ivr.KeypadMenu;
import app.earshot.narration.Clip;
import app.earshot.narration.Captioner;
import app.earshot.narration.Clips;
import app.earshot.narration.Voicing;
import app.earshot.snapshot.Snapshot;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.TelephoneFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON index of pages and sections: every rendering with its URL, byte size, playing time and ETag, as served:
 * MP3, WAV and captions at each speed ("mp3", "slower.mp3", ...), chapters and the EPUB talking book for a page, the
 * HTML, the spoken text, and every telephone codec at its path URL.
 * Building it makes any audio that is not yet cached.
 */
final class ApiIndex {

    /** One rendering: where it is and what a client will get. Absent fields do not apply (HTML has no duration). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rendering(String url, String mediaType, Long bytes, Double seconds, String etag) {}

    record Keypad(String repeat, String previous, String next, String mainMenu, String help, String scheme) {}

    record Ivr(String vxml, String twiml, Keypad keypad, List<Prompt> prompts) {}

    record Prompt(String name, String words, Map<String, Rendering> telephone) {}

    record TelephonePart(int part, int of, double startSeconds, double endSeconds, Map<String, Rendering> formats) {}

    record SectionEntry(String id, String heading, int order, List<String> keypad, String spokenText,
                        Map<String, Rendering> formats, List<TelephonePart> telephone) {
        SectionEntry {
            formats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(formats));
        }
    }

    record PageEntry(String slug, String title, String summary, String reviewed, String nextReview, String href,
                     Map<String, Rendering> formats, Ivr ivr, List<SectionEntry> sections) {}

    record Pages(List<PageEntry> pages) {}

    private final Clips clips;
    private final Captioner captions;
    private final SpokenScripts scripts;
    private final TelephoneAudio telephone;
    private final Templates templates;
    private final Views views;
    private final TalkingBook books;

    ApiIndex(Clips clips, Captioner captions, SpokenScripts scripts, TelephoneAudio telephone, Templates templates, Views views,
             TalkingBook books) {
        this.books = books;
        this.clips = clips;
        this.captions = captions;
        this.scripts = scripts;
        this.telephone = telephone;
        this.templates = templates;
        this.views = views;
    }

    PageEntry page(Snapshot now, Page page, Links links) {
        Site site = now.site();
        Voicing v = now.voicing();
        KeypadMenu keypad = KeypadMenu.of(page);
        List<SectionEntry> sections = new ArrayList<>();
        for (int i = 0; i < page.sections().size(); i++) sections.add(section(now, page, i, keypad, links));
        // Audio first: the page's HTML shows the size of every clip once it exists.
        Map<String, Rendering> formats = new LinkedHashMap<>();
        String audio = "/audio/" + page.slug();
        for (Speed speed : SPEEDS) {
            String prefix = speed == Speed.NORMAL ? "" : speed.label() + ".";
            Clip wav = clips.pageWav(v, page, speed);
            formats.put(prefix + "mp3", audio(links.path(audio + speed.fileSuffix() + ".mp3"), clips.page(v, page, speed, Format.MP3)));
            formats.put(prefix + "wav", audio(links.path(audio + speed.fileSuffix() + ".wav"), wav));
            formats.put(prefix + "captions", text(links.path(audio + speed.fileSuffix() + ".vtt"), AudioRoutes.VTT,
                    captions.pageVtt(v, page, speed), etag(wav, prefix + "vtt")));
            formats.put(prefix + "chapters", text(links.path(audio + speed.fileSuffix() + ".chapters.vtt"), AudioRoutes.VTT,
                    captions.chaptersVtt(v, page, speed), etag(wav, prefix + "chapters.vtt")));
        }
        Clip book = books.book(v, site, page);
        formats.put("epub", new Rendering(links.path("/" + page.slug() + "." + TalkingBook.EXTENSION), book.mediaType(), book.size(),
                null, book.etag()));
        formats.put("html", html(links.path("/" + page.slug()), templates.render("page.ftlh", views.page(now, page))));
        List<Prompt> prompts = new ArrayList<>();
        keypad.prompts().forEach((name, words) -> {
            Map<String, Rendering> tel = new LinkedHashMap<>();
            String version = telephone.promptVersion(v, words);
            for (TelephoneFormat f : TelephoneFormat.values()) {
                tel.put(f.id(), audio(links.prompt(page, name, version, f), telephone.prompt(v, words, f)));
            }
            prompts.add(new Prompt(name, words, tel));
        });
        Keypad keys = new Keypad(KeypadMenu.REPEAT, KeypadMenu.PREVIOUS, KeypadMenu.NEXT, KeypadMenu.MAIN_MENU, KeypadMenu.HELP,
                "In the main menu a section's keypad key plays it; a two-key section is in a \"more sections\" menu "
                        + "opened by the first key. During a section: 1 repeat, 4 previous, 6 next, 0 main menu, * help.");
        return new PageEntry(page.slug(), page.title(), page.summary(), page.reviewed().toString(), page.nextReview().toString(),
                links.path("/api/pages/" + page.slug() + ".json"), formats,
                new Ivr(links.vxml(page), links.twiml(page), keys, prompts), sections);
    }

    private SectionEntry section(Snapshot now, Page page, int index, KeypadMenu keypad, Links links) {
        Voicing v = now.voicing();
        Section section = page.sections().get(index);
        String base = "/audio/" + page.slug() + "/" + section.id();
        Clip wav = clips.sectionWav(v, page, section, Speed.NORMAL);
        String spoken = scripts.spoken(v, page, section);
        Map<String, Rendering> formats = new LinkedHashMap<>();
        // After the clip exists: the HTML shows its size and length, and is measured as it will be served.
        formats.put("html", html(links.path("/" + page.slug() + "/" + section.id()),
                templates.render("section.ftlh", views.section(now, page, section))));
        for (Speed speed : SPEEDS) {
            String prefix = speed == Speed.NORMAL ? "" : speed.label() + ".";
            Clip speedWav = clips.sectionWav(v, page, section, speed);
            formats.put(prefix + "mp3", audio(links.path(base + speed.fileSuffix() + ".mp3"), clips.section(v, page, section, speed, Format.MP3)));
            formats.put(prefix + "wav", audio(links.path(base + speed.fileSuffix() + ".wav"), speedWav));
            formats.put(prefix + "captions", text(links.path(base + speed.fileSuffix() + ".vtt"), AudioRoutes.VTT,
                    captions.sectionVtt(v, page, section, speed), etag(speedWav, prefix + "vtt")));
        }
        formats.put("text", text(links.path(base + ".txt"), "text/plain; charset=utf-8", spoken + "\n",
                "\"" + ArtifactStore.key("txt", spoken).substring(0, 32) + ".txt\""));
        List<TelephonePart> parts = new ArrayList<>();
        for (TelephoneAudio.Part part : telephone.parts(v, page, section)) {
            Map<String, Rendering> tel = new LinkedHashMap<>();
            for (TelephoneFormat f : TelephoneFormat.values()) {
                tel.put(f.id(), audio(links.telephone(page, section, part, f), telephone.section(v, page, section, part.number(), f)));
            }
            parts.add(new TelephonePart(part.number(), part.count(), round(part.start()), round(part.end()), tel));
        }
        return new SectionEntry(section.id(), section.introduction() ? "Introduction" : section.heading(), index + 1,
                keypad.keys(index), spoken, formats, parts);
    }

    /** Normal first: a client that reads the first rendering of a kind gets the usual speed. */
    private static final List<Speed> SPEEDS = List.of(Speed.NORMAL, Speed.SLOWER, Speed.FASTER);

    private static Rendering audio(String url, Clip clip) {
        return new Rendering(url, clip.mediaType(), clip.size(), round(clip.seconds()), clip.etag());
    }

    private static Rendering text(String url, String type, String body, String etag) {
        return new Rendering(url, type, (long) body.getBytes(StandardCharsets.UTF_8).length, null, etag);
    }

    private static Rendering html(String url, String body) {
        return new Rendering(url, "text/html; charset=utf-8", (long) body.getBytes(StandardCharsets.UTF_8).length, null, null);
    }

    private static String etag(Clip clip, String extension) {
        return "\"" + clip.audio().key().substring(0, 32) + "." + extension + "\"";
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
