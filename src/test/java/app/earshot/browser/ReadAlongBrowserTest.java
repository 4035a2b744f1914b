package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.narration.Narrator;
import app.earshot.speech.Captions;
import com.deque.html.axecore.results.Results;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The read-along script in headless Chromium: the highlighted sentence follows the player's time, a sentence plays
 * from where it is clicked or entered, axe finds nothing with the script on or off, and the CSP still forbids inline
 * script.
 */
@ResourceLock(Browser.LOCK)
class ReadAlongBrowserTest extends ListeningFixtureBrowser {
    static Page page;

    @BeforeAll
    static void startServerAndBrowser() {
        start(LISTENING, "sleep-well");
        page = server.site().page("sleep-well").orElseThrow();
    }

    @Test
    void highlightFollowsEveryCueOfASectionPlayer() {
        Section section = page.section("when-to-ask-for-help").orElseThrow();
        open("/sleep-well/" + section.id());
        assertHighlightFollows(server.narrator().captions().sectionCues(server.voicing(), page, section, app.earshot.content.Speed.NORMAL), 0, "main");
    }

    @Test
    void highlightFollowsTheWholePagePlayerIntoLaterSections() {
        open("/sleep-well");
        double offset = 0;
        Narrator narrator = server.narrator();
        for (Section s : page.sections()) {
            if (s.id().equals("habits-that-help")) break;
            offset += narrator.clips().sectionWav(server.voicing(), page, s, app.earshot.content.Speed.NORMAL).seconds() + app.earshot.narration.Clips.SECTION_PAUSE_SECONDS;
        }
        assertHighlightFollows(narrator.captions().sectionCues(server.voicing(), page, page.section("habits-that-help").orElseThrow(), app.earshot.content.Speed.NORMAL), offset, "#habits-that-help");
    }

    @Test
    void enterOnASentencePlaysFromThere() {
        open("/sleep-well/when-to-ask-for-help");
        WebElement sentence = browser.driver().findElements(By.cssSelector("main [data-start]")).get(1);
        seek(Double.parseDouble(browser.driver().findElements(By.cssSelector("main [data-start]")).get(0).getAttribute("data-start")));
        browser.script("arguments[0].focus();", sentence);
        sentence.sendKeys(Keys.ENTER);
        assertEquals(Double.parseDouble(sentence.getAttribute("data-start")), currentTime(), 0.3);
    }

    @Test
    void clickOnASentencePlaysFromThere() {
        open("/sleep-well/when-to-ask-for-help");
        WebElement sentence = browser.driver().findElements(By.cssSelector("main [data-start]")).get(2);
        sentence.click();
        assertEquals(Double.parseDouble(sentence.getAttribute("data-start")), currentTime(), 0.3);
    }

    @Test
    void axeFindsNothingWithTheScriptOnWhileReading() {
        for (String route : List.of("/sleep-well", "/sleep-well/when-to-ask-for-help")) {
            open(route);
            seek(Double.parseDouble(browser.driver().findElement(By.cssSelector("main [data-start]")).getAttribute("data-start")));
            assertEquals(1L, browser.script("return document.querySelectorAll('.reading').length;"), route);
            assertNoViolations(route);
        }
    }

    @Test
    void axeFindsNothingWithTheScriptOff() {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*readalong.js")));
        try {
            for (String route : List.of("/sleep-well", "/sleep-well/when-to-ask-for-help")) {
                open(route);
                assertEquals(Boolean.FALSE, browser.script("return document.documentElement.classList.contains('read-along');"));
                assertNoViolations(route);
            }
        } finally {
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    @Test
    void cspStillForbidsInlineScript() {
        String csp = server.get("/sleep-well").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        open("/sleep-well");
        assertEquals(Boolean.FALSE, browser.script("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true;';"
                + " document.head.appendChild(s); return window.inlineRan === true;"));
        assertTrue(server.html("/sleep-well").select("script:not([src]), [style], style").isEmpty());
    }

    @Test
    void sentencesAreNotTabStopsUntilReadingStarts() {
        open("/sleep-well/when-to-ask-for-help");
        assertEquals(0L, browser.script("return document.querySelectorAll('[data-start][tabindex=\"0\"]').length;"));
        assertFalse(browser.driver().findElements(By.cssSelector("[aria-live]")).size() > 0);
    }

    /** For each cue after the heading: move the player there and compare the highlighted text with the cue's words. */
    private static void assertHighlightFollows(List<Captions.Cue> cues, double offset, String scope) {
        double first = (Double) browser.script("return Math.min(...[...document.querySelectorAll(arguments[0] + ' [data-start]')].map(e => parseFloat(e.dataset.start)));", scope);
        int checked = 0;
        for (Captions.Cue cue : cues) {
            if (cue.start() + offset < first - 0.01) continue; // the heading: said, but not part of the body's text
            seek(cue.start() + offset);
            String highlighted = (String) browser.script("const r = document.querySelector('.reading'); return r ? r.textContent : '';");
            assertTrue(words(highlighted).containsAll(words(cue.text())), "at " + cue.start() + " cue '" + cue.text() + "' but highlighted '" + highlighted + "'");
            checked++;
        }
        assertTrue(checked >= 3, "cues checked: " + checked);
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }

    private static void seek(double seconds) {
        browser.script("const a = document.querySelector('[data-player] audio'); a.currentTime = arguments[0];"
                + " a.dispatchEvent(new Event('timeupdate'));", seconds);
    }

    private static double currentTime() {
        return ((Number) browser.script("const a = document.querySelector('[data-player] audio'); a.pause(); return a.currentTime;")).doubleValue();
    }

    private static void open(String route) {
        browser.reset();
        browser.driver().get(server.url(route));
        browser.script("const a = document.querySelector('[data-player] audio'); a.muted = true;");
    }

    private static void assertNoViolations(String route) {
        Results results = Axe.run(browser, AccessibilityBrowserTest.TAGS, java.util.List.of());
        assertTrue(results.getPasses().size() > 20, "axe did not run on " + route);
        assertTrue(results.getViolations().isEmpty(), route + ": " + results.getViolations().stream()
                .map(v -> v.getId() + " " + v.getNodes().stream().map(n -> n.getTarget().toString()).toList()).toList());
    }
}
