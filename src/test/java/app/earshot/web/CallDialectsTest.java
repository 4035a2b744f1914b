package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.CallTable;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.VoiceXmlValidator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The call as published in both dialects: the one {@link CallTable} walked row by row through the VoiceXML document
 * (interpreted here: grammars, filled branches, nomatch, noinput) and through TwiML over HTTP, which must play the same
 * clips and lead to the same turns; the VoiceXML checked against the W3C schema and DTD; prompts measured.
 */
class CallDialectsTest {
    static final String VXML = "/ivr/about-ketamine.vxml";
    static final String TWIML = "/ivr/about-ketamine/twiml";
    static TestServer server;
    static Page page;
    static CallTable table;
    static String vxml;
    static Map<String, Element> forms;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        page = server.site().page("about-ketamine").orElseThrow();
        table = CallTable.of(new CallFlow(KeypadMenu.of(page)));
        PhoneLineReady.await(server, VXML);
        vxml = server.get(VXML).body();
        forms = new LinkedHashMap<>();
        for (Element form : IvrRoutesTest.all(IvrRoutesTest.parse(vxml), IvrRoutesTest.VXML_NS, "form")) forms.put(form.getAttribute("id"), form);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- The VoiceXML, interpreted

    /** The clips a form plays, as root-relative URLs. */
    static List<String> vxmlSounds(String form) {
        List<String> out = new ArrayList<>();
        for (Element a : descendants(forms.get(form), "audio")) out.add(a.getAttribute("src"));
        return out;
    }

    /** The form a VoiceXML browser goes to from {@code form} on {@code input}. */
    static String vxmlNext(String form, CallFlow.Input input) {
        Element field = descendants(forms.get(form), "field").get(0);
        if (input instanceof CallFlow.Silence) return target(descendants(field, "noinput").get(0));
        String value = null;
        for (Element grammar : descendants(field, "grammar")) {
            for (Element item : descendants(grammar, "item")) {
                String said = item.getFirstChild().getTextContent().strip();
                if (input instanceof CallFlow.Key k && grammar.getAttribute("mode").equals("dtmf") && said.equals(k.key())) value = said;
                if (input instanceof CallFlow.Speech s && grammar.getAttribute("mode").equals("voice") && said.equals(s.words())) {
                    Matcher m = Pattern.compile("out='([^']*)';").matcher(descendants(item, "tag").get(0).getTextContent());
                    assertTrue(m.matches());
                    value = m.group(1);
                }
            }
        }
        if (value == null) return target(descendants(field, "nomatch").get(0));
        Element branch = descendants(descendants(field, "filled").get(0), "if").get(0);
        boolean taking = branch.getAttribute("cond").equals("choice == '" + value + "'");
        for (Element child : children(branch)) {
            if (child.getLocalName().equals("elseif")) taking = child.getAttribute("cond").equals("choice == '" + value + "'");
            else if (child.getLocalName().equals("else")) taking = true;
            else if (taking && child.getLocalName().equals("goto")) return child.getAttribute("next").substring(1);
        }
        throw new AssertionError("no branch for " + value + " in " + form);
    }

    static String target(Element handler) {
        return descendants(handler, "goto").get(0).getAttribute("next").substring(1);
    }

    // ---- TwiML, over HTTP

    /** One TwiML answer: what it plays, where a key or words go, where silence goes; null URLs when it hangs up. */
    record TwimlTurn(List<String> sounds, String action, String redirect, boolean speech) {}

    static TwimlTurn twiml(String url, String form) throws Exception {
        return twiml(server, url, form);
    }

