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
import app.earshot.speech.Voices;
import app.earshot.web.WebApp;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Wires the parts together; {@link #create} returns an unstarted server so tests can start it on any port. */
public final class App {
    private App() {}

    /** Everything read from a content folder: the site, its pronunciation lexicons and its interface words. */
    public record Content(Site site, Lexicon lexicon, app.earshot.messages.Catalogues messages, List<Lexicon> otherLexicons) {
        /** Content with the bundled interface words only. */
        public Content(Site site, Lexicon lexicon) {
            this(site, lexicon, app.earshot.messages.Catalogues.bundled());
        }

        /** Content with no lexicons of other languages. */
        public Content(Site site, Lexicon lexicon, app.earshot.messages.Catalogues messages) {
            this(site, lexicon, messages, List.of());
        }
    }

    /**
     * Loads and validates {@code dir}: pages, {@code site.yaml} and {@code lexicon.pls} (optional).
     *
     * @throws ContentException with every problem in every file, as {@code file:line: message}
     */
    public static Content load(Path dir) throws ContentException {
        // Nothing is read through a link that leads outside the content folder, not even to report its problems.
        if (Files.isDirectory(dir)) {
            List<String> outside = app.earshot.content.ContentLoader.linksOutside(dir.normalize());
            if (!outside.isEmpty()) throw new ContentException(outside);
        }
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
        List<Lexicon> others = otherLexicons(dir.normalize(), problems);
        if (!problems.isEmpty()) throw new ContentException(problems);
        return new Content(site, lexicon, messages, others);
    }

    /**
     * The lexicons of other languages, {@code lexicon.<tag>.pls} ({@code lexicon.es.pls}), in name order; each file's
     * {@code xml:lang} must be the language its name says.
     */
    private static List<Lexicon> otherLexicons(Path dir, List<String> problems) {
        List<Lexicon> others = new ArrayList<>();
        // A folder that is not there is reported once, as the content folder not found.
        if (!Files.isDirectory(dir)) return others;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path pls : files.filter(p -> p.getFileName().toString().matches("lexicon\\.[A-Za-z]{2,3}(-[A-Za-z0-9]+)*\\.pls")).sorted().toList()) {
                String name = pls.getFileName().toString();
                String tag = name.substring("lexicon.".length(), name.length() - ".pls".length());
                try {
                    Lexicon parsed = Lexicon.parse(pls);
                    if (!parsed.appliesTo(tag)) {
                        problems.add(pls + ":1: xml:lang says '" + parsed.language() + "' but the file name says '" + tag + "'");
                    } else {
                        others.add(parsed);
                    }
                } catch (LexiconException e) {
                    problems.addAll(e.problems());
                }
            }
        } catch (java.io.IOException e) {
            problems.add(dir + ": cannot list the lexicons: " + e.getMessage());
        }
        return others;
    }

    /** The snapshot of one load: the site, its lexicon and the voicing made from them. */
    public static Snapshot snapshot(Content content) {
        return Snapshot.of(content.site(), content.lexicon(), content.messages(), content.otherLexicons());
    }

    /** The narration parts, keeping what they make under {@code audioCache}. */
    public static Narrator narrator(Path audioCache, Synthesizer synthesizer) {
        return narrator(audioCache, synthesizer, app.earshot.making.Maker.open());
    }

    /**
     * As above, with every production (not cache hits) admitted by {@code maker} (the server's load shedding).
     * {@code synthesizer} speaks English; {@link Voices} adds eSpeak NG for every other language when it is installed.
     */
    public static Narrator narrator(Path audioCache, Synthesizer synthesizer, app.earshot.making.Maker maker) {
        return narrator(audioCache, synthesizer, maker, Seal.NONE);
    }

    /** As above, with every record in the cache signed with {@code seal} (a shared cache's key). */
    public static Narrator narrator(Path audioCache, Synthesizer synthesizer, app.earshot.making.Maker maker, Seal seal) {
        return Narrator.of(synthesizer instanceof Voices ? synthesizer : Voices.of(synthesizer), artifactStore(audioCache, maker, seal));
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
