package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Soxi;
import app.earshot.TestServer;
import app.earshot.audio.ActiveSpeechLevel;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.CallTable;
import app.earshot.ivr.SiteFlow;
import app.earshot.ivr.SiteMenu;
import app.earshot.ivr.VoiceXmlValidator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The site line of a site of two languages (the bilingual fixture): first the language choice, each option in its own
 * language and voice, by key or by the language's name, in VoiceXML (interpreted, and valid against the W3C schema)
 * and TwiML; then the chosen language's line, every row of it walked through both dialects, down to a Spanish section.
 */
class LanguageLineTest {
    static final String SPANISH_PAGE = "acerca-de-la-ketamina";
    static TestServer server;
    static Page spanish;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(SpanishNarrationTest.SITE);
        spanish = server.site().page(SPANISH_PAGE).orElseThrow();
        PhoneLineReady.await(server, "/ivr.vxml", "/ivr/es/ivr.vxml", "/ivr/en/ivr.vxml", "/ivr/" + SPANISH_PAGE + ".vxml");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theLineStartsWithTheChoiceEachOptionInItsOwnLanguage() throws Exception {
        Element vxml = IvrRoutesTest.parse(server.get("/ivr.vxml").body()).getDocumentElement();
        Element choice = CallDialectsTest.descendants(vxml, "form").stream().filter(f -> f.getAttribute("id").equals("languages")).findFirst().orElseThrow();
        List<Element> prompts = CallDialectsTest.descendants(choice, "prompt");
        assertEquals(List.of("en", "es"), prompts.stream().filter(p -> p.hasAttribute("xml:lang")).map(p -> p.getAttribute("xml:lang")).toList());
        assertEquals(List.of("For English, press 1.", "Para español, oprima 2."),
                CallDialectsTest.descendants(vxml, "audio").stream().limit(2).map(a -> a.getTextContent().strip()).toList());
        List<Element> grammars = CallDialectsTest.descendants(vxml, "grammar").stream().filter(g -> g.getAttribute("mode").equals("voice")).toList();
        assertEquals(List.of("en", "es"), grammars.stream().map(g -> g.getAttribute("xml:lang")).toList());
        String esGrammar = server.get(grammars.get(1).getAttribute("src")).body();
        assertEquals("es", IvrRoutesTest.parse(esGrammar).getDocumentElement().getAttribute("xml:lang"));
        assertTrue(esGrammar.contains(">español<") && esGrammar.contains(">espanol<"), esGrammar);
    }

    /**
     * Twilio asks the site line again with the state it was given; a {@code page} of the other language's line (a stale
     * or hand-made URL) is unknown in this line, so the call goes on at the top of the line, as for any unknown state,
     * never a 500 (Twilio would say "application error" and hang up). It was a 500 for every page of the other language.
     */
    @Test
    void aPageOfTheOtherLanguagesLineIsTheTopOfTheLineNotAnError() {
        String english = server.site().pages().stream().filter(p -> p.language().equals("en")).findFirst().orElseThrow().slug();
        String top = server.get("/ivr/twiml?lang=es").body();
        for (String path : List.of("/ivr/twiml?lang=es&page=" + english, "/ivr/twiml?lang=es&page=" + english + "&section=introduction",
                "/ivr/twiml?lang=en&page=" + SPANISH_PAGE, "/ivr/twiml?lang=en&page=" + SPANISH_PAGE + "&menu=1")) {
            HttpResponse<String> answer = server.get(path);
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
            assertTrue(answer.body().contains("<Response>"), path + ": " + answer.body());
        }
        assertEquals(top, server.get("/ivr/twiml?lang=es&page=" + english).body());
        HttpResponse<String> pressed = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/ivr/twiml?lang=es&page=" + english)))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString("Digits=1")).build());
        assertEquals(200, pressed.statusCode(), pressed.body());
        assertEquals(server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/ivr/twiml?lang=es")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString("Digits=1")).build()).body(),
                pressed.body(), "a key pressed at the top of the line");
    }

