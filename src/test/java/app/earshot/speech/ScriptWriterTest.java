package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.Fixture;
import app.earshot.content.Page;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScriptWriterTest {
    static Page page;
    static ScriptWriter writer;

    @BeforeAll
    static void load() throws Exception {
        App.Content content = App.load(Fixture.SITE);
        page = content.site().page("about-ketamine").orElseThrow();
        writer = new ScriptWriter(new SpeechNormalizer(), content.lexicon());
    }

    static SpeechScript script(String id) {
        return writer.section(page, page.section(id).orElseThrow());
    }

    @Test
    void tableIsReadRowByRowWithHeaders() {
        assertTrue(script("ketamine-vs-traditional-antidepressants").text().contains(
                "Time to Effect. Traditional Antidepressants: 4 to 6 weeks or longer. Ketamine Therapy: Hours to days."));
    }

    @Test
    void tableCaptionIsAnnounced() {
        assertTrue(script("ketamine-vs-traditional-antidepressants").text().contains("Table: How ketamine therapy compares"));
    }

    @Test
    void eachStatisticIsReadWithItsMeaning() {
        String text = script("research-evidence").text();
        assertTrue(text.contains("70 percent: Response rate in treatment-resistant depression studies."), text);
        assertTrue(text.contains("24 hours: Time to significant improvement in many patients."), text);
        assertTrue(text.contains("over 500: Published research studies on ketamine therapy."), text);
    }

    @Test
    void headingComesFirst() {
        assertTrue(script("fda-breakthrough-status").text().startsWith("FDA Breakthrough Status.\n\n"));
    }

    @Test
    void introductionStartsWithThePageTitle() {
        assertTrue(script("introduction").text().startsWith(page.title()));
    }

    @Test
    void listItemsAreSeparateSentences() {
        String text = script("key-facts-about-ketamine").text();
        assertTrue(text.contains("over 50 years of safe medical use. FDA-approved for treatment-resistant depression. Rapid onset, effects within hours or days."), text);
    }

    @Test
    void lexiconWordsAreRespelledOnlyInWhatIsSpoken() {
        SpeechScript s = script("how-does-ketamine-work");
        assertTrue(s.spoken().contains("N-M-D-A receptors") && s.text().contains("NMDA receptors"), s.spoken());
        assertTrue(script("fda-breakthrough-status").spoken().contains("F-D-A approved es-ketamine"));
    }

    @Test
    void spokenAndShownTextHaveTheSameWords() {
        for (var section : page.sections()) {
            SpeechScript s = writer.section(page, section);
            assertEquals(s.text().split("\\s+").length, s.spoken().split("\\s+").length, section.id());
        }
    }

    @Test
    void capitalAStandingAloneIsSpokenAsTheArticle() {
        assertTrue(script("a-revolutionary-approach-to-mental-health-treatment").spoken().startsWith("a Revolutionary Approach"));
    }

    @Test
    void noSymbolIsEverSpoken() {
        for (var section : page.sections()) {
            String spoken = writer.section(page, section).spoken();
            assertFalse(spoken.matches("(?s).*[&%+•/#*|<>].*"), section.id() + ": " + spoken);
        }
    }
}
