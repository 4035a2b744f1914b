package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 22 in headless Chromium: a table keeps every column in view at 320 px and is still a table with its caption
 * said once; a care callout is reached by heading keys, is not a "comment", and stands out in forced colours.
 */
@ResourceLock(Browser.LOCK)
class PageStructureBrowserTest extends ListeningFixtureBrowser {
    @BeforeAll
    static void startServerAndBrowser() {
        start(LISTENING, "sleep-well");
    }

    @Test
    void at320PxEveryCellIsInViewWithItsColumnsName() {
        for (String route : List.of("/sleep-well", "/sleep-well/sleep-by-age")) {
            open(route, 320);
            assertEquals(List.of(), browser.script("""
                    const out = [];
                    for (const cell of document.querySelectorAll('main table tbody th, main table tbody td')) {
                      const r = cell.getBoundingClientRect();
                      if (r.width <= 0 || r.left < 0 || r.right > document.documentElement.clientWidth) out.push(cell.textContent + ' at ' + r.left + '..' + r.right);
                    }
                    return out;"""), route);
            assertEquals("\"Hours\"", browser.script("return getComputedStyle(document.querySelector('main table tbody td'), '::before').content.split(' / ')[0];"), route);
        }
    }

    @Test
    void theTableIsStillATableWhoseCaptionIsSaidOnce() {
        open("/sleep-well/sleep-by-age", 320);
        List<Map<String, Object>> nodes = axNodes();
        assertEquals(1, nodes.stream().filter(n -> role(n).equals("table")).count(), "no table in the accessibility tree");
        assertEquals(3, nodes.stream().filter(n -> role(n).equals("columnheader")).count());
        long named = nodes.stream().filter(n -> name(n).equals("Hours needed at each age") && !role(n).equals("StaticText")
                && !role(n).equals("InlineTextBox")).count();
        // The table alone is named by the caption (a region around it was named by it too, and Orca said it again).
        assertEquals(1, named, "named by the caption: " + nodes.stream().filter(n -> name(n).equals("Hours needed at each age")).map(PageStructureBrowserTest::role).toList());
    }

    /**
     * On the page and at the top of a crisis search alike (Orca said "comment" before the search's urgent advice, the
     * role=note the page's callouts had already lost).
     */
    @Test
    void aCareCalloutIsAHeadingNotAComment() {
        for (String route : List.of("/sleep-well", "/search?q=suicide")) {
            open(route, 1280);
            List<Map<String, Object>> nodes = axNodes();
            assertTrue(nodes.stream().anyMatch(n -> role(n).equals("heading") && name(n).equals("Urgent advice: If you are thinking about suicide")), route);
            assertTrue(nodes.stream().noneMatch(n -> role(n).equals("note") || role(n).equals("comment")), route);
        }
    }

    /**
     * Orca 43 in Chromium speaks the text of a strong, emphasis or time element as an utterance of its own: "Most adults
     * need" / "seven to nine hours." / "a night", a lone "•" before a bold figure in a list, "Page last reviewed:" /
     * "26 November 2026." (the shared orca-transcript.sh on the bundled page; b, i and span kept one line). So no such
     * element is an object of its own in Chromium's tree: the text around it is one line, as it is read.
     */
    @Test
    void noInlineElementSplitsALineForAScreenReader() {
        for (String route : List.of("/sleep-well", "/sleep-well/sleep-well", "/sleep-well/transcript")) {
            open(route, 1280);
            assertTrue(((Number) browser.script("return document.querySelectorAll('main strong, main em, main time').length;")).intValue() > 0,
                    route + " has none to try");
            List<String> split = axNodes().stream().filter(n -> !Boolean.TRUE.equals(n.get("ignored")))
                    .filter(n -> List.of("strong", "emphasis", "time").contains(role(n))).map(n -> role(n) + " " + name(n)).toList();
            assertEquals(List.of(), split, route);
        }
    }