    @Test
    void everyDocumentIsValidAgainstTheW3cSchemaAndDtd() throws Exception {
        for (String path : List.of("/ivr.vxml", "/ivr/es/ivr.vxml", "/ivr/en/ivr.vxml")) {
            String body = server.get(path).body();
            assertEquals(List.of(), VoiceXmlValidator.schemaErrors(body), path);
            assertEquals(List.of(), VoiceXmlValidator.dtdErrors(body), path);
        }
        assertEquals("es", IvrRoutesTest.parse(server.get("/ivr/es/ivr.vxml").body()).getDocumentElement().getAttribute("xml:lang"));
    }

    @Test
    void byKeyOrByNameInVoiceXmlTheCallGoesOnInThatLanguage() throws Exception {
        VoiceXmlBrowser browser = new VoiceXmlBrowser(server);
        VoiceXmlBrowser.Place menu = browser.start("/ivr.vxml");
        for (CallFlow.Input input : List.of(new CallFlow.Key("2"), new CallFlow.Speech("español"), new CallFlow.Speech("espanol"), new CallFlow.Speech("spanish"))) {
            VoiceXmlBrowser.Place es = browser.next(menu, input);
            assertEquals("/ivr/es/ivr.vxml", es.document(), input.toString());
            assertTrue(browser.sounds(es).stream().allMatch(s -> s.startsWith("/telephony/" + SPANISH_PAGE + "/prompts/")), browser.sounds(es).toString());
            VoiceXmlBrowser.Place section = browser.next(es, new CallFlow.Key("1"));
            assertEquals("/telephony/" + SPANISH_PAGE + "/" + spanish.sections().get(0).id() + ".wav", browser.sounds(section).get(0).replaceAll("\\?.*", ""));
        }
        for (CallFlow.Input input : List.of(new CallFlow.Key("1"), new CallFlow.Speech("english"), new CallFlow.Speech("inglés"))) {
            assertEquals("/ivr/en/ivr.vxml", browser.next(menu, input).document(), input.toString());
        }
        assertEquals("/ivr.vxml", browser.next(menu, new CallFlow.Key("7")).document(), "a wrong key: the choice again");
    }

    @Test
    void byKeyOrByNameInTwimlTheCallGoesOnInThatLanguage() throws Exception {
        CallDialectsTest.TwimlTurn menu = CallDialectsTest.twiml(server, server.url("/ivr/twiml"), "");
        assertTrue(menu.speech());
        assertEquals(List.of("/telephony/prompts/language-en.wav", "/telephony/prompts/language-es.wav"),
                menu.sounds().stream().map(s -> s.replaceAll("\\?.*", "")).toList());
        String body = server.get("/ivr/twiml").body();
        assertTrue(body.contains("language=\"en-US\""), body);
        for (CallFlow.Input input : List.of(new CallFlow.Key("2"), new CallFlow.Speech("Español, por favor"), new CallFlow.Speech("Spanish"))) {
            CallDialectsTest.TwimlTurn es = CallDialectsTest.twimlAnswer(server, menu, input);
            assertTrue(es.sounds().stream().allMatch(s -> s.startsWith("/telephony/" + SPANISH_PAGE + "/prompts/")), es.sounds().toString());
            assertTrue(es.action().contains("lang=es"), es.action());
            CallDialectsTest.TwimlTurn section = CallDialectsTest.twimlAnswer(server, es, new CallFlow.Key("1"));
            assertEquals("/telephony/" + SPANISH_PAGE + "/" + spanish.sections().get(0).id() + ".wav", section.sounds().get(0).replaceAll("\\?.*", ""));
        }
        String spanishTurn = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/ivr/twiml?step=language")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("Digits=2")).build()).body();
        assertTrue(spanishTurn.contains("language=\"es-MX\""), spanishTurn);
    }

