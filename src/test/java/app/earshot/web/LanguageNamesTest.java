package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.VoiceXmlValidator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The language choice of a bilingual site line (English and Spanish) understands a caller who says either language's
 * name in either language ("Spanish", "español", "espanol", "English", "inglés"), by voice on a platform that
 * recognises one language only as well as on one that recognises both, and always by key; words that name no
 * language, or both, are no choice and the choice is said again.
 */
class LanguageNamesTest {
    private static final String SPANISH_LINE = "/ivr/es/ivr.vxml";
    private static final String ENGLISH_LINE = "/ivr/en/ivr.vxml";
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(SpanishNarrationTest.SITE);
        PhoneLineReady.await(server, "/ivr.vxml", SPANISH_LINE, ENGLISH_LINE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * A VoiceXML platform with a recogniser for one of the two languages only leaves the other language's grammar out;
     * the caller's language's name must still be heard, as that recogniser reads it. Each grammar lists every
     * language's name: its own words with their accents, the other language's without (a recogniser of one language
     * reads its own letters). The English grammar had "english" and "spanish" only, so on an English-only platform
     * "español" was not understood.
     */
    @Test
    void aRecogniserOfOneLanguageHearsBothLanguagesNamesInBoth() throws Exception {
        Map<String, List<String>> heard = Map.of(
                "en", List.of("english", "spanish", "ingles", "espanol"),
                "es", List.of("inglés", "ingles", "español", "espanol", "english", "spanish"));
        for (var recogniser : heard.entrySet()) {
            VoiceXmlBrowser browser = new VoiceXmlBrowser(server, recogniser.getKey());
            VoiceXmlBrowser.Place choice = browser.start("/ivr.vxml");
            for (String said : recogniser.getValue()) {
                String line = said.startsWith("ingl") || said.equals("english") ? ENGLISH_LINE : SPANISH_LINE;
                assertEquals(line, browser.next(choice, new CallFlow.Speech(said)).document(), recogniser.getKey() + " recogniser, " + said);
            }
            assertEquals(ENGLISH_LINE, browser.next(choice, new CallFlow.Key("1")).document(), recogniser.getKey() + ": key 1");
            assertEquals(SPANISH_LINE, browser.next(choice, new CallFlow.Key("2")).document(), recogniser.getKey() + ": key 2");
            for (var grammar : browser.grammarBodies().entrySet()) {
                assertEquals(List.of(), VoiceXmlValidator.grammarErrors(grammar.getValue()), grammar.getKey());
            }
        }
        assertEquals(List.of(), VoiceXmlValidator.schemaErrors(server.get("/ivr.vxml").body()));
        assertEquals(List.of(), VoiceXmlValidator.dtdErrors(server.get("/ivr.vxml").body()));
    }

    /**
     * Twilio's {@code <Gather>} recognises one language (the site's): every language's name in every language is a
     * hint, and what Twilio writes down is matched whatever its case, accents and punctuation, in a sentence or alone;
     * a key always decides, even with words.
     */
    @Test
    void twilioListensInTheSiteLanguageForEveryNameAndAKeyAlwaysDecides() throws Exception {
        Document menu = IvrRoutesTest.parse(server.get("/ivr/twiml").body());
        Element gather = (Element) menu.getElementsByTagName("Gather").item(0);
        assertEquals("dtmf speech", gather.getAttribute("input"));
        assertEquals("en-US", gather.getAttribute("language"));
        List<String> hints = List.of(gather.getAttribute("hints").split(", "));
        assertTrue(hints.containsAll(List.of("english", "spanish", "inglés", "español")), hints.toString());
        for (String said : List.of("English.", "english", "Inglés.", "ingles", "INGLÉS", "In English, please.", "En inglés, por favor")) {
            assertEquals("en", chosen("SpeechResult=" + form(said) + "&Confidence=0.8"), said);
        }
        for (String said : List.of("Spanish.", "spanish", "Español.", "espanol", "ESPAÑOL", "Spanish, please.", "En español, por favor")) {
            assertEquals("es", chosen("SpeechResult=" + form(said) + "&Confidence=0.8"), said);
        }
        assertEquals("en", chosen("Digits=1"));
        assertEquals("es", chosen("Digits=2"));
        assertEquals("es", chosen("Digits=2&SpeechResult=English"), "the key decides");
        assertEquals("en", chosen("Digits=1&SpeechResult=" + form("Español")), "the key decides");
    }

    /**
     * Words that name no language, or both ("No English, español": the caller wants Spanish; "English or Spanish?"),
     * are no choice: the choice again, as VoiceXML's grammar (which has no such phrase) answers them. Words naming both
     * took the first language offered, so "No English, español" started the English line.
     */
    @Test
    void wordsThatNameNoLanguageOrBothAreAskedAgain() throws Exception {
        for (String said : List.of("French", "hola", "No English, español.", "English or Spanish?", "Inglés o español")) {
            assertEquals("the choice", chosen("SpeechResult=" + form(said) + "&Confidence=0.8"), said);
        }
        VoiceXmlBrowser browser = new VoiceXmlBrowser(server);
        VoiceXmlBrowser.Place choice = browser.start("/ivr.vxml");
        assertEquals(choice.document(), browser.next(choice, new CallFlow.Speech("no english español")).document());
    }

    /**
     * Where the language choice's TwiML answer leads: "en" or "es" for the start of that language's line (by its
     * actions' {@code lang}), "the choice" for the choice said again.
     */
    private static String chosen(String body) throws Exception {
        String answer = server.send(HttpRequest.newBuilder(URI.create(server.url("/ivr/twiml?step=language")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build()).body();
        Element gather = (Element) IvrRoutesTest.parse(answer).getElementsByTagName("Gather").item(0);
        String action = gather.getAttribute("action");
        if (action.endsWith("/ivr/twiml?step=language")) {
            assertTrue(answer.contains("/telephony/prompts/language-en.wav") && answer.contains("/telephony/prompts/language-es.wav"), answer);
            return "the choice";
        }
        String lang = action.replaceAll(".*[?&]lang=([a-z]+).*", "$1");
        assertTrue(lang.equals("en") || lang.equals("es"), action);
        assertEquals(lang.equals("es") ? "es-MX" : "en-US", gather.getAttribute("language"), answer);
        return lang;
    }

    private static String form(String words) {
        return URLEncoder.encode(words, StandardCharsets.UTF_8);
    }
}
