package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pronunciation preview of a page in a language its voice (FreeTTS, English) does not speak: checked against the
 * English dictionary, the Spanish fixture page had 208 "guessed" words, and its Spanish text sat in an English page
 * with no language of its own, so a screen reader read it in the English voice. Now the preview says it cannot find
 * guessed words there, marks none, and marks the page's own words with the page's language.
 */
class PreviewLanguageTest {
    static final String SPANISH = "acerca-de-la-ketamina";
    static final String ENGLISH = "about-ketamine";
    static TestServer preview;

    @BeforeAll
    static void start() {
        preview = TestServer.startWithPreview(Fixture.BILINGUAL);
    }

    @AfterAll
    static void stop() {
        preview.close();
    }

    @Test
    void aSpanishPageMarksNoGuessedWordAndSaysWhy() {
        Document doc = preview.html("/preview/" + SPANISH);
        assertEquals(0, doc.select("mark").size(), doc.select("mark").eachText().toString());
        assertTrue(doc.select("#guessed-heading").isEmpty(), "no guessed-words section");
        String notice = doc.select("main p").eachText().toString();
        assertTrue(notice.contains("This page is in Spanish") && notice.contains("eSpeak NG") && notice.contains("only in English pages"), notice);
        assertEquals(404, preview.get("/preview/" + SPANISH + "/words/0.wav").statusCode());
    }

    @Test
    void thePagesOwnWordsCarryThePagesLanguageInAnEnglishTool() {
        Document doc = preview.html("/preview/" + SPANISH);
        assertEquals("en", doc.selectFirst("html").attr("lang"), "the tool's own words are English");
        assertEquals("es", doc.selectFirst("h1 span").attr("lang"));
        assertFalse(doc.select("td").isEmpty());
        for (Element cell : doc.select("td")) assertEquals("es", cell.attr("lang"), cell.outerHtml());
        for (Element caption : doc.select("caption .caption-text")) assertEquals("es", caption.attr("lang"), caption.outerHtml());
        // The English tool's own headings and notes are not marked Spanish.
        for (Element heading : doc.select("h2")) assertEquals("", heading.attr("lang"), heading.outerHtml());
    }

    @Test
    void theEnglishTranslationIsStillChecked() throws Exception {
        Document doc = preview.html("/preview/" + ENGLISH);
        assertFalse(doc.select("#guessed-heading").isEmpty());
        for (Element cell : doc.select("td")) assertEquals("en", cell.attr("lang"), cell.outerHtml());
        ObjectMapper json = new ObjectMapper();
        assertTrue(json.readTree(preview.get("/api/pages/" + ENGLISH).body()).has("guessedWords"));
        // The Spanish page's entry has none: an empty list would say none were found.
        assertFalse(json.readTree(preview.get("/api/pages/" + SPANISH).body()).has("guessedWords"));
    }
}
