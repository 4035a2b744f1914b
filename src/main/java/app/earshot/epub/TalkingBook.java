package app.earshot.epub;

import app.earshot.messages.Messages;

import app.earshot.store.ArtifactStore;
import app.earshot.store.Artifact;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Speed;
import app.earshot.narration.Clip;
import app.earshot.narration.Narrator;
import app.earshot.narration.Captioner;
import app.earshot.narration.Clips;
import app.earshot.narration.RenderingKeys;
import app.earshot.narration.Voicing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes a page's EPUB 3 talking book (its written sections, a table of contents, each section's MP3 at the normal
 * speed and Media Overlays timing every sentence) and keeps it in the audio cache, keyed by the section MP3s and the
 * text, so it is rebuilt exactly when either changes. Synthesis failures surface as
 * {@link app.earshot.speech.SynthesisException}.
 */
public final class TalkingBook {
    public static final String MEDIA_TYPE = Epub.MEDIA_TYPE;
    /** File extension, in URLs and the cache. */
    public static final String EXTENSION = "epub";
    /** Bumped whenever the way books are written changes, so old cache entries are not reused. */
    static final String FORMAT_VERSION = "epub-3"; // epub-3: care callouts under their own heading; SMIL textref with a fragment

    private final Clips clips;
    private final Captioner captions;
    private final RenderingKeys keys;
    private final ArtifactStore store;

    /** Books made from {@code narrator}'s clips and captions, kept in its store. */
    public static TalkingBook of(Narrator narrator) {
        return new TalkingBook(narrator.clips(), narrator.captions(), narrator.keys(), narrator.store());
    }

    public TalkingBook(Clips clips, Captioner captions, RenderingKeys keys, ArtifactStore store) {
        this.clips = clips;
        this.captions = captions;
        this.keys = keys;
        this.store = store;
    }

    /**
     * The page's book, made (with any section audio still missing) if not cached; its own words (contents, summary,
     * narrator) from {@code msg}, the catalogue of the page's language.
     */
    public Clip book(Voicing v, Messages msg, Site site, Page page) {
        List<Clip> made = new ArrayList<>();
        for (Section section : page.sections()) made.add(clips.sectionMp3(v, page, section, Speed.NORMAL));
        String key = key(v, msg, site, page);
        Artifact epub = store.get(key, EXTENSION, () -> write(v, msg, site, page, made));
        return new Clip(epub, MEDIA_TYPE, made.stream().mapToDouble(Clip::seconds).sum());
    }

    /** Size of the page's book if it is already cached; never synthesizes or builds. */
    public Optional<Long> cachedSize(Voicing v, Messages msg, Site site, Page page) {
        return store.find(key(v, msg, site, page), EXTENSION).map(Artifact::size);
    }

    /** A stable identifier for this edition of the page: it changes when the page is reviewed again. */
    static String identifier(Page page) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("earshot:" + page.slug() + ":" + page.reviewed())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The book's bytes, made now (not from the cache) from the section clips at the normal speed. */
    byte[] write(Voicing v, Messages msg, Site site, Page page) {
        List<Clip> made = new ArrayList<>();
        for (Section section : page.sections()) made.add(clips.sectionMp3(v, page, section, Speed.NORMAL));
        return write(v, msg, site, page, made);
    }

    private byte[] write(Voicing v, Messages msg, Site site, Page page, List<Clip> clips) {
        return Epub.write(describe(v, msg, site, page, clips));
    }

    private Epub.Book describe(Voicing v, Messages msg, Site site, Page page, List<Clip> clips) {
        List<Epub.Part> parts = new ArrayList<>();
        for (int i = 0; i < page.sections().size(); i++) {
            Section section = page.sections().get(i);
            Chapter chapter = Chapter.of(page, section, v.passages(page, section), captions.sectionCues(v, page, section, Speed.NORMAL));
            // As on the web page: an unreviewed translation says so right after its first heading, in its own language
            // (not narrated: the recording is the page's text).
            if (i == 0 && page.unreviewedTranslation()) {
                chapter.body().selectFirst("h1").after(new org.jsoup.nodes.Element("p").addClass("translation-notice")
                        .attr("role", "note").text(msg.get("translation.unreviewed")));
            }
            parts.add(new Epub.Part(section.id(), section.heading(), chapter,
                    bytes(clips.get(i)), clips.get(i).seconds()));
        }
        return new Epub.Book(identifier(page), page.title(), language(site, page), site.organisation(), page.summary(),
                page.reviewed(), msg.get("epub.summary"), narrator(msg, page), parts,
                new Epub.Words(msg.get("epub.contents"), msg.get("epub.landmarks"), msg.get("epub.start")));
    }

    /** Who reads the book, in its language: the engine that speaks the page's language (see speech/Voices). */
    private static String narrator(Messages msg, Page page) {
        return msg.format("epub.narrator", app.earshot.content.Languages.isEnglish(page.language()) ? "FreeTTS" : "eSpeak NG");
    }

    /**
     * Everything that changes the book's bytes: the format, the site and page details it shows, its own words (from
     * the catalogue of the page's language), text and audio.
     */
    private String key(Voicing v, Messages msg, Site site, Page page) {
        List<String> parts = new ArrayList<>(List.of("epub", FORMAT_VERSION, language(site, page), site.organisation(),
                page.slug(), page.title(), page.summary(), page.reviewed().toString(), msg.get("epub.summary"),
                narrator(msg, page), msg.get("epub.contents"), msg.get("epub.landmarks"), msg.get("epub.start"),
                page.unreviewedTranslation() ? msg.get("translation.unreviewed") : ""));
        for (Section section : page.sections()) {
            parts.addAll(List.of(section.id(), section.heading(), Boolean.toString(section.introduction()),
                    section.standaloneHtml(), section.blocks().toString(),
                    keys.sectionMp3(v, page, section, Speed.NORMAL)));
        }
        return ArtifactStore.key(parts.toArray(String[]::new));
    }

    /** The book's language ({@code dc:language}, {@code xml:lang}): the page's, or the site's for a page naming none. */
    private static String language(Site site, Page page) {
        return page.language().isEmpty() ? site.language() : page.language();
    }

    private static byte[] bytes(Clip clip) {
        try {
            return clip.audio().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + clip.audio().key(), e);
        }
    }

    /**
     * The store's check of a ".epub" file: a complete ZIP whose first entry is an uncompressed "mimetype" without an
     * extra field, as the EPUB container requires (reading systems look for it at a fixed offset).
     *
     * @throws java.io.IOException if the file is not such a container
     */
    public static void checkContainer(java.nio.file.Path file) throws java.io.IOException {
        // Opening reads the central directory at the very end, so a truncated file fails here.
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            if (zip.getEntry("mimetype") == null) throw new java.io.IOException("no mimetype entry");
        }
        byte[] head = new byte[38];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) throw new java.io.IOException("too short for an EPUB");
        }
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        boolean first = le.getInt(0) == 0x04034b50 && le.getShort(8) == 0 && le.getShort(26) == 8
                && le.getShort(28) == 0
                && new String(head, 30, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("mimetype");
        if (!first) throw new java.io.IOException("the first entry is not an uncompressed mimetype");
    }
}