    /** A TwiML turn from {@code on}: every clip is ready (nothing said as words instead) and can be interrupted by a key. */
    static TwimlTurn twiml(TestServer on, String url, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA1" + (form.isEmpty() ? "" : "&" + form))).build();
        HttpResponse<String> response = on.send(request);
        assertEquals(200, response.statusCode(), response.body());
        Document doc = IvrRoutesTest.parse(response.body());
        List<String> sounds = new ArrayList<>();
        for (Element play : IvrRoutesTest.all(doc, null, "Play")) sounds.add(play.getTextContent().strip().replace(on.url(""), ""));
        assertEquals(0, doc.getElementsByTagName("Say").getLength(), "every clip is ready: " + response.body());
        Element gather = (Element) doc.getElementsByTagName("Gather").item(0);
        if (gather == null) return new TwimlTurn(sounds, null, null, false);
        assertEquals(gather.getElementsByTagName("Play").getLength(), sounds.size(), "every clip can be interrupted");
        return new TwimlTurn(sounds, gather.getAttribute("action"), doc.getElementsByTagName("Redirect").item(0).getTextContent().strip(),
                gather.getAttribute("input").equals("dtmf speech"));
    }

    static TwimlTurn twimlAnswer(TwimlTurn from, CallFlow.Input input) throws Exception {
        return twimlAnswer(server, from, input);
    }

    /** The turn {@code on} answers after a caller gives {@code input} (a key, words, or silence) at {@code from}. */
    static TwimlTurn twimlAnswer(TestServer on, TwimlTurn from, CallFlow.Input input) throws Exception {
        if (input instanceof CallFlow.Key k) return twiml(on, from.action(), "Digits=" + URLEncoder.encode(k.key(), StandardCharsets.UTF_8));
        if (input instanceof CallFlow.Speech s) {
            return twiml(on, from.action(), "SpeechResult=" + URLEncoder.encode(s.words(), StandardCharsets.UTF_8) + "&Confidence=0.9");
        }
        return twiml(on, from.redirect(), "");
    }

    @Test
    void everyRowOfTheCallTableIsTheSameInVoiceXmlAndTwiml() throws Exception {
        Map<CallFlow.Turn, TwimlTurn> twiml = new HashMap<>();
        twiml.put(table.turns().get(0), twiml(server.url(TWIML), ""));
        assertEquals(table.name(table.turns().get(0)), forms.keySet().iterator().next(), "the document starts at the main menu");
        for (CallTable.Row row : table.rows()) {
            String from = table.name(row.from());
            String to = vxmlNext(from, row.input());
            assertEquals(table.name(row.to()), to, from + " + " + row.input());
            TwimlTurn answer = twimlAnswer(twiml.get(row.from()), row.input());
            assertEquals(vxmlSounds(to), answer.sounds(), from + " + " + row.input());
            twiml.putIfAbsent(row.to(), answer);
        }
        assertEquals(table.turns().size(), forms.size());
        assertTrue(table.rows().size() > 1000, "rows walked: " + table.rows().size());
    }

    @Test
    void helpWrongKeysAndSilenceNeverReplayASection() {
        assertTrue(descendants(forms.values().iterator().next().getOwnerDocument().getDocumentElement(), "clear").isEmpty());
        for (CallTable.Row row : table.rows()) {
            if (row.from().hangsUp() || !row.from().listen().inSection()) continue;
            int index = row.from().listen().section();
            boolean asksAgain = row.input().equals(new CallFlow.Key(KeypadMenu.REPEAT))
                    || row.input() instanceof CallFlow.Speech s && List.of("repeat", "again", table.flow().spoken().topics().get(index).phrase()).contains(s.words());
            if (!asksAgain) assertFalse(row.to().sounds().contains(new CallFlow.SectionAudio(index)), table.name(row.from()) + " + " + row.input());
        }
    }

    @Test
    void afterEachSectionOnlyTheKeysThatWorkAreOffered() {
        KeypadMenu keypad = table.flow().keypad();
        for (CallFlow.Turn turn : table.turns()) {
            if (turn.hangsUp() || !turn.listen().inSection()) continue;
            String words = keypad.prompt(keypad.afterSection(turn.listen().section())).orElseThrow();
            for (CallTable.Row row : table.rows(turn)) {
                if (!(row.input() instanceof CallFlow.Key k)) continue;
                boolean works = !row.to().sounds().get(0).equals(new CallFlow.Prompt(KeypadMenu.NOT_AN_OPTION));
                String offer = k.key().equals("*") ? "press star" : "press " + k.key();
                assertEquals(works, words.contains(offer), table.name(turn) + ": key " + k.key() + " in \"" + words + "\"");
            }
        }
    }

