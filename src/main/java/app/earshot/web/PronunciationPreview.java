package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.narration.Narrator;
import app.earshot.pronunciation.PageReport;
import app.earshot.pronunciation.SpeechCheck;
import app.earshot.speech.Pronouncer;
import app.earshot.speech.ScriptWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The pronunciation report of a page for {@code serve --preview}, made on first request and kept while neither the
 * content snapshot nor the script writer (lexicon) changes.
 */
public final class PronunciationPreview {
    private record Made(Site site, ScriptWriter writer, PageReport report) {}

    private final Narrator narrator;
    private final Pronouncer pronouncer;
    private final Function<Page, List<String>> sources;
    private final Map<String, Made> reports = new ConcurrentHashMap<>();

    /**
     * @param narrator   whose script writer the report checks, so it always matches the narration
     * @param pronouncer the voice's own analysis of text
     * @param sources    a page's source lines, for line numbers (empty when unknown)
     */
    public PronunciationPreview(Narrator narrator, Pronouncer pronouncer, Function<Page, List<String>> sources) {
        this.narrator = narrator;
        this.pronouncer = pronouncer;
        this.sources = sources;
    }

    /** The report of {@code page} in {@code site} (a page of the current snapshot). */
    PageReport report(Site site, Page page) {
        ScriptWriter writer = narrator.scriptWriter();
        Made made = reports.get(page.slug());
        if (made == null || made.site() != site || made.writer() != writer) {
            SpeechCheck check = new SpeechCheck(pronouncer, site.speech().voice());
            made = new Made(site, writer, check.check(page, writer, "pages/" + page.slug() + ".md", sources.apply(page)));
            reports.put(page.slug(), made);
        }
        return made.report();
    }
}
