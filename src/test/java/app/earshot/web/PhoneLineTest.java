package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.CallTable;
import app.earshot.ivr.CallTables;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.LibraryFixture;
import app.earshot.ivr.SiteFlow;
import app.earshot.ivr.SiteMenu;
import app.earshot.ivr.VoiceXmlValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The phone lines as a VoiceXML platform meets them, on a page like the bundled one (its own line, and the site line
 * of a one-page site) and on a generated library of nine topics of nine pages: every document the line reaches is
 * walked (with the grammar files it names), valid against the W3C schemas and at most 64 KB; and the paths are short.
 */
class PhoneLineTest {
    static final Path FIXTURE = Path.of("src/test/resources/phone-line");
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    static TestServer page;
    static TestServer library;

    @BeforeAll
    static void start() throws Exception {
        page = TestServer.start(FIXTURE);
        library = TestServer.start(LibraryFixture.write(Files.createTempDirectory("earshot-phone-9x9"), 9, 9, 9, 9, 9, 9, 9, 9, 9));
        PhoneLineReady.await(page, "/ivr/what-is-ketamine.vxml", "/ivr.vxml");
        PhoneLineReady.await(library, siteDocuments(library.site()).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        page.close();
        library.close();
    }

    /** The documents of a site line with several topics: the topics, each topic's pages, each page. */
    static List<String> siteDocuments(Site site) {
        List<String> paths = new ArrayList<>(List.of("/ivr.vxml"));
        SiteMenu menu = SiteMenu.of(site);
        for (SiteMenu.TopicPages t : menu.topics()) paths.add("/ivr/" + t.topic().id() + ".topic.vxml");
        for (Page p : site.pages()) paths.add("/ivr/" + p.slug() + ".site.vxml");
        return paths;
    }

    static CallTable pageTable() {
        return CallTable.of(new CallFlow(KeypadMenu.of(page.site().page("what-is-ketamine").orElseThrow())));
    }

    static CallTable siteTable(TestServer on) {
        return CallTable.of(new SiteFlow(SiteMenu.of(on.site())));
    }

    /** Walks the line's table through its VoiceXML; checks and returns the size of every document and grammar reached. */
    static Map<String, Integer> walkAndCheck(TestServer on, CallTable table, String start) throws Exception {
        VoiceXmlBrowser browser = new VoiceXmlBrowser(on);
        CallDialectsTest.walk(on, browser, table, start, null);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, String> doc : browser.documents().entrySet()) {
            assertEquals(List.of(), VoiceXmlValidator.schemaErrors(doc.getValue()), doc.getKey());
            assertEquals(List.of(), VoiceXmlValidator.dtdErrors(doc.getValue()), doc.getKey());
            sizes.put(doc.getKey(), doc.getValue().getBytes(StandardCharsets.UTF_8).length);
        }
        for (Map.Entry<String, String> grammar : browser.grammarBodies().entrySet()) {
            assertEquals(List.of(), VoiceXmlValidator.grammarErrors(grammar.getValue()), grammar.getKey());
            sizes.put(grammar.getKey(), grammar.getValue().getBytes(StandardCharsets.UTF_8).length);
        }
        sizes.forEach((path, bytes) -> assertTrue(bytes <= MAX_DOCUMENT_BYTES, path + ": " + bytes + " bytes"));
        assertTrue(sizes.values().stream().noneMatch(b -> b == 0));
        return sizes;
    }

    static String summary(Map<String, Integer> sizes) {
        int max = sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int total = sizes.values().stream().mapToInt(Integer::intValue).sum();
        return sizes.size() + " files, largest " + max + " B, total " + total + " B";
    }

    @Test
    void everyDocumentOfAPagesOwnLineIsValidAndAtMost64Kilobytes() throws Exception {
        Map<String, Integer> sizes = walkAndCheck(page, pageTable(), "/ivr/what-is-ketamine.vxml");
        System.out.println("Page's own line, document sizes (bytes): " + sizes);
        assertTrue(sizes.containsKey("/ivr/what-is-ketamine.vxml"));
    }

    @Test
    void everyDocumentOfAOnePageSitesLineIsValidAndAtMost64Kilobytes() throws Exception {
        Map<String, Integer> sizes = walkAndCheck(page, siteTable(page), "/ivr.vxml");
        System.out.println("One-page site line, document sizes (bytes): " + sizes);
    }