    @Test
    void threeSilentChoicesSayGoodbyeInBothDialects() throws Exception {
        VoiceXmlBrowser browser = new VoiceXmlBrowser(server);
        VoiceXmlBrowser.Place vxml = browser.start("/ivr.vxml");
        CallDialectsTest.TwimlTurn twiml = CallDialectsTest.twiml(server, server.url("/ivr/twiml"), "");
        for (int i = 0; i < CallFlow.SILENT_MENUS; i++) {
            assertEquals(List.of(false, false), List.of(browser.hangsUp(vxml), twiml.action() == null), "silence " + i);
            vxml = browser.next(vxml, new CallFlow.Silence());
            twiml = CallDialectsTest.twimlAnswer(server, twiml, new CallFlow.Silence());
            assertEquals(browser.sounds(vxml), twiml.sounds(), "silence " + (i + 1));
        }
        assertTrue(browser.hangsUp(vxml));
        assertEquals(null, twiml.action());
    }

    /**
     * The choice is bilingual, so its goodbye is too: each language's goodbye in its own language and voice, in the
     * choice's order, as its options are. It was the site language's goodbye alone ({@code /telephony/prompts/goodbye.wav},
     * English), which a Spanish-speaking caller who said nothing heard as the call's last words.
     */
    @Test
    void theChoicesGoodbyeIsSaidInEveryLanguageEachInItsOwnVoice() throws Exception {
        Element vxml = IvrRoutesTest.parse(server.get("/ivr.vxml").body()).getDocumentElement();
        Element goodbye = CallDialectsTest.descendants(vxml, "form").stream().filter(f -> f.getAttribute("id").equals("goodbye")).findFirst().orElseThrow();
        List<Element> prompts = CallDialectsTest.descendants(goodbye, "prompt");
        assertEquals(List.of("en", "es"), prompts.stream().map(p -> p.getAttribute("xml:lang")).toList());
        assertEquals(List.of("We did not hear a choice. Thank you for calling. Goodbye.", "No recibimos ninguna respuesta. Gracias por llamar. Adiós."),
                CallDialectsTest.descendants(goodbye, "audio").stream().map(a -> a.getTextContent().strip()).toList());
        List<String> clips = List.of("/telephony/prompts/goodbye-en.wav", "/telephony/prompts/goodbye-es.wav");
        assertEquals(clips, CallDialectsTest.descendants(goodbye, "audio").stream().map(a -> a.getAttribute("src").replaceAll("\\?.*", "")).toList());
        String twiml = server.get("/ivr/twiml?silence=" + CallFlow.SILENT_MENUS).body();
        org.w3c.dom.Document said = IvrRoutesTest.parse(twiml);
        assertEquals(1, said.getElementsByTagName("Hangup").getLength(), twiml);
        assertEquals(clips, IvrRoutesTest.all(said, null, "Play").stream().map(p -> p.getTextContent().strip().replace(server.url(""), "").replaceAll("\\?.*", "")).toList());
        for (String clip : clips) {
            HttpResponse<byte[]> wav = server.getBytes(clip);
            assertEquals(200, wav.statusCode(), clip);
            assertTrue(ActiveSpeechLevel.measure(Wav.decode(server.getBytes(clip.replace(".wav", ".pcm.wav")).body())) > -40, clip + " is speech");
        }
        assertTrue(!java.util.Arrays.equals(server.getBytes(clips.get(0)).body(), server.getBytes(clips.get(1)).body()));
    }

    @Test
    void everyRowOfTheSpanishLineIsTheSameInVoiceXmlAndTwiml() throws Exception {
        CallTable table = CallTable.of(new SiteFlow(SiteMenu.of(server.site(), "es")));
        int rows = CallDialectsTest.walk(server, new VoiceXmlBrowser(server), table, "/ivr/es/ivr.vxml", server.url("/ivr/twiml?lang=es"));
        assertEquals(table.rows().size(), rows);
    }

