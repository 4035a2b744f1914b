package app.earshot.web;

import app.earshot.store.ArtifactStore;
import app.earshot.store.Keys;
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
 * HTML, the spoken text, and every telephone codec at its path URL. It answers at once from what is stored: audio not
 * made yet is listed with its URL and {@code "ready": false} (no size or length), counted in {@code pending}, and
 * {@link #completeLater} makes it in the background, so the index is complete once that finishes.
 */
final class ApiIndex {

    /**
     * One rendering: where it is and what a client will get; {@code ready} false (and no bytes, seconds or ETag) while
     * it is not made yet. Absent fields do not apply (HTML has no duration).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rendering(String url, String mediaType, Long bytes, Double seconds, String etag, boolean ready) {}

    record Keypad(String repeat, String previous, String next, String mainMenu, String help, String scheme) {}

    record Ivr(String vxml, String twiml, Keypad keypad, List<Prompt> prompts) {}

    record Prompt(String name, String words, Map<String, Rendering> telephone) {}

    record TelephonePart(int part, int of, double startSeconds, double endSeconds, Map<String, Rendering> formats) {}

    /** {@code telephone} is empty while the section's audio is not made yet: its parts are known once it is. */
    record SectionEntry(String id, String heading, int order, List<String> keypad, String spokenText,
                        Map<String, Rendering> formats, List<TelephonePart> telephone) {
        SectionEntry {
            formats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(formats));
        }
    }

    /** {@code pending}: renderings of this page not made yet (each listed with {@code "ready": false}). */
    record PageEntry(String slug, String title, String summary, String reviewed, String nextReview, String href,
                     int pending, Map<String, Rendering> formats, Ivr ivr, List<SectionEntry> sections) {}

    record Pages(int pending, List<PageEntry> pages) {}

    private final Clips clips;
    private final Captioner captions;
    private final SpokenScripts scripts;
    private final TelephoneAudio telephone;
    private final PageRoutes pages;
    private final TalkingBook books;
    private final ArtifactStore store;
    private final app.earshot.making.Maker maker;

    ApiIndex(Clips clips, Captioner captions, SpokenScripts scripts, TelephoneAudio telephone, PageRoutes pages,
             TalkingBook books, ArtifactStore store) {
        this.books = books;
        this.clips = clips;
        this.captions = captions;
        this.scripts = scripts;
        this.telephone = telephone;
        this.pages = pages;
        this.store = store;
        this.maker = store.maker();
    }

    /** The page's entry from what is stored now: never makes audio, never waits for it. */
    PageEntry page(Snapshot now, Page page, Links links) {
        return describe(now, page, links, true);
    }

    /**
     * Asks the {@link app.earshot.making.Maker} to make, as background work (one run at a time, behind every person),
     * every rendering of {@code pages} that an answer listed as not ready, so a later answer is complete.
     */
    void completeLater(Snapshot now, List<Page> pages) {
        maker.later("api complete", () -> {
            for (Page page : pages) if (!maker.stopping()) describe(now, page, Links.relative(), false);
        });
    }

    /** The entry; with {@code storedOnly}, audio not stored yet is listed as not ready instead of being made. */
    private PageEntry describe(Snapshot now, Page page, Links links, boolean storedOnly) {
        Site site = now.site();
        Voicing v = now.voicing();
        Tally tally = new Tally(storedOnly);
        KeypadMenu keypad = KeypadMenu.of(page);
        List<SectionEntry> sections = new ArrayList<>();
        for (int i = 0; i < page.sections().size(); i++) sections.add(section(now, page, i, keypad, links, tally));
        Map<String, Rendering> formats = new LinkedHashMap<>();
        for (Speed speed : SPEEDS) {
            String prefix = speed == Speed.NORMAL ? "" : speed.label() + ".";
            String url = links.audio(page) + speed.fileSuffix();
            formats.put(prefix + "mp3", tally.audio(url + ".mp3", Format.MP3.mediaType(),
                    () -> clips.page(v, page, speed, Format.MP3)));
            formats.put(prefix + "wav", tally.audio(url + ".wav", Format.WAV.mediaType(),
                    () -> clips.pageWav(v, page, speed)));
            formats.put(prefix + "captions", tally.text(url + ".vtt", AudioRoutes.VTT,
                    () -> captions.pageVtt(v, page, speed), () -> etag(clips.pageWav(v, page, speed), prefix + "vtt")));
            formats.put(prefix + "chapters", tally.text(url + ".chapters.vtt", AudioRoutes.VTT,
                    () -> captions.chaptersVtt(v, page, speed), () -> etag(clips.pageWav(v, page, speed), prefix + "chapters.vtt")));
        }
        formats.put("epub", tally.audio(links.path("/" + page.slug() + "." + TalkingBook.EXTENSION), TalkingBook.MEDIA_TYPE,
                () -> books.book(v, now.messages(page.language()), site, page), false));
        formats.put("html", html(links.path("/" + page.slug()), pages.html(now, page, null, links)));
        List<Prompt> prompts = new ArrayList<>();
        keypad.prompts().forEach((name, words) -> {
            Map<String, Rendering> tel = new LinkedHashMap<>();
            String version = tally.value(() -> telephone.promptVersion(v, words, page.language(), Links.promptPlace(page.slug(), name)));
            for (TelephoneFormat f : TelephoneFormat.values()) {
                tel.put(f.id(), tally.audio(links.prompt(page, name, version, f), f.mediaType(), () -> telephone.prompt(v, words, page.language(), f)));
            }
            prompts.add(new Prompt(name, words, tel));
        });
        Keypad keys = new Keypad(KeypadMenu.REPEAT, KeypadMenu.PREVIOUS, KeypadMenu.NEXT, KeypadMenu.MAIN_MENU, KeypadMenu.HELP,
                "In the main menu a section's keypad key plays it; a two-key section is in a \"more sections\" menu "
                        + "opened by the first key. During a section: 1 repeat, 4 previous, 6 next, 0 main menu, * help.");
        return new PageEntry(page.slug(), page.title(), page.summary(), page.reviewed().toString(), page.nextReview().toString(),
                links.path("/api/pages/" + page.slug() + ".json"), tally.pending, formats,
                new Ivr(links.vxml(page), links.twiml(page), keys, prompts), sections);
    }

    private SectionEntry section(Snapshot now, Page page, int index, KeypadMenu keypad, Links links, Tally tally) {
        Voicing v = now.voicing();
        Section section = page.sections().get(index);
        String base = links.audio(page, section);
        String spoken = scripts.spoken(v, page, section);
        Map<String, Rendering> formats = new LinkedHashMap<>();
        // Rendered as the page route renders it: it shows the clip's size and length once the clip exists.
        formats.put("html", html(links.path("/" + page.slug() + "/" + section.id()), pages.html(now, page, section, links)));
        for (Speed speed : SPEEDS) {
            String prefix = speed == Speed.NORMAL ? "" : speed.label() + ".";
            String url = base + speed.fileSuffix();
            formats.put(prefix + "mp3", tally.audio(url + ".mp3", Format.MP3.mediaType(),
                    () -> clips.section(v, page, section, speed, Format.MP3)));
            formats.put(prefix + "wav", tally.audio(url + ".wav", Format.WAV.mediaType(),
                    () -> clips.sectionWav(v, page, section, speed)));
            formats.put(prefix + "captions", tally.text(url + ".vtt", AudioRoutes.VTT,
                    () -> captions.sectionVtt(v, page, section, speed), () -> etag(clips.sectionWav(v, page, section, speed), prefix + "vtt")));
        }
        formats.put("text", text(base + ".txt", "text/plain; charset=utf-8", spoken + "\n",
                Keys.etag(ArtifactStore.key("txt", spoken), "txt")));
        List<TelephonePart> parts = new ArrayList<>();
        List<TelephoneAudio.Part> known = tally.value(() -> telephone.parts(v, page, section));
        if (known == null) tally.pending += TelephoneFormat.values().length;
        for (TelephoneAudio.Part part : known == null ? List.<TelephoneAudio.Part>of() : known) {
            Map<String, Rendering> tel = new LinkedHashMap<>();
            for (TelephoneFormat f : TelephoneFormat.values()) {
                tel.put(f.id(), tally.audio(links.telephone(page, section, part, f), f.mediaType(),
                        () -> telephone.section(v, page, section, part.number(), f)));
            }
            parts.add(new TelephonePart(part.number(), part.count(), round(part.start()), round(part.end()), tel));
        }
        return new SectionEntry(section.id(), section.heading(), index + 1,
                keypad.keys(index), spoken, formats, parts);
    }

    /**
     * Asks for each rendering's audio, either only from the store (one not stored is listed as not ready and counted)
     * or making it (background completion).
     */
    private final class Tally {
        private final boolean storedOnly;
        int pending;

        Tally(boolean storedOnly) {
            this.storedOnly = storedOnly;
        }

        /** What {@code made} gives, or null if it needs audio not stored yet. */
        <T> T value(java.util.function.Supplier<T> made) {
            if (maker.stopping()) throw new IllegalStateException("the server is stopping");
            if (!storedOnly) return made.get();
            try {
                return store.storedOnly(made);
            } catch (ArtifactStore.NotStored e) {
                return null;
            }
        }

        Rendering audio(String url, String mediaType, java.util.function.Supplier<Clip> made) {
            return audio(url, mediaType, made, true);
        }

        Rendering audio(String url, String mediaType, java.util.function.Supplier<Clip> made, boolean timed) {
            Clip clip = value(made);
            if (clip == null) return notReady(url, mediaType);
            return new Rendering(url, clip.mediaType(), clip.size(), timed ? round(clip.seconds()) : null, clip.etag(), true);
        }

        Rendering text(String url, String type, java.util.function.Supplier<String> body, java.util.function.Supplier<String> etag) {
            String made = value(body);
            String tag = made == null ? null : value(etag);
            if (tag == null) return notReady(url, type);
            return ApiIndex.text(url, type, made, tag);
        }

        private Rendering notReady(String url, String mediaType) {
            pending++;
            return new Rendering(url, mediaType, null, null, null, false);
        }
    }

    /** Normal first: a client that reads the first rendering of a kind gets the usual speed. */
    private static final List<Speed> SPEEDS = List.of(Speed.NORMAL, Speed.SLOWER, Speed.FASTER);

    private static Rendering text(String url, String type, String body, String etag) {
        return new Rendering(url, type, (long) body.getBytes(StandardCharsets.UTF_8).length, null, etag, true);
    }

    private static Rendering html(String url, String body) {
        return new Rendering(url, "text/html; charset=utf-8", (long) body.getBytes(StandardCharsets.UTF_8).length, null, null, true);
    }

    private static String etag(Clip clip, String extension) {
        return Keys.etag(clip.audio(), extension);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