    /**
     * A link to a file or feed is one line, its format read with its name: as flex items the name and the format were
     * two blocks: Orca said "Podcast feed of every page and section link." then "(RSS)" as an utterance of its own
     * with no "link", and on Tab "section(RSS) link", the two joined with no space (orca-transcript.sh on the home
     * page). Chromium's own name for the link had the space; Orca reads the link's text, in which two blocks meet
     * with nothing between them.
     */
    @Test
    void aWayToListenIsOneLineWithItsFormat() {
        for (String route : List.of("/", "/sleep-well/habits-that-help")) {
            open(route, 1280);
            browser.script("const d = document.querySelector('details.listen-more'); if (d) d.open = true;");
            @SuppressWarnings("unchecked")
            List<String> split = (List<String>) browser.script("""
                    return [...document.querySelectorAll('a.way .format')].map(f => f.closest('a'))
                      .filter(a => getComputedStyle(a.querySelector('.format')).display !== 'inline')
                      .map(a => a.textContent);""");
            assertEquals(List.of(), split, route + ": a format is a block of its own");
            assertTrue(((Number) browser.script("return document.querySelectorAll('a.way .format').length;")).intValue() > 0, route + " has none to try");
        }
    }

    /**
     * "Previous section:" and the section's title are one run of text with a line break, not two blocks: as two flex
     * items Orca read the link on Tab as "Previous section:What is Ketamine? link", the two joined with nothing between
     * (orca-transcript.sh on a section page), as it did a way to listen and its format.
     */
    @Test
    void aPagerLinksLabelAndTitleAreOneRunOfText() {
        open("/sleep-well/habits-that-help", 1280);
        @SuppressWarnings("unchecked")
        List<String> blocks = (List<String>) browser.script("""
                return [...document.querySelectorAll('.pager .pager-label, .pager .pager-title')]
                  .filter(s => getComputedStyle(s).display !== 'inline').map(s => s.className + ': ' + s.textContent);""");
        assertTrue(((Number) browser.script("return document.querySelectorAll('.pager .pager-title').length;")).intValue() == 2, "two pager links");
        assertEquals(List.of(), blocks);
    }

    @Test
    void inForcedColoursACalloutHasAnEdgeNoOtherPanelHas() {
        open("/sleep-well", 1280);
        browser.media(Map.of("forced-colors", "active"));
        double care = edge(".care");
        double panels = Math.max(edge(".contents"), edge(".listen"));
        assertTrue(care >= 8 && care > panels, "care " + care + " px, other panels " + panels + " px");
    }

    @Test
    void moreWaysToListenShowsAMarkerThatTurnsWhenOpen() {
        open("/sleep-well", 1280);
        String marker = "const s = getComputedStyle(document.querySelector('.listen-more summary'), '::before');"
                + " return [s.borderLeftWidth, s.borderLeftColor, s.transform];";
        @SuppressWarnings("unchecked")
        List<String> closed = (List<String>) browser.script(marker);
        assertTrue(Double.parseDouble(closed.get(0).replace("px", "")) >= 8 && !closed.get(1).endsWith(", 0)"), closed.toString());
        browser.script("document.querySelector('.listen-more').open = true;");
        assertTrue(!browser.script(marker).equals(closed), "the marker does not change when open");
    }

    private static double edge(String selector) {
        return Double.parseDouble(((String) browser.script("return getComputedStyle(document.querySelector(arguments[0])).borderLeftWidth;", selector)).replace("px", ""));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> axNodes() {
        return (List<Map<String, Object>>) browser.driver().executeCdpCommand("Accessibility.getFullAXTree", Map.of()).get("nodes");
    }

    @SuppressWarnings("unchecked")
    private static String role(Map<String, Object> node) {
        Map<String, Object> role = (Map<String, Object>) node.get("role");
        return role == null ? "" : String.valueOf(role.get("value"));
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> node) {
        Map<String, Object> name = (Map<String, Object>) node.get("name");
        return name == null ? "" : String.valueOf(name.get("value"));
    }

    private static void open(String route, int width) {
        browser.reset();
        browser.width(width);
        browser.driver().get(server.url(route));
    }
}