    @Test
    void theSpanishLineOffersOnlySpanishPages() {
        SiteMenu es = SiteMenu.of(server.site(), "es");
        assertEquals(1, es.pageCount());
        assertEquals(SPANISH_PAGE, es.page(es.topics().get(0).pages().get(0)).slug());
        assertEquals("Tratamientos", es.topics().get(0).topic().title());
        assertEquals(1, SiteMenu.of(server.site(), "en").pageCount());
    }

    @Test
    void spanishPromptClipsAreSpanishSpeechAt8kHz() throws Exception {
        for (String path : List.of("/telephony/prompts/language-es.wav", "/telephony/" + SPANISH_PAGE + "/prompts/menu.wav")) {
            HttpResponse<byte[]> wav = server.getBytes(path);
            assertEquals(200, wav.statusCode(), path);
            Path file = Files.write(dir.resolve(path.replace('/', '_')), wav.body());
            assertEquals("8000", Soxi.ask("r", file), path);
            byte[] pcm = server.getBytes(path.replace(".wav", ".pcm.wav")).body();
            assertTrue(ActiveSpeechLevel.measure(Wav.decode(pcm)) > -40, path + " is speech");
        }
    }

    @Test
    void aLanguageTheLineDoesNotOfferIsNotFound() {
        assertEquals(404, server.get("/ivr/fr/ivr.vxml").statusCode());
        assertEquals(404, server.get("/telephony/prompts/fr/topics.wav").statusCode());
        assertEquals(404, server.get("/ivr/es/about-ketamine.site.vxml").statusCode());
    }

    @Test
    void theSpanishPageLineListensForSpanishCommandWords() throws Exception {
        String grammar = server.get("/ivr/" + SPANISH_PAGE + ".grxml").body();
        assertEquals("es", IvrRoutesTest.parse(grammar).getDocumentElement().getAttribute("xml:lang"));
        for (String word : List.of(">repetir<", ">otra vez<", ">atras<", ">volver<", ">ayuda<", ">menu principal<")) assertTrue(grammar.contains(word), word + " in " + grammar);
        assertTrue(!grammar.contains(">repeat<") && !grammar.contains(">help<"), grammar);
        assertEquals("es", IvrRoutesTest.parse(server.get("/ivr/" + SPANISH_PAGE + ".vxml").body()).getDocumentElement().getAttribute("xml:lang"));
        String twiml = server.get("/ivr/" + SPANISH_PAGE + "/twiml").body();
        assertTrue(twiml.contains("language=\"es-MX\"") && twiml.contains("repetir"), twiml);
    }

