package app.earshot.epub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.content.Block;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.speech.Captions.Cue;
import app.earshot.speech.Lexicon;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.SpeechNormalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChapterTest {
    static final ScriptWriter WRITER = new ScriptWriter(new SpeechNormalizer(), Lexicon.empty());

    /** The chapter of a section with {@code html} and {@code blocks}, timed by one cue per sentence, a second each. */
    static Chapter chapter(String html, Block... blocks) {
        Section section = new Section("s", "Heading", false, html, html, List.of(blocks), 1);
        Page page = new Page("p", "Page", "", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), List.of(section));
        List<ScriptWriter.Passage> passages = WRITER.passages(page, section);
        List<Cue> cues = new ArrayList<>();
        for (ScriptWriter.Passage passage : passages) {
            for (String sentence : passage.text().split("(?<=[.?!])\\s+")) {
                cues.add(new Cue(cues.size(), cues.size() + 1, sentence.replaceAll("\\s+", " ")));
            }
        }
        return Chapter.of(page, section, passages, cues);
    }

    static List<String> timedText(Chapter chapter) {
        return chapter.anchors().stream().map(a -> chapter.body().getElementById(a.id()).text()).toList();
    }

    @Test
    void eachWrittenSentenceIsTimedByItsSpokenSentence() {
        Chapter chapter = chapter("<p>Take 5 mg. Then rest.</p>", new Block.Paragraph("Take 5 mg. Then rest."));
        assertEquals(List.of("Heading", "Take 5 mg.", "Then rest."), timedText(chapter));
        assertEquals(List.of(1.0, 2.0), chapter.anchors().subList(1, 3).stream().map(Chapter.Anchor::start).toList());
    }

    @Test
    void blockIsTimedWholeWhenSentenceCountsDiffer() {
        // "Approx." ends a written sentence by the rule, but is spoken as "approximately" inside one.
        Chapter chapter = chapter("<p>Approx. half respond.</p>", new Block.Paragraph("Approx. half respond."));
        assertEquals(List.of("Heading", "Approx. half respond."), timedText(chapter));
    }

    @Test
    void blockIsTimedWholeWhenASentenceWouldStartInsideMarkup() {
        Chapter chapter = chapter("<p><strong>Rest. Sleep.</strong> Eat.</p>", new Block.Paragraph("Rest. Sleep. Eat."));
        assertEquals(List.of("Heading", "Rest. Sleep. Eat."), timedText(chapter));
        assertEquals("<p id=\"t2\"><strong>Rest. Sleep.</strong> Eat.</p>", chapter.body().selectFirst("p").outerHtml());
    }

    @Test
    void sentencesAroundInlineMarkupAreWrapped() {
        Chapter chapter = chapter("<p>Ask <em>first</em>. Then act.</p>", new Block.Paragraph("Ask first. Then act."));
        assertEquals(List.of("Heading", "Ask first.", "Then act."), timedText(chapter));
    }

    @Test
    void orderedListItemsAreTimedOneByOneDespiteTheirSpokenNumbers() {
        Chapter chapter = chapter("<ol><li>Rest</li><li>Drink water</li></ol>",
                new Block.ItemList(true, List.of("Rest", "Drink water")));
        assertEquals(List.of("Heading", "Rest", "Drink water"), timedText(chapter));
    }

    @Test
    void tableCaptionAndEachBodyRowAreTimedButNotTheHeaderRow() {
        String html = "<div class=\"table-region\"><table><caption id=\"c\">Doses</caption><thead><tr><th scope=\"col\">Drug</th>"
                + "<th scope=\"col\">Dose</th></tr></thead><tbody><tr><th scope=\"row\">A</th><td>5 mg</td></tr>"
                + "<tr><th scope=\"row\">B</th><td>10 mg</td></tr></tbody></table></div>";
        Chapter chapter = chapter(html, new Block.Table("Doses", List.of("Drug", "Dose"), List.of(List.of("A", "5 mg"), List.of("B", "10 mg"))));
        assertEquals(List.of("Heading", "Doses", "A 5 mg", "B 10 mg"), timedText(chapter));
    }

    @Test
    void linksIntoTheSiteBecomeTextAndWebLinksStay() {
        Chapter chapter = chapter("<p>See <a href=\"/other\">this</a> and <a href=\"https://example.org/\">that</a>.</p>",
                new Block.Paragraph("See this and that."));
        assertEquals("<p id=\"t2\">See this and <a href=\"https://example.org/\">that</a>.</p>", chapter.body().selectFirst("p").outerHtml());
    }
}
