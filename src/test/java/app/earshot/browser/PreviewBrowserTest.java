package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import app.earshot.TestServer;
import com.deque.html.axecore.results.Results;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The authors' pronunciation preview ({@code serve --preview}) in headless Chromium: axe, reflow, keyboard, no script. */
@ResourceLock(Browser.LOCK)
class PreviewBrowserTest {
    static final String ROUTE = "/preview/nasal-spray";
    /** A Spanish page: no guessed words, its own words marked Spanish inside the English tool. */
    static final String SPANISH_ROUTE = "/preview/acerca-de-la-ketamina";
    static TestServer server;
    static TestServer bilingual;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = TestServer.startWithPreview(Path.of("src/test/resources/speech-check"));
        bilingual = TestServer.startWithPreview(app.earshot.Fixture.BILINGUAL);
        browser = Browser.open();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (bilingual != null) bilingual.close();
    }

    /** The preview loaded once and looked at in every mode, as {@link AccessibilityBrowserTest#analyse} does. */
    @TestFactory
    Stream<DynamicTest> axeFindsNoViolationsOnThePreviewInAnyMode() throws InterruptedException {
        Map<String, AccessibilityBrowserTest.Analysis> analysed = AccessibilityBrowserTest.analyse(List.of(browser),
                List.of(server.url(ROUTE)), AccessibilityBrowserTest.MODES, (url, fingerprint) -> false);
        return AccessibilityBrowserTest.MODES.stream().map(mode -> dynamicTest(mode.name(), () -> {
            Results results = analysed.get(mode.name() + " " + server.url(ROUTE)).get();
            assertTrue(results.getPasses().size() > 20, "axe did not run its checks");
            assertTrue(results.getViolations().isEmpty(), mode.name() + ":\n" + results.getViolations().stream()
                    .map(v -> v.getId() + ": " + v.getNodes().stream().map(n -> n.getTarget().toString()).toList()).toList());
        }));
    }

    @TestFactory
    Stream<DynamicTest> axeFindsNoViolationsOnASpanishPagesPreviewInAnyMode() throws InterruptedException {
        String url = bilingual.url(SPANISH_ROUTE);
        Map<String, AccessibilityBrowserTest.Analysis> analysed = AccessibilityBrowserTest.analyse(List.of(browser),
                List.of(url), AccessibilityBrowserTest.MODES, (u, fingerprint) -> false);
        return AccessibilityBrowserTest.MODES.stream().map(mode -> dynamicTest(mode.name(), () -> {
            Results results = analysed.get(mode.name() + " " + url).get();
            assertTrue(results.getPasses().size() > 20, "axe did not run its checks");
            assertTrue(results.getViolations().isEmpty(), mode.name() + ":\n" + results.getViolations().stream()
                    .map(v -> v.getId() + ": " + v.getNodes().stream().map(n -> n.getTarget().toString()).toList()).toList());
        }));
    }

    @Test
    void previewShowsTheSpokenScriptWithGuessedWordsMarked() {
        open(AccessibilityBrowserTest.MODES.get(0));
        List<String> marked = browser.driver().findElements(By.cssSelector("td mark")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Spravato", "Spravato", "Neurobiological", "neurobiological"), marked);
    }

    @Test
    void previewReflowsAt320PxWithoutSidewaysScrolling() {
        open(AccessibilityBrowserTest.MODES.get(1));
        Long overflow = (Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow <= 0, "page scrolls sideways by " + overflow + " px at 320 px: " + browser.script(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)"
                + ".filter(e => !e.parentElement.closest('[role=region]')).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');"));
    }

    @Test
    void everyPlayerAndScrollingRegionIsReachableByKeyboard() {
        open(AccessibilityBrowserTest.MODES.get(0));
        List<WebElement> wanted = new ArrayList<>(browser.driver().findElements(By.cssSelector("main audio, main [role=region]")));
        Actions keys = new Actions(browser.driver());
        for (int i = 0; i < 60 && !wanted.isEmpty(); i++) {
            keys.sendKeys(Keys.TAB).perform();
            wanted.remove(browser.driver().switchTo().activeElement());
        }
        assertTrue(wanted.isEmpty(), "not reached by Tab: " + wanted.stream().map(e -> e.getTagName() + " " + e.getAttribute("aria-label")).toList());
    }

    @Test
    void previewRunsNoScript() {
        open(AccessibilityBrowserTest.MODES.get(0));
        assertEquals(0L, browser.script("return document.scripts.length;"));
    }

    private static void open(AccessibilityBrowserTest.Mode mode) {
        browser.reset();
        browser.width(mode.width());
        browser.media(mode.media());
        browser.driver().get(server.url(ROUTE));
    }
}