    /**
     * A Spanish recogniser reads "atras" or "menu principal" with the stress in the wrong place, so the grammars list
     * every word as the catalogue and the headings write it ("atrás", "menú principal", "la introducción", "designación
     * de ..."), then its unaccented form, as the language choice lists "español" and "espanol"; both return the same
     * value, so the call goes the same way. Twilio's hints give the accented form. The grammars wrote only the
     * unaccented forms.
     */
    @Test
    void spanishWordsAreWrittenWithTheirAccentsFirstInGrammarsAndHints() throws Exception {
        String grammar = server.get("/ivr/" + SPANISH_PAGE + ".grxml").body();
        List<String> items = new java.util.ArrayList<>();
        List<String> values = new java.util.ArrayList<>();
        var nodes = IvrRoutesTest.parse(grammar).getElementsByTagNameNS("http://www.w3.org/2001/06/grammar", "item");
        for (int i = 0; i < nodes.getLength(); i++) {
            items.add(nodes.item(i).getFirstChild().getTextContent().strip());
            values.add(((Element) nodes.item(i)).getElementsByTagNameNS("http://www.w3.org/2001/06/grammar", "tag").item(0).getTextContent());
        }
        String designacion = "designación de terapia innovadora de la fda";
        for (String accented : List.of("atrás", "menú principal", "menú", "sección siguiente", "sección anterior", "la introducción",
                designacion, "cómo actúa la ketamina", "investigación y evidencia")) {
            String plain = java.text.Normalizer.normalize(accented, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            int at = items.indexOf(accented);
            assertTrue(at >= 0, accented + " in " + items);
            assertEquals(plain, items.get(at + 1), "the unaccented form right after " + accented);
            assertEquals(values.get(at), values.get(at + 1), accented + " and " + plain + " mean the same");
        }
        for (String item : items) {
            String plain = java.text.Normalizer.normalize(item, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            if (!plain.equals(item)) assertEquals(plain, items.get(items.indexOf(item) + 1), item);
        }
        for (String path : List.of("/ivr/" + SPANISH_PAGE + "/twiml", "/ivr/twiml?lang=es")) {
            Element gather = (Element) IvrRoutesTest.parse(server.get(path).body()).getElementsByTagName("Gather").item(0);
            List<String> hints = List.of(gather.getAttribute("hints").split(", "));
            assertTrue(hints.containsAll(List.of("atrás", "menú principal", "sección siguiente", "la introducción", designacion)), path + ": " + hints);
            assertTrue(!hints.contains("atras") && !hints.contains("menu principal"), path + ": " + hints);
        }
        VoiceXmlBrowser browser = new VoiceXmlBrowser(server);
        VoiceXmlBrowser.Place menu = browser.start("/ivr/" + SPANISH_PAGE + ".vxml");
        CallDialectsTest.TwimlTurn twiml = CallDialectsTest.twiml(server, server.url("/ivr/" + SPANISH_PAGE + "/twiml"), "");
        for (String said : List.of("atrás", "atras", "sección siguiente", designacion)) {
            assertEquals(browser.sounds(browser.next(menu, new CallFlow.Speech(said))),
                    CallDialectsTest.twimlAnswer(server, twiml, new CallFlow.Speech(said)).sounds(), said);
        }
        String fda = spanish.sections().stream().filter(s -> s.heading().startsWith("Designación")).findFirst().orElseThrow().id();
        assertEquals("/telephony/" + SPANISH_PAGE + "/" + fda + ".wav",
                browser.sounds(browser.next(menu, new CallFlow.Speech(designacion))).get(0).replaceAll("\\?.*", ""));
    }

    /**
     * The Spanish page's VoiceXML fallback words (what a browser says if a clip fails, and what the clip says) keep a
     * question's "¿...?" whole: "Para ¿Cómo actúa la ketamina?, oprima 5.", not "Para ¿Cómo actúa la ketamina, oprima 5.".
     */
    @Test
    void spanishQuestionsInTheMenusKeepBothMarks() throws Exception {
        Element vxml = IvrRoutesTest.parse(server.get("/ivr/" + SPANISH_PAGE + ".vxml").body()).getDocumentElement();
        List<String> said = CallDialectsTest.descendants(vxml, "audio").stream().map(a -> a.getTextContent().strip()).toList();
        assertTrue(said.stream().anyMatch(w -> w.contains("¿Cómo actúa la ketamina?, oprima")), said.toString());
        for (String words : said) app.earshot.ivr.QuestionTitlesTest.assertPaired(words, "a fallback of " + SPANISH_PAGE + ".vxml");
    }

    @Test
    void sayingRepetirInASpanishSectionPlaysItAgain() throws Exception {
        String section = spanish.sections().get(1).id();
        CallDialectsTest.TwimlTurn in = CallDialectsTest.twiml(server, server.url("/ivr/" + SPANISH_PAGE + "/twiml?section=" + section), "");
        CallDialectsTest.TwimlTurn again = CallDialectsTest.twimlAnswer(server, in, new CallFlow.Speech("Repetir."));
        assertEquals("/telephony/" + SPANISH_PAGE + "/" + section + ".wav", again.sounds().get(0).replaceAll("\\?.*", ""));
    }

    @Test
    void everyRowOfTheSpanishPageLineIsTheSameInVoiceXmlAndTwiml() throws Exception {
        CallTable table = CallTable.of(new CallFlow(app.earshot.ivr.KeypadMenu.of(spanish)));
        int rows = CallDialectsTest.walk(server, new VoiceXmlBrowser(server), table, "/ivr/" + SPANISH_PAGE + ".vxml", server.url("/ivr/" + SPANISH_PAGE + "/twiml"));
        assertEquals(table.rows().size(), rows);
        assertTrue(table.rows().stream().anyMatch(r -> r.input().equals(new CallFlow.Speech("repetir"))), "the table walks the Spanish words");
    }

    @Test
    void theChoiceIsOneTurnAndEverySpanishTurnsPromptsLastAtMostTwentySeconds() throws Exception {
        double choice = 0;
        for (String name : List.of("language-en", "language-es")) {
            choice += Wav.inspect(server.getBytes("/telephony/prompts/" + name + ".wav").body()).seconds();
        }
        System.out.printf(java.util.Locale.ROOT, "Language menu, one turn: %.1f s%n", choice);
        assertTrue(choice <= 20.0, "the choice lasts " + choice + " s");
        CallTable page = CallTable.of(new CallFlow(app.earshot.ivr.KeypadMenu.of(spanish)));
        var seconds = PhoneLineTest.promptSeconds(server, page, p -> "/telephony/" + SPANISH_PAGE + "/prompts/" + p.name() + ".wav");
        System.out.println("Spanish page's own line, prompts per turn: " + PhoneLineTest.longest(seconds) + "; " + seconds);
        seconds.forEach((turn, s) -> assertTrue(s <= 20.0, turn + ": " + s + " s"));
    }

    /**
     * A Spanish line of more than one page (the fixture copied, its Spanish page again under two other topics and
     * titles): its topics, topic and page documents and menu grammars under /ivr/es/, every row walked in both dialects.
     * The two copies keep only the introduction and the first section: the whole page's section menus are walked by
     * the tests above, and three more walks of the same rows made this the slowest test of the class.
     */
    @Test
    void aSpanishLineOfSeveralTopicsIsTheSameInVoiceXmlAndTwiml() throws Exception {
        Path site = dir.resolve("site-es-three");
        TestServer.copyTree(SpanishNarrationTest.SITE, site);
        String whole = Files.readString(site.resolve("pages/" + SPANISH_PAGE + ".md"));
        String page = whole.substring(0, whole.indexOf("\n## ", whole.indexOf("\n## ") + 1) + 1);
        Files.writeString(site.resolve("pages/cuidados-despues.md"), page.replace("topic: treatments", "topic: aftercare")
                .replace("title: Acerca de la ketamina", "title: Cuidados después").replace("translation-of: about-ketamine\ntranslation-reviewed: false\n", ""));
        Files.writeString(site.resolve("pages/consentimiento.md"), page.replace("topic: treatments", "topic: consent")
                .replace("title: Acerca de la ketamina", "title: Consentimiento").replace("translation-of: about-ketamine\ntranslation-reviewed: false\n", ""));
        try (TestServer three = TestServer.start(site)) {
            CallTable table = CallTable.of(new SiteFlow(SiteMenu.of(three.site(), "es")));
            List<String> documents = List.of("/ivr/es/ivr.vxml", "/ivr/es/" + SPANISH_PAGE + ".site.vxml", "/ivr/es/consentimiento.site.vxml");
            PhoneLineReady.await(three, documents.toArray(String[]::new));
            String start = three.get("/ivr/es/ivr.vxml").body();
            assertTrue(start.contains("/ivr/es/topics.menu.grxml") && start.contains("Tratamientos"), start);
            assertEquals(200, three.get("/ivr/es/topics.menu.grxml").statusCode());
            for (String path : documents) assertEquals(List.of(), VoiceXmlValidator.schemaErrors(three.get(path).body()), path);
            int rows = CallDialectsTest.walk(three, new VoiceXmlBrowser(three), table, "/ivr/es/ivr.vxml", three.url("/ivr/twiml?lang=es"));
            assertEquals(table.rows().size(), rows);
        }
    }
}
