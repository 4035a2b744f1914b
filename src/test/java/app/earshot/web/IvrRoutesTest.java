package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class IvrRoutesTest {
    static final String VXML_NS = "http://www.w3.org/2001/vxml";
    static final String TWIML = "/ivr/about-ketamine/twiml";
    static TestServer server;
    static Page page;
    static final Set<String> resolved = new HashSet<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        page = server.site().page("about-ketamine").orElseThrow();
        PhoneLineReady.await(server, "/ivr/about-ketamine.vxml");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilder builder = BUILDER.get();
        builder.reset();
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * One namespace-aware builder per thread, refusing DOCTYPEs: the call walks parse thousands of TwiML answers, and a
     * new factory per answer (a class-path search for the parser, a fresh parser configuration) was most of their
     * client-side time.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    static List<Element> all(Document doc, String ns, String name) {
        NodeList nodes = ns == null ? doc.getElementsByTagName(name) : doc.getElementsByTagNameNS(ns, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
        return out;
    }

    /** GETs an audio URL (absolute, or relative to the server) once and checks it is 8 kHz WAV; returns its Cache-Control. */
    static String assertTelephoneWav(String url) throws Exception {
        URI uri = url.startsWith("http") ? URI.create(url) : URI.create(server.url(url));
        HttpResponse<byte[]> response = server.getBytes(HttpRequest.newBuilder(uri));
        assertEquals(200, response.statusCode(), url);
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElse(""), url);
        if (resolved.add(url)) assertEquals(8000, Wav.inspect(response.body()).sampleRate(), url);
        return response.headers().firstValue("Cache-Control").orElse("");
    }

    // ---- VoiceXML

    @Test
    void voiceXmlIsWellFormedVersion21WithItsMediaType() throws Exception {
        HttpResponse<String> response = server.get("/ivr/about-ketamine.vxml");
        assertEquals(200, response.statusCode());
        assertEquals("application/voicexml+xml; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        Element root = parse(response.body()).getDocumentElement();
        assertEquals("vxml", root.getLocalName());
        assertEquals(VXML_NS, root.getNamespaceURI());
        assertEquals("2.1", root.getAttribute("version"));
        assertEquals("en", root.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"));
    }

    @Test
    void everyVoiceXmlAudioResolvesCarriesItsWordsAndAMaxAgeMatchingItsCacheControl() throws Exception {
        Document doc = parse(server.get("/ivr/about-ketamine.vxml").body());
        List<Element> audio = all(doc, VXML_NS, "audio");
        assertTrue(audio.size() > 30);
        String maxAge = all(doc, VXML_NS, "property").stream().filter(p -> p.getAttribute("name").equals("audiomaxage"))
                .findFirst().orElseThrow().getAttribute("value");
        for (Element a : audio) {
            assertFalse(a.getTextContent().isBlank(), a.getAttribute("src"));
            String cacheControl = assertTelephoneWav(a.getAttribute("src"));
            assertEquals("public, max-age=" + maxAge, cacheControl);
        }
    }

    @Test
    void voiceXmlRevalidatesWithItsETag() {
        HttpResponse<String> first = server.get("/ivr/about-ketamine.vxml");
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElse(""));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = server.send(HttpRequest.newBuilder(URI.create(server.url("/ivr/about-ketamine.vxml")))
                .header("If-None-Match", etag).build());
        assertEquals(304, again.statusCode());
        assertEquals(404, server.get("/ivr/nope.vxml").statusCode());
        assertEquals(404, server.get("/ivr/about-ketamine.xml").statusCode());
    }

    // ---- TwiML

    static Document twiml(String pathAndQuery, String digits) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : server.url(pathAndQuery)));
        if (digits == null) b.POST(HttpRequest.BodyPublishers.ofString("CallSid=CA123&From=%2B15550100"));
        else b.POST(HttpRequest.BodyPublishers.ofString("CallSid=CA123&Digits=" + java.net.URLEncoder.encode(digits, StandardCharsets.UTF_8)));
        HttpResponse<String> response = server.send(b.header("Content-Type", "application/x-www-form-urlencoded").build());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        Document doc = parse(response.body());
        assertEquals("Response", doc.getDocumentElement().getTagName());
        return doc;
    }

    static List<String> plays(Document doc) throws Exception {
        List<String> urls = new ArrayList<>();
        for (Element play : all(doc, null, "Play")) {
            assertTelephoneWav(play.getTextContent().strip());
            urls.add(play.getTextContent().strip());
        }
        return urls;
    }

    static Element gather(Document doc) {
        Element gather = (Element) doc.getElementsByTagName("Gather").item(0);
        assertNotNull(gather);
        assertEquals("dtmf speech", gather.getAttribute("input"));
        return gather;
    }

    static String name(String url) {
        String path = URI.create(url).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Test
    void getAndPostBothAnswerTheMenuInsideAGatherWithAbsoluteUrls() throws Exception {
        HttpResponse<String> get = server.get(TWIML);
        assertEquals(200, get.statusCode());
        for (Document doc : List.of(parse(get.body()), twiml(TWIML, null))) {
            Element gather = gather(doc);
            assertTrue(gather.getAttribute("action").startsWith(server.url(TWIML)));
            assertEquals(List.of("menu.wav"), plays(doc).stream().map(IvrRoutesTest::name).toList());
            assertTrue(doc.getElementsByTagName("Redirect").item(0).getTextContent().startsWith("http://"));
        }
    }

    @Test
    void everyKeyOfEveryMenuPlaysItsSectionOrMenu() throws Exception {
        Set<String> played = new HashSet<>();
        Document main = twiml(TWIML, null);
        for (String key : List.of("1", "2", "3", "4", "5", "6", "7", "8", "9")) {
            Document answer = twiml(gather(main).getAttribute("action"), key);
            List<String> names = plays(answer).stream().map(IvrRoutesTest::name).toList();
            if (names.get(0).startsWith("more-")) {
                for (String inner : List.of("1", "2", "3", "4", "5", "6", "7", "8", "9")) {
                    List<String> section = plays(twiml(gather(answer).getAttribute("action"), inner)).stream().map(IvrRoutesTest::name).toList();
                    if (section.get(0).equals("not-an-option.wav")) continue;
                    assertTrue(section.get(section.size() - 1).startsWith("after-"), section.toString());
                    played.add(section.get(0));
                }
                List<String> back = plays(twiml(gather(answer).getAttribute("action"), "0")).stream().map(IvrRoutesTest::name).toList();
                assertEquals(List.of("menu.wav"), back);
            } else if (!names.get(0).equals("not-an-option.wav")) {
                assertTrue(names.get(names.size() - 1).startsWith("after-"), key + ": " + names);
                played.add(names.get(0));
            }
        }
        for (Section s : page.sections()) assertTrue(played.contains(s.id() + ".wav"), s.id());
    }

    @Test
    void aWrongKeySaysNotAnOptionThenTheMenuAgain() throws Exception {
        Document main = twiml(TWIML, null);
        List<String> names = plays(twiml(gather(main).getAttribute("action"), "#")).stream().map(IvrRoutesTest::name).toList();
        assertEquals(List.of("not-an-option.wav", "menu.wav"), names);
        assertEquals(List.of("not-an-option.wav", "more-1.wav"),
                plays(twiml(TWIML + "?menu=1", "7")).stream().map(IvrRoutesTest::name).toList());
    }

    @Test
    void silenceRepeatsTheMenuThenSaysGoodbyeAndHangsUp() throws Exception {
        Document doc = twiml(TWIML, null);
        int menus = 0;
        while (doc.getElementsByTagName("Hangup").getLength() == 0) {
            assertEquals(List.of("menu.wav"), plays(doc).stream().map(IvrRoutesTest::name).toList());
            assertTrue(++menus <= 5, "the menu never gives up");
            doc = twiml(doc.getElementsByTagName("Redirect").item(0).getTextContent().strip(), null);
        }
        assertEquals(3, menus);
        assertEquals(List.of("goodbye.wav"), plays(doc).stream().map(IvrRoutesTest::name).toList());
        assertEquals(0, doc.getElementsByTagName("Gather").getLength());
    }

    @Test
    void whileASectionPlaysKeysRepeatGoBackGoOnReturnAndHelp() throws Exception {
        String third = TWIML + "?section=" + page.sections().get(2).id();
        String action = gather(twiml(third, null)).getAttribute("action");
        Map<String, String> expected = Map.of("1", page.sections().get(2).id() + ".wav", "4", page.sections().get(1).id() + ".wav",
                "6", page.sections().get(3).id() + ".wav", "0", "menu.wav", "*", "after-section-help.wav", "5", "not-an-option.wav");
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue(), name(plays(twiml(action, e.getKey())).get(0)), "key " + e.getKey());
        }
        Document after = twiml(third, null);
        String silence = after.getElementsByTagName("Redirect").item(0).getTextContent().strip();
        assertEquals(List.of("menu.wav"), plays(twiml(silence, null)).stream().map(IvrRoutesTest::name).toList());
    }

    @Test
    void otherMethodsAre405AndAllowNamesPost() {
        HttpResponse<String> response = server.request("PUT", TWIML);
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD, POST, OPTIONS", response.headers().firstValue("Allow").orElse(""));
        assertEquals("GET, HEAD, OPTIONS", server.request("POST", "/ivr/about-ketamine.vxml").headers().firstValue("Allow").orElse(""));
    }

    @Test
    void absoluteUrlsFollowTheForwardedProto() throws Exception {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(URI.create(server.url(TWIML)))
                .header("X-Forwarded-Proto", "https").build());
        assertTrue(response.body().contains("<Play>https://"), response.body());
    }
}
