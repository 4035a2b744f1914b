package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A reader in Windows High Contrast (forced colours, emulated through {@code Emulation.setEmulatedMedia}, a light and a
 * dark system palette) and a keyboard-only reader, on the listening fixture with the page's own player and a sentence
 * being read: every word is drawn in a colour that differs from the one behind it, the "More ways to listen" marker
 * stays a triangle, and every Tab stop looks different when it has focus.
 */
@ResourceLock(Browser.LOCK)
class ForcedColoursBrowserTest extends ListeningFixtureBrowser {
    /** The palettes looked at: the two forced ones, and the page's own light and dark. */
    static final Map<String, Map<String, String>> MODES = new java.util.LinkedHashMap<>();

    static {
        MODES.put("forced light", Map.of("forced-colors", "active", "prefers-color-scheme", "light"));
        MODES.put("forced dark", Map.of("forced-colors", "active", "prefers-color-scheme", "dark"));
        MODES.put("light", Map.of("forced-colors", "none", "prefers-color-scheme", "light"));
        MODES.put("dark", Map.of("forced-colors", "none", "prefers-color-scheme", "dark"));
    }

    /**
     * Where words and list markers are drawn, as [what, x, y, width, height] in page pixels: each line box of each text,
     * and the strip left of each list item's first line where its marker is. The page's boxes, not its colours: in forced
     * colours Chromium draws a backplate behind the text of every element it adjusts, in a colour of its own (Canvas,
     * ButtonFace for a button, Mark for a mark) that no computed style reports, so only the pixels tell.
     */
    static final String WORD_BOXES = """
            const out = [];
            const seen = el => el.checkVisibility() && !el.closest('.visually-hidden, .skip-link, thead');
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (!n.textContent.trim() || !seen(n.parentElement)) continue;
              const range = document.createRange();
              range.selectNodeContents(n);
              for (const r of range.getClientRects()) {
                // Narrower boxes are a lone space or full stop at a line's end: too few pixels to judge.
                if (r.width >= 10 && r.height >= 8) out.push([n.textContent.trim().slice(0, 40), r.left + scrollX, r.top + scrollY, r.width, r.height]);
              }
            }
            for (const li of document.querySelectorAll('li')) {
              const s = getComputedStyle(li);
              if (s.display !== 'list-item' || s.listStyleType === 'none' || s.listStylePosition !== 'outside' || !seen(li)) continue;
              const r = li.getBoundingClientRect();
              const line = parseFloat(s.lineHeight) || 24;
              out.push(['marker of ' + li.textContent.trim().slice(0, 40), r.left + scrollX - 24, r.top + scrollY, 22, line]);
            }
            return out;""";

    /**
     * The words and markers of the page now that cannot be seen, each as "what (n px)": inside its box, 2 px in from each
     * edge (where a neighbouring background can bleed in), fewer than 8 pixels stand out from the box's commonest colour
     * (the background) by 3:1. The whole page is one screenshot, taken with the viewport as tall as the page so that the
     * boxes measured are the boxes drawn.
     */
    @SuppressWarnings("unchecked")
    static List<String> unseenWords() {
        long height = (Long) browser.script("return document.documentElement.scrollHeight;");
        long width = (Long) browser.script("return window.innerWidth;");
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        List<List<Object>> boxes = (List<List<Object>>) browser.script(WORD_BOXES);
        BufferedImage page = png(browser.driver().executeCdpCommand("Page.captureScreenshot", Map.of("format", "png")));
        List<String> unseen = new ArrayList<>();
        for (List<Object> box : boxes) {
            double left = ((Number) box.get(1)).doubleValue(), top = ((Number) box.get(2)).doubleValue();
            int x0 = (int) Math.ceil(left) + 2, y0 = (int) Math.ceil(top) + 2;
            int x1 = Math.min(page.getWidth(), (int) Math.floor(left + ((Number) box.get(3)).doubleValue()) - 2);
            int y1 = Math.min(page.getHeight(), (int) Math.floor(top + ((Number) box.get(4)).doubleValue()) - 2);
            Map<Integer, Integer> counts = new java.util.HashMap<>();
            for (int y = Math.max(0, y0); y < y1; y++) for (int x = Math.max(0, x0); x < x1; x++) counts.merge(page.getRGB(x, y) & 0xffffff, 1, Integer::sum);
            if (counts.isEmpty()) continue;
            int background = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            int standingOut = counts.entrySet().stream().filter(e -> contrast(e.getKey(), background) >= 3).mapToInt(Map.Entry::getValue).sum();
            if (standingOut < 8) unseen.add(box.get(0) + " (" + standingOut + " px)");
        }
        return unseen;
    }

