package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.CallTable;
import app.earshot.ivr.LibraryFixture;
import app.earshot.ivr.SiteFlow;
import app.earshot.ivr.SiteMenu;
import app.earshot.ivr.VoiceXmlValidator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The site-wide phone line as published: its one table walked row by row through the VoiceXML documents (interpreted
 * here, across documents) and through TwiML over HTTP, on a generated library of ten topics (one of ten pages, so both
 * levels page through "more"); every document valid against the W3C schema and DTD; menus of nine measured.
 */
class SiteLineTest {
    static TestServer server;
    static SiteFlow flow;
    static CallTable table;
    static Function<CallFlow.Turn, String> documents;
    static final Map<String, Map<String, Element>> forms = new LinkedHashMap<>();
    static final Map<String, String> bodies = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("earshot-site-line");
        server = TestServer.start(LibraryFixture.write(dir, 10, 2, 1, 1, 1, 1, 1, 1, 1, 1));
        flow = new SiteFlow(SiteMenu.of(server.site()));
        table = CallTable.of(flow);
        documents = IvrRoutes.siteDocuments(flow);
        List<String> paths = new ArrayList<>(List.of("/ivr.vxml", "/ivr/topic-a.topic.vxml", "/ivr/topic-b.topic.vxml"));
        for (Page page : server.site().pages()) paths.add("/ivr/" + page.slug() + ".site.vxml");
        PhoneLineReady.await(server, paths.toArray(String[]::new));
        for (String path : paths) {
            bodies.put(path, server.get(path).body());
            Map<String, Element> byId = new LinkedHashMap<>();
            for (Element form : IvrRoutesTest.all(IvrRoutesTest.parse(bodies.get(path)), IvrRoutesTest.VXML_NS, "form")) byId.put(form.getAttribute("id"), form);
            forms.put(path, byId);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRowOfTheSiteTableIsTheSameInVoiceXmlAndTwiml() throws Exception {
        int rows = CallDialectsTest.walk(server, new VoiceXmlBrowser(server), table, "/ivr.vxml", server.url("/ivr/twiml"));
        System.out.println("Site line rows walked through both dialects: " + rows + " (" + table.turns().size() + " turns)");
        assertTrue(rows > 5000, "rows walked: " + rows);
    }

    @Test
    void everyDocumentOfTheLineIsValidAgainstTheW3cSchemaAndDtd() throws Exception {
        for (Map.Entry<String, String> doc : bodies.entrySet()) {
            assertEquals(List.of(), VoiceXmlValidator.schemaErrors(doc.getValue()), doc.getKey());
            assertEquals(List.of(), VoiceXmlValidator.dtdErrors(doc.getValue()), doc.getKey());
        }
    }

    @Test
    void eachPageDocumentStartsAtThePageMenu() {
        for (Page page : server.site().pages()) {
            assertEquals("page-" + page.slug() + "-menu", forms.get("/ivr/" + page.slug() + ".site.vxml").keySet().iterator().next());
        }
    }

    @Test
    void eachTopicDocumentStartsAtTheTopicsPagesAndTheTopicsAreInIvrVxml() {
        assertEquals(List.of("topic-topic-a", "topic-topic-a-2"), List.copyOf(forms.get("/ivr/topic-a.topic.vxml").keySet()));
        assertTrue(forms.get("/ivr.vxml").keySet().stream().allMatch(id -> id.startsWith("topics") || id.equals("goodbye")), forms.get("/ivr.vxml").keySet().toString());
    }

    @Test
    void sayingATopicForgivinglyOpensItsPages() throws Exception {
        CallDialectsTest.TwimlTurn top = twiml(server.url("/ivr/twiml"), "");
        assertTrue(top.speech());
        CallDialectsTest.TwimlTurn heard = twimlAnswer(top, new CallFlow.Speech("Er, preparing for visits"));
        assertEquals("/telephony/prompts/topic-topic-b.wav", heard.sounds().get(0).replaceAll("\\?.*", ""));
    }

    @Test
    void menuPromptsOfNineChoicesLastAtMostTwentySeconds() throws Exception {
        Path dir = Files.createTempDirectory("earshot-nine-by-nine");
        try (TestServer nine = TestServer.start(LibraryFixture.write(dir, 9, 9, 9, 9, 9, 9, 9, 9, 9))) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            for (String name : SiteMenu.of(nine.site()).prompts().keySet()) {
                HttpResponse<byte[]> wav = nine.getBytes("/telephony/prompts/" + name + ".wav");
                assertEquals(200, wav.statusCode(), name);
                seconds.put(name, Wav.inspect(wav.body()).seconds());
            }
            System.out.println("Site line prompt durations, 9 topics x 9 pages (s): " + seconds);
            seconds.forEach((name, s) -> assertTrue(s <= 20.0, name + " lasts " + s + " s"));
        }
    }

    // ---- TwiML, over HTTP: CallDialectsTest's turns, on this server

    static CallDialectsTest.TwimlTurn twiml(String url, String form) throws Exception {
        return CallDialectsTest.twiml(server, url, form);
    }

    static CallDialectsTest.TwimlTurn twimlAnswer(CallDialectsTest.TwimlTurn from, CallFlow.Input input) throws Exception {
        return CallDialectsTest.twimlAnswer(server, from, input);
    }
}
