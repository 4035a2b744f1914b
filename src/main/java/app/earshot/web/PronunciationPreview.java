package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.snapshot.Snapshot;
import app.earshot.pronunciation.PageReport;
import app.earshot.pronunciation.SpeechCheck;
import app.earshot.speech.Pronouncer;
import java.util.List;
import java.util.function.Function;

/**
 * The pronunciation report of a page for {@code serve --preview}, made on first request and remembered in the
 * snapshot it was made from, so a content or lexicon edit (a new snapshot) makes a new one.
 */
public final class PronunciationPreview {
    private final Pronouncer pronouncer;
    private final Function<Page, List<String>> sources;

    /**
     * @param pronouncer the voice's own analysis of text
     * @param sources    a page's source lines, for line numbers (empty when unknown)
     */
    public PronunciationPreview(Pronouncer pronouncer, Function<Page, List<String>> sources) {
        this.pronouncer = pronouncer;
        this.sources = sources;
    }

    /** The report of {@code page} of {@code now}, checked with that snapshot's script writer. */
    PageReport report(Snapshot now, Page page) {
        return now.memo("pronunciation-preview:" + page.slug(), () -> new SpeechCheck(pronouncer, now.speech().voice())
                .check(page, now.voicing().writer(), "pages/" + page.slug() + ".md", sources.apply(page)));
    }
}
