package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import app.earshot.TestServer;
import com.deque.html.axecore.results.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * axe on the library's home and search pages (results, one, none, empty, too long) in every mode, and on a clinic's
 * crisis and no-results pages, where urgent help comes first; on the bilingual fixture's (after "es:") Spanish crisis
 * search and a search answered in another language; the form used by keyboard.
 */
@ResourceLock(Browser.LOCK)
class SearchBrowserTest {
    /** Pages of the plain library, and (after "clinic:") of the clinic fixture, which has care callouts. */
    static final List<String> ROUTES = List.of("/", "/search", "/search?q=aftercare", "/search?q=anaesthetist",
            "/search?q=zebra", "/search?q=" + "x".repeat(201) + "+" + "y".repeat(69), "clinic:/search?q=suicidal",
            "clinic:/search?q=zebra", "clinic:/search?q=i+want+to+kill+myself", "es:/search?q=hacerme+da%C3%B1o&lang=es",
            "es:/search?q=embarazo");

    static TestServer server;
    static TestServer clinic;
    static TestServer bilingual;
    static Browser browser;
    /** A second browser: axe is most of this class's time, and two browsers analyse two pages at once. */
    static Browser second;
    private static Map<String, AccessibilityBrowserTest.Analysis> analysed;

    @BeforeAll
    static void start() {
        CompletableFuture<Browser> first = CompletableFuture.supplyAsync(() -> Browser.open(0));
        CompletableFuture<Browser> other = CompletableFuture.supplyAsync(() -> Browser.open(1));
        try {
            server = TestServer.start(Path.of("src/test/resources/library"));
            clinic = TestServer.start(Path.of("src/test/resources/clinic"));
            bilingual = TestServer.start(app.earshot.Fixture.BILINGUAL);
        } finally {
            browser = first.join();
            second = other.join();
        }
    }

    @AfterAll
    static void stop() {
        if (second != null) second.close();
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (clinic != null) clinic.close();
        if (bilingual != null) bilingual.close();
    }

    /**
     * Every route loaded once and looked at in every mode, as {@link AccessibilityBrowserTest#analyse} does, once for
     * the class: the axe and reflow checks both read it.
     */
    static synchronized Map<String, AccessibilityBrowserTest.Analysis> analysed() throws InterruptedException {
        if (analysed == null) analysed = AccessibilityBrowserTest.analyse(List.of(browser, second),
                ROUTES.stream().map(SearchBrowserTest::url).toList(), AccessibilityBrowserTest.MODES, (url, fingerprint) -> false);
        return analysed;
    }

    @TestFactory
    Stream<DynamicTest> axeFindsNoViolationsOnSearchPagesInAnyMode() throws InterruptedException {
        Map<String, AccessibilityBrowserTest.Analysis> analysed = analysed();
        return AccessibilityBrowserTest.MODES.stream().flatMap(mode -> ROUTES.stream().map(route ->
                dynamicTest(mode.name() + " " + route, () -> {
                    Results results = analysed.get(mode.name() + " " + url(route)).get();
                    assertTrue(results.getPasses().size() > 20, "axe did not run its checks on " + route);
                    assertTrue(results.getViolations().isEmpty(), mode.name() + " " + route + ":\n" + results.getViolations().stream()
                            .map(v -> v.getId() + ": " + v.getNodes().stream().map(n -> n.getTarget() + " " + n.getFailureSummary())
                                    .collect(Collectors.joining("; "))).collect(Collectors.joining("\n")));
                })));
    }

    /** Read from the 320 px look at each route, before axe ran there. */
    @TestFactory
    Stream<DynamicTest> searchPagesReflowAt320Px() throws InterruptedException {
        Map<String, AccessibilityBrowserTest.Analysis> analysed = analysed();
        AccessibilityBrowserTest.Mode narrow = AccessibilityBrowserTest.MODES.get(1);
        assertEquals(320, narrow.width());
        return ROUTES.stream().map(route -> dynamicTest(route, () -> {
            AccessibilityBrowserTest.Analysis analysis = analysed.get(narrow.name() + " " + url(route));
            analysis.get();
            long overflow = analysis.sidewaysScroll();
            assertTrue(overflow <= 0, route + ": scrolls sideways by " + overflow + " px at 320 px");
        }));
    }

    @Test
    void searchButtonIsAtLeast44PixelsSquareAt320Px() {
        open("/", 320, Map.of("prefers-color-scheme", "light"));
        WebElement button = browser.driver().findElement(By.cssSelector("form[role=search] button"));
        assertTrue(button.getRect().getWidth() >= 44 && button.getRect().getHeight() >= 44, button.getRect().toString());
    }

    @Test
    void typingAWordAndPressingEnterShowsTheResults() {
        open("/", 1280, Map.of("prefers-color-scheme", "light"));
        browser.driver().findElement(By.id("site-search-q")).sendKeys("aftercare", Keys.ENTER);
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("/search?q=aftercare"));
        assertEquals("3 results for aftercare", browser.driver().findElement(By.tagName("h1")).getText());
    }

    @Test
    void urgentHelpIsSeenAboveTheFirstResultAndReachedByHeading() {
        open("clinic:/search?q=suicidal", 320, Map.of("prefers-color-scheme", "light"));
        WebElement help = browser.driver().findElement(By.cssSelector("main .care h2"));
        WebElement firstResult = browser.driver().findElement(By.cssSelector("ol.search-results h2"));
        assertTrue(help.isDisplayed() && help.getRect().getY() < firstResult.getRect().getY(), help.getRect() + " " + firstResult.getRect());
        List<String> headings = browser.driver().findElements(By.cssSelector("main h1, main h2")).stream().map(WebElement::getText).toList();
        assertEquals("Immediate action required: If your life is in danger now", headings.get(1));
    }

    private static void open(String route, int width, Map<String, String> media) {
        browser.reset();
        browser.width(width);
        browser.media(media);
        browser.driver().get(url(route));
    }

    private static String url(String route) {
        return route.startsWith("clinic:") ? clinic.url(route.substring(7))
                : route.startsWith("es:") ? bilingual.url(route.substring(3)) : server.url(route);
    }
}
