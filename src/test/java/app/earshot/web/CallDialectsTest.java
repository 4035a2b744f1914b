package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        page = server.site().page("about-ketamine").orElseThrow();
        table = CallTable.of(new CallFlow(KeypadMenu.of(page)));
        PhoneLineReady.await(server, VXML);
        vxml = server.get(VXML).body();
    }

    @AfterAll
    static void stop() {
        server.close();
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
        VoiceXmlBrowser browser = new VoiceXmlBrowser(server);
        assertEquals(table.rows().size(), walk(server, browser, table, VXML, server.url(TWIML)));
        assertTrue(table.rows().size() > 1000, "rows walked: " + table.rows().size());
    }

    /**
     * Walks every row of {@code table} through the VoiceXML (from {@code vxml}, with {@code browser}) and through TwiML
     * over HTTP (from {@code twimlUrl}, unless null): each turn must be one place of the VoiceXML, and both dialects must
     * play the same clips there and hang up at the same turns. Returns the rows walked.
     *
     * <p>The TwiML answers are asked several at a time: each row is asked from the TwiML turn that the first row reaching
     * its turn answered (as a walk in table order would: the same requests), in rounds by how many rows lie between the
     * row and the start, and every answer is checked against the VoiceXML in table order. One at a time, a walk of
     * thousands of rows spent its time waiting on round trips, not working.
     */
    static int walk(TestServer on, VoiceXmlBrowser browser, CallTable table, String vxml, String twimlUrl) throws Exception {
        Map<CallFlow.Turn, VoiceXmlBrowser.Place> places = new HashMap<>();
        CallFlow.Turn first = table.turns().get(0);
        places.put(first, browser.start(vxml));
        List<CallTable.Row> rows = table.rows();
        List<VoiceXmlBrowser.Place> reached = new ArrayList<>();
        for (CallTable.Row row : rows) {
            String what = table.name(row.from()) + " + " + row.input();
            VoiceXmlBrowser.Place to = browser.next(places.get(row.from()), row.input());
            VoiceXmlBrowser.Place known = places.putIfAbsent(row.to(), to);
            assertEquals(known == null ? to : known, to, what);
            assertEquals(row.to().hangsUp(), browser.hangsUp(to), what);
            reached.add(to);
        }
        if (twimlUrl == null) return rows.size();
        TwimlTurn start = twiml(on, twimlUrl, "");
        assertEquals(browser.sounds(places.get(first)), start.sounds(), "the start");
        List<TwimlTurn> answers = twimlAnswers(on, rows, first, start);
        for (int i = 0; i < rows.size(); i++) {
            CallTable.Row row = rows.get(i);
            String what = table.name(row.from()) + " + " + row.input();
            assertEquals(browser.sounds(reached.get(i)), answers.get(i).sounds(), what);
            assertEquals(row.to().hangsUp(), answers.get(i).action() == null, what);
        }
        return rows.size();
    }

    /** Each row's TwiML answer, asked from the answer of the first row reaching its turn; four requests at a time. */
    private static List<TwimlTurn> twimlAnswers(TestServer on, List<CallTable.Row> rows, CallFlow.Turn first, TwimlTurn start)
            throws Exception {
        Map<CallFlow.Turn, Integer> firstReaching = new HashMap<>();
        int[] round = new int[rows.size()];
        int rounds = 0;
        for (int i = 0; i < rows.size(); i++) {
            CallTable.Row row = rows.get(i);
            Integer from = firstReaching.get(row.from());
            assertTrue(row.from().equals(first) || from != null, "a row leaves a turn no earlier row reaches: " + row);
            round[i] = row.from().equals(first) ? 0 : round[from] + 1;
            rounds = Math.max(rounds, round[i] + 1);
            if (!row.to().equals(first)) firstReaching.putIfAbsent(row.to(), i);
        }
        TwimlTurn[] answers = new TwimlTurn[rows.size()];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int r = 0; r < rounds; r++) {
                Map<Integer, Future<TwimlTurn>> asked = new LinkedHashMap<>();
                for (int i = 0; i < rows.size(); i++) {
                    if (round[i] != r) continue;
                    CallTable.Row row = rows.get(i);
                    TwimlTurn from = row.from().equals(first) ? start : answers[firstReaching.get(row.from())];
                    asked.put(i, pool.submit(() -> twimlAnswer(on, from, row.input())));
                }
                for (Map.Entry<Integer, Future<TwimlTurn>> answer : asked.entrySet()) {
                    try {
                        answers[answer.getKey()] = answer.getValue().get();
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof Error error) throw error;
                        throw (Exception) e.getCause();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return List.of(answers);
    }

    @Test
    void helpWrongKeysAndSilenceNeverReplayASection() {
        assertTrue(vxml.contains("<form") && !vxml.contains("<clear"));
        for (CallTable.Row row : table.rows()) {
            if (row.from().hangsUp() || !row.from().listen().inSection()) continue;
            int index = row.from().listen().section();
            boolean asksAgain = row.input().equals(new CallFlow.Key(KeypadMenu.REPEAT))
                    || row.input() instanceof CallFlow.Speech s && List.of("repeat", "again", table.flow().spoken().topics().get(index).phrase()).contains(s.words());
            if (!asksAgain) assertFalse(row.to().sounds().contains(new CallFlow.SectionAudio(index, -1)), table.name(row.from()) + " + " + row.input());
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
                boolean works = !row.to().sounds().get(0).equals(new CallFlow.Prompt(KeypadMenu.NOT_AN_OPTION, -1));
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
            int fewest = presses.entrySet().stream().filter(e -> !e.getKey().hangsUp() && e.getKey().sounds().get(0).equals(new CallFlow.SectionAudio(index, -1)))
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

    /**
     * A caller who says part of a section's name ("FDA status", "safety") is heard by Twilio's matching; a VoiceXML
     * browser hears only what its grammar lists, so the grammar lists those shorter names too. Every name the grammar
     * takes, said to the VoiceXML at the menu and to TwiML at the menu, plays the same clips.
     */
    @Test
    void everyNameTheVoiceGrammarTakesIncludingShortOnesPlaysTheSameInBothDialects() throws Exception {
        String grammar = server.get("/ivr/" + Fixture.PAGE + ".grxml").body();
        List<String> said = new ArrayList<>();
        var items = IvrRoutesTest.parse(grammar).getElementsByTagNameNS("http://www.w3.org/2001/06/grammar", "item");
        for (int i = 0; i < items.getLength(); i++) said.add(items.item(i).getFirstChild().getTextContent().strip());
        assertTrue(said.containsAll(List.of("fda status", "breakthrough status", "safety", "key facts")), said.toString());
        VoiceXmlBrowser browser = new VoiceXmlBrowser(server);
        VoiceXmlBrowser.Place menu = browser.start(VXML);
        TwimlTurn twilioMenu = twiml(server.url(TWIML), "");
        for (String words : said) {
            CallFlow.Speech speech = new CallFlow.Speech(words);
            assertEquals(browser.sounds(browser.next(menu, speech)), twimlAnswer(twilioMenu, speech).sounds(), words);
        }
        assertEquals(browser.sounds(browser.next(menu, new CallFlow.Speech("fda breakthrough status"))),
                browser.sounds(browser.next(menu, new CallFlow.Speech("fda status"))));
    }

    @Test
    void everyPromptIsBargeInAndTheVoiceGrammarListsEveryTopic() throws Exception {
        for (Element prompt : descendants(IvrRoutesTest.parse(vxml).getDocumentElement(), "prompt")) assertEquals("true", prompt.getAttribute("bargein"));
        String grammar = server.get("/ivr/" + Fixture.PAGE + ".grxml").body();
        List<String> said = new ArrayList<>();
        var items = IvrRoutesTest.parse(grammar).getElementsByTagNameNS("http://www.w3.org/2001/06/grammar", "item");
        for (int i = 0; i < items.getLength(); i++) said.add(items.item(i).getFirstChild().getTextContent().strip());
        assertTrue(said.containsAll(List.of("introduction", "fda breakthrough status", "safety and considerations")), said.toString());
    }

    @Test
    void voiceXmlIsValidAgainstTheW3cSchemaAndDtd() throws Exception {
        assertEquals(List.of(), VoiceXmlValidator.schemaErrors(vxml));
        assertEquals(List.of(), VoiceXmlValidator.dtdErrors(vxml));
    }

    @Test
    void theValidatorsRejectAGrammarInTheSrgsNamespaceAndARepeatedFormId() throws Exception {
        String broken = vxml.replaceFirst("<grammar ", "<grammar xmlns=\"http://www.w3.org/2001/06/grammar\" ");
        assertFalse(VoiceXmlValidator.schemaErrors(broken).isEmpty());
        String repeated = vxml.replaceAll("<form id=\"[^\"]*\"", "<form id=\"same\"");
        assertFalse(VoiceXmlValidator.dtdErrors(repeated).isEmpty());
    }

    @Test
    void everyMenuAndHelpPromptLastsAtMostTwentySeconds() throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String name : table.flow().keypad().prompts().keySet()) {
            HttpResponse<byte[]> wav = server.getBytes("/telephony/about-ketamine/prompts/" + name + ".wav");
            assertEquals(200, wav.statusCode(), () -> name + ": " + wav.headers().map() + " " + new String(wav.body(), java.nio.charset.StandardCharsets.UTF_8));
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
