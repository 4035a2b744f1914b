package app.earshot.web;

import app.earshot.content.Languages;
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

    /**
     * The report of {@code page} of {@code now}, checked with that snapshot's script writer. A page the English voice
     * does not speak ({@link #checks}) gets its scripts with no word marked: FreeTTS's lexicon says nothing of how
     * eSpeak NG says Spanish, and checking Spanish against it marked most of a page as guessed.
     */
    PageReport report(Snapshot now, Page page) {
        return now.memo("pronunciation-preview:" + page.slug(), () -> {
            PageReport report = new SpeechCheck(pronouncer, now.speech().voice())
                    .check(page, now.voicing().writer(), "pages/" + page.slug() + ".md", sources.apply(page));
            return checks(page) ? report : report.withoutGuesses();
        });
    }

    /** True if the preview can tell which words of {@code page} its voice guesses: pages FreeTTS speaks (English). */
    static boolean checks(Page page) {
        return Languages.isEnglish(page.language());
    }
}