    @Test
    void everyDocumentOfANineByNineSiteLineIsValidAndAtMost64Kilobytes() throws Exception {
        Map<String, Integer> sizes = walkAndCheck(library, siteTable(library), "/ivr.vxml");
        assertTrue(sizes.keySet().containsAll(siteDocuments(library.site())), sizes.keySet().toString());
        System.out.println("9 x 9 site line: " + summary(sizes) + "; " + sizes);
    }

    /**
     * The longest a caller listens to prompts in one turn of {@code table} (menu, help, "not an option" and the menu
     * again, silence, the keys after a section, goodbye; a section's own audio is not a prompt), from the stored clips.
     */
    static Map<String, Double> promptSeconds(TestServer on, CallTable table, java.util.function.Function<CallFlow.Prompt, String> url) throws Exception {
        Map<CallFlow.Prompt, Double> clip = new java.util.HashMap<>();
        Map<String, Double> turns = new LinkedHashMap<>();
        for (CallFlow.Turn turn : table.turns()) {
            double seconds = 0;
            for (CallFlow.Sound sound : turn.sounds()) {
                if (!(sound instanceof CallFlow.Prompt p)) continue;
                if (!clip.containsKey(p)) {
                    var wav = on.getBytes(url.apply(p));
                    assertEquals(200, wav.statusCode(), url.apply(p));
                    clip.put(p, app.earshot.audio.Wav.inspect(wav.body()).seconds());
                }
                seconds += clip.get(p);
            }
            turns.put(table.name(turn), seconds);
        }
        return turns;
    }

    static String longest(Map<String, Double> seconds) {
        var max = seconds.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        return String.format(java.util.Locale.ROOT, "%d turns, longest %s %.1f s", seconds.size(), max.getKey(), max.getValue());
    }

    @Test
    void everyPromptOfAPagesLineLastsAtMostTwentySecondsFromItsAudio() throws Exception {
        Map<String, Double> seconds = promptSeconds(page, pageTable(), p -> "/telephony/what-is-ketamine/prompts/" + p.name() + ".wav");
        System.out.println("Page's own line, prompts per turn: " + longest(seconds));
        seconds.forEach((turn, s) -> assertTrue(s <= 20.0, turn + ": " + s + " s"));
    }

    @Test
    void everyPromptOfANineByNineSiteLineLastsAtMostTwentySecondsFromItsAudio() throws Exception {
        SiteMenu menu = SiteMenu.of(library.site());
        Map<String, Double> seconds = promptSeconds(library, siteTable(library), p -> p.page() < 0 ? "/telephony/prompts/" + p.name() + ".wav"
                : "/telephony/" + menu.page(p.page()).slug() + "/prompts/" + p.name() + ".wav");
        System.out.println("9 x 9 site line, prompts per turn: " + longest(seconds));
        seconds.forEach((turn, s) -> assertTrue(s <= 20.0, turn + ": " + s + " s"));
    }

    @Test
    void everySectionIsWithinTwoPressesOfItsPagesMenu() {
        CallTable table = pageTable();
        Map<CallFlow.Turn, Integer> presses = CallTables.presses(table);
        int sections = table.flow().keypad().page().sections().size();
        for (int s = 0; s < sections; s++) {
            CallFlow.SectionAudio section = new CallFlow.SectionAudio(s, -1);
            int fewest = presses.entrySet().stream().filter(e -> !e.getKey().hangsUp() && e.getKey().sounds().get(0).equals(section))
                    .mapToInt(Map.Entry::getValue).min().orElse(99);
            assertTrue(fewest <= 2, "section " + s + ": " + fewest + " presses");
        }
    }

    @Test
    void everyPageOfNineByNineIsWithinThreePressesAndOneSpokenTitleOfTheStart() {
        CallTable table = siteTable(library);
        SiteFlow flow = (SiteFlow) table.line();
        Map<CallFlow.Turn, Integer> presses = CallTables.presses(table);
        CallFlow.Turn start = table.turns().get(0);
        Site site = library.site();
        for (int p = 0; p < site.pages().size(); p++) {
            CallFlow.Turn menu = flow.enterPage(p);
            assertTrue(presses.getOrDefault(menu, 99) <= 3, site.pages().get(p).slug() + ": " + presses.get(menu) + " presses");
            assertEquals(menu, flow.next(start.listen(), new CallFlow.Speech(site.pages().get(p).title())), site.pages().get(p).title());
        }
    }
}