    @Test
    void everySectionIsReachedInAtMostThreePresses() {
        Map<CallFlow.Turn, Integer> presses = app.earshot.ivr.CallTables.presses(table);
        for (int i = 0; i < page.sections().size(); i++) {
            int index = i;
            int fewest = presses.entrySet().stream().filter(e -> !e.getKey().hangsUp() && e.getKey().sounds().get(0).equals(new CallFlow.SectionAudio(index)))
                    .mapToInt(Map.Entry::getValue).min().orElse(99);
            assertTrue(fewest <= 3, page.sections().get(i).id() + ": " + fewest);
        }
    }

    @Test
    void sayingATopicForgivinglyPlaysItsSection() throws Exception {
        TwimlTurn menu = twiml(server.url(TWIML), "");
        assertTrue(menu.speech());
        TwimlTurn heard = twimlAnswer(menu, new CallFlow.Speech("Um, FDA status please"));
        assertEquals("/telephony/about-ketamine/fda-breakthrough-status.wav", heard.sounds().get(0).replaceAll("\\?.*", ""));
    }

    @Test
    void everyPromptIsBargeInAndTheVoiceGrammarListsEveryTopic() {
        Document doc = forms.values().iterator().next().getOwnerDocument();
        for (Element prompt : descendants(doc.getDocumentElement(), "prompt")) assertEquals("true", prompt.getAttribute("bargein"));
        List<String> said = new ArrayList<>();
        for (Element grammar : descendants(forms.get("menu"), "grammar")) {
            if (grammar.getAttribute("mode").equals("voice")) for (Element item : descendants(grammar, "item")) said.add(item.getFirstChild().getTextContent().strip());
        }
        assertTrue(said.containsAll(List.of("introduction", "fda breakthrough status", "safety and considerations")), said.toString());
    }

    @Test
    void voiceXmlIsValidAgainstTheW3cSchemaAndDtd() throws Exception {
        assertEquals(List.of(), VoiceXmlValidator.schemaErrors(vxml));
        assertEquals(List.of(), VoiceXmlValidator.dtdErrors(vxml));
    }

    @Test
    void theValidatorsRejectAGrammarInTheSrgsNamespaceAndARepeatedRuleId() throws Exception {
        String broken = vxml.replaceFirst("<grammar ", "<grammar xmlns=\"http://www.w3.org/2001/06/grammar\" ")
                .replaceAll("id=\"menu_words\"", "id=\"menu_keys\"");
        assertFalse(VoiceXmlValidator.schemaErrors(broken).isEmpty());
        assertFalse(VoiceXmlValidator.dtdErrors(vxml.replaceAll("id=\"menu_words\"", "id=\"menu_keys\"")).isEmpty());
    }

    @Test
    void everyMenuAndHelpPromptLastsAtMostTwentySeconds() throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String name : table.flow().keypad().prompts().keySet()) {
            HttpResponse<byte[]> wav = server.getBytes("/telephony/about-ketamine/prompts/" + name + ".wav");
            assertEquals(200, wav.statusCode(), name);
            seconds.put(name, Wav.inspect(wav.body()).seconds());
        }
        System.out.println("Prompt durations (s): " + seconds);
        seconds.forEach((name, s) -> assertTrue(s <= 20.0, name + " lasts " + s + " s"));
    }

    /** Every VoiceXML element {@code name} below {@code root}. */
    static List<Element> descendants(Element root, String name) {
        List<Element> out = new ArrayList<>();
        var nodes = root.getElementsByTagNameNS(IvrRoutesTest.VXML_NS, name);
        for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
        return out;
    }

    /** The element children of {@code parent}, in order. */
    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element e) out.add(e);
        return out;
    }
}