    static double contrast(int a, int b) {
        double x = luminance(a), y = luminance(b);
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    }

    static double luminance(int rgb) {
        double[] c = {rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255};
        for (int i = 0; i < 3; i++) {
            double v = c[i] / 255;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    @BeforeAll
    static void startServerAndBrowser() {
        start(LISTENING, "sleep-well");
    }

    /**
     * Seen in forced colours: the pressed speed ("Normal") was a blank box, its HighlightText words on the Canvas
     * backplate; the bullet of the list item being read was white on white (HighlightText, outside the highlight).
     */
    @Test
    void everyWordAndMarkerDiffersFromTheColourBehindIt() {
        List<String> unseen = new ArrayList<>();
        for (var mode : MODES.entrySet()) {
            for (String route : List.of("/sleep-well", "/sleep-well/habits-that-help", "/search?q=suicide+sleep", "/sleep-well/transcript", "/no-such-page")) {
                open(route, mode.getValue());
                if (route.startsWith("/sleep-well") && !route.endsWith("transcript")) readListItem();
                List<String> words = unseenWords();
                if (!words.isEmpty()) unseen.add(mode.getKey() + " " + route + ": " + words);
            }
        }
        assertEquals(List.of(), unseen);
    }

    @Test
    void theUnseenWordsCheckSeesTextInTheBackplatesColourSoItCanFail() {
        browser.reset();
        browser.media(MODES.get("forced light"));
        browser.driver().get("data:text/html,<html lang=en><title>t</title><main><ul><li style='forced-color-adjust:none;color:HighlightText;background:Highlight'>Bullet</li></ul>"
                + "<p><button style='color:HighlightText;background:Highlight'>Blank</button></p></main></html>");
        assertEquals(List.of("Blank (0 px)", "marker of Bullet (0 px)"), unseenWords());
    }

    /**
     * The marker is a triangle drawn with borders, three of them transparent: forced colours turned those into the
     * link's colour, so it was a filled square (navy, or yellow in the dark palette) with the triangle barely seen on it,
     * and a square does not show that it turned when open.
     */
    @Test
    void moreWaysToListenKeepsItsTriangleInForcedColours() {
        for (String mode : List.of("forced light", "forced dark")) {
            open("/sleep-well", MODES.get(mode));
            @SuppressWarnings("unchecked")
            List<String> borders = (List<String>) browser.script("const s = getComputedStyle(document.querySelector('.listen-more summary'), '::before');"
                    + " return [s.borderTopColor, s.borderRightColor, s.borderBottomColor, s.borderLeftColor];");
            // Transparent is rgba(r, g, b, 0); an opaque colour is rgb(r, g, b).
            assertTrue(borders.subList(0, 3).stream().allMatch(c -> c.startsWith("rgba(") && c.endsWith(", 0)")), mode + ": " + borders);
            assertTrue(borders.get(3).startsWith("rgb("), mode + ": " + borders);
        }
    }

    /**
     * Tab through the whole page, a sentence being read (so it is a Tab stop), and compare each stop's surroundings
     * focused and not: at least a one-pixel ring's worth of pixels must change, in the forced palettes as in the page's
     * own (a focus style that forced colours drop, such as a box-shadow alone, changes nothing there).
     */
    @Test
    void everyTabStopLooksDifferentWhenFocused() {
        for (var mode : MODES.entrySet()) {
            open("/sleep-well", mode.getValue());
            readListItem();
            List<String> stops = new ArrayList<>();
            assertEquals(List.of(), unseenFocus(stops), mode.getKey());
            assertTrue(stops.size() > 15 && stops.contains("LI Keep the room dark and cool."), mode.getKey() + ": " + stops);
        }
    }

    @Test
    void aStopWithoutAFocusStyleIsSeenSoTheCheckCanFail() {
        browser.reset();
        browser.media(MODES.get("forced dark"));
        browser.driver().get("data:text/html,<html lang=en><title>t</title><main><p><a href=/x>Ringed</a></p>"
                + "<p><a href=/y style='outline:none'>Bare</a></p></main></html>");
        List<String> unseen = unseenFocus(new ArrayList<>());
        assertEquals(1, unseen.size(), unseen.toString());
        assertTrue(unseen.get(0).startsWith("A 'Bare' 0 px changed"), unseen.toString());
    }

    /**
     * Tabs from the top of the page to its end and compares each stop's surroundings (10 px around its box) focused and
     * not: the stops where fewer pixels changed than a one-pixel ring round the box has, as "TAG 'text' n px changed".
     * Each stop is added to {@code stops} as "TAG text".
     */
    private static List<String> unseenFocus(List<String> stops) {
        List<String> unseen = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            WebElement el = browser.driver().switchTo().activeElement();
            if (el.getTagName().equals("body")) break;
            stops.add(el.getTagName().toUpperCase(java.util.Locale.ROOT) + " " + el.getText());
            @SuppressWarnings("unchecked")
            Map<String, Number> r = (Map<String, Number>) browser.script("const r = arguments[0].getBoundingClientRect();"
                    + " return {x: r.left + scrollX - 10, y: r.top + scrollY - 10, w: r.width + 20, h: r.height + 20, p: 2 * (r.width + r.height)};", el);
            BufferedImage focused = shot(r);
            browser.script("document.activeElement.blur();");
            long changed = changedPixels(focused, shot(r));
            if (changed < r.get("p").doubleValue()) unseen.add(el.getTagName().toUpperCase(java.util.Locale.ROOT) + " '" + el.getText() + "' " + changed + " px changed");
        }
        return unseen;
    }

    /** The sentence "Keep the room dark and cool." (a list item) becomes the one being read: the player seeks into it. */
    private static void readListItem() {
        browser.script("const a = document.querySelector('[data-player] audio'); a.muted = true;"
                + " a.currentTime = parseFloat([...document.querySelectorAll('main li[data-start]')].find(li => li.textContent.startsWith('Keep')).dataset.start) + 0.2;");
        app.earshot.Await.until(java.time.Duration.ofSeconds(10),
                () -> Boolean.TRUE.equals(browser.script("const r = document.querySelector('.reading'); return !!r && r.tagName === 'LI';")),
                "a list item being read");
        browser.script("window.scrollTo(0, 0);");
    }

    private static BufferedImage shot(Map<String, Number> r) {
        return png(browser.driver().executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "clip", Map.of("x", r.get("x"), "y", r.get("y"), "width", r.get("w"), "height", r.get("h"), "scale", 1))));
    }

    private static BufferedImage png(Map<String, Object> png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) png.get("data"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long changedPixels(BufferedImage a, BufferedImage b) {
        long changed = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                int d = Math.max(Math.abs((p >> 16 & 255) - (q >> 16 & 255)), Math.max(Math.abs((p >> 8 & 255) - (q >> 8 & 255)), Math.abs((p & 255) - (q & 255))));
                if (d > 24) changed++;
            }
        }
        return changed;
    }

    private static void open(String route, Map<String, String> media) {
        browser.reset();
        browser.media(media);
        browser.driver().get(server.url(route));
    }
}
