package app.earshot;

import app.earshot.store.ArtifactStore;
import app.earshot.store.Seal;
import app.earshot.content.ContentException;
import app.earshot.content.ContentLoader;
import app.earshot.snapshot.Snapshot;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.content.Site;
import app.earshot.narration.Narrator;
import app.earshot.speech.Lexicon;
import app.earshot.speech.LexiconException;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.Synthesizer;
import app.earshot.web.WebApp;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Wires the parts together; {@link #create} returns an unstarted server so tests can start it on any port. */
public final class App {
    private App() {}

    /** Everything read from a content folder: the site, its pronunciation lexicon and its interface words. */
    public record Content(Site site, Lexicon lexicon, app.earshot.messages.Catalogues messages) {
        /** Content with the bundled interface words only. */
        public Content(Site site, Lexicon lexicon) {
            this(site, lexicon, app.earshot.messages.Catalogues.bundled());
        }
    }

    /**
     * Loads and validates {@code dir}: pages, {@code site.yaml} and {@code lexicon.pls} (optional).
     *
     * @throws ContentException with every problem in every file, as {@code file:line: message}
     */
    public static Content load(Path dir) throws ContentException {
        List<String> problems = new ArrayList<>();
        Site site = null;
        try {
            site = new ContentLoader().load(dir);
        } catch (ContentException e) {
            problems.addAll(e.problems());
        }
        Lexicon lexicon = Lexicon.empty();
        Path pls = dir.normalize().resolve("lexicon.pls");
        if (Files.exists(pls)) {
            try {
                lexicon = Lexicon.parse(pls);
            } catch (LexiconException e) {
                problems.addAll(e.problems());
            }
        }
        // Interface words: the bundled catalogues with the site's own (content/messages/<tag>.properties) over them;
        // every language site.yaml lists must have every message English has.
        Path messagesDir = dir.normalize().resolve("messages");
        app.earshot.messages.Catalogues messages = app.earshot.messages.Catalogues.bundled();
        try {
            messages = app.earshot.messages.Catalogues.load(messagesDir);
            if (site != null) for (String tag : site.languages()) problems.addAll(messages.problems(tag, messagesDir));
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            problems.add(messagesDir + ":1: the message catalogues cannot be read: " + e.getMessage());
        }
        if (!problems.isEmpty()) throw new ContentException(problems);
        return new Content(site, lexicon, messages);
    }

    /** The snapshot of one load: the site, its lexicon and the voicing made from them. */
    public static Snapshot snapshot(Content content) {
        return Snapshot.of(content.site(), content.lexicon(), content.messages());
    }

    /** The narration parts, keeping what they make under {@code audioCache}. */
    public static Narrator narrator(Path audioCache, Synthesizer synthesizer) {
        return narrator(audioCache, synthesizer, app.earshot.making.Maker.open());
    }

    /** As above, with every production (not cache hits) admitted by {@code maker} (the server's load shedding). */
    public static Narrator narrator(Path audioCache, Synthesizer synthesizer, app.earshot.making.Maker maker) {
        return narrator(audioCache, synthesizer, maker, Seal.NONE);
    }

    /** As above, with every record in the cache signed with {@code seal} (a shared cache's key). */
    public static Narrator narrator(Path audioCache, Synthesizer synthesizer, app.earshot.making.Maker maker, Seal seal) {
        return Narrator.of(synthesizer, artifactStore(audioCache, maker, seal));
    }

    /** The store under {@code audioCache}, with every format check the server's artifacts have, signing with {@code seal}. */
    public static ArtifactStore artifactStore(Path audioCache, app.earshot.making.Maker maker, Seal seal) {
        return new ArtifactStore(audioCache, maker, java.util.Map.of(
                app.earshot.epub.TalkingBook.EXTENSION, app.earshot.epub.TalkingBook::checkContainer,
                "cues.json", app.earshot.narration.Captioner::checkCues), seal);
    }

    /** How {@code content}'s sections are turned into speech: normalisation, then its lexicon. */
    public static ScriptWriter scriptWriter(Content content) {
        return snapshot(content).voicing().writer();
    }

    /** A server for {@code content}, not yet started, with {@link WebApp.Builder}'s defaults (build one for more). */
    public static Javalin create(SnapshotStore content, Narrator narrator) {
        return WebApp.builder(content, narrator).build();
    }
}
