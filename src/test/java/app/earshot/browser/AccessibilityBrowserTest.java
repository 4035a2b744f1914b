package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.export.Exporter;
import app.earshot.export.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * axe-core in headless Chromium on every route the content has (home, each whole page, each
 * section page, the 404 page) at desktop width, at 320 CSS px and in dark mode, plus the checks
 * axe cannot make: reflow without horizontal scrolling, text-spacing overrides, visible focus.
 */
class AccessibilityBrowserTest {
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");
    /** Rules switched off, each with the reason. None today: keep it that way unless a rule is wrong for us. */
    static final Map<String, String> DISABLED_RULES = Map.of();

    static TestServer server;
    static Browser browser;
    /** A second browser: axe is the time this class takes, and two browsers analyse two pages at once. */
    static Browser second;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("content")); // the clinic's own page: the accessibility suite runs over it
        browser = Browser.start();
        second = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (second != null) second.close();
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    /** An axe run's results, or what stopped it. */
    record Analysis(Results results, RuntimeException failure) {
        Results get() {
            if (failure != null) throw failure;
            return results;
        }
    }

    /**
     * axe's results for each URL in each mode ({@code modes} may be just one), keyed by mode name and URL: the URLs
     * shared between the two browsers, each URL loaded once and analysed in every mode (the emulated width and media
     * features apply to a loaded page at once, as a window resized or a system theme switched does).
     */
    static Map<String, Analysis> analyse(List<String> urls, List<Mode> modes) throws InterruptedException {
        Map<String, Analysis> out = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (Browser b : List.of(browser, second)) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < urls.size(); i = next.getAndIncrement()) {
                    String url = urls.get(i);
                    RuntimeException loading = null;
                    try {
                        b.reset();
                        b.driver().get(url);
                    } catch (RuntimeException e) {
                        loading = e;
                    }
                    for (Mode mode : modes) {
                        try {
                            if (loading != null) throw loading;
                            b.width(mode.width());
                            b.media(mode.media());
                            out.put(mode.name() + " " + url, new Analysis(new AxeBuilder().withTags(TAGS)
                                    .disableRules(new ArrayList<>(DISABLED_RULES.keySet())).analyze(b.driver()), null));
                        } catch (RuntimeException e) {
                            out.put(mode.name() + " " + url, new Analysis(null, e));
                        }
                    }
                }
            }, "axe");
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) worker.join();
        return out;
    }

    /** Every route, derived from the content, so a new page or section is checked without editing this test. */
    static List<String> routes() {
        List<String> routes = new ArrayList<>(List.of("/", "/this-page-does-not-exist"));
        // Each other language's home page (/es/).
        for (String tag : server.site().languages().subList(1, server.site().languages().size())) routes.add("/" + tag + "/");
        for (Page page : server.site().pages()) {
            routes.add("/" + page.slug());
            for (Section section : page.sections()) routes.add("/" + page.slug() + "/" + section.id());
        }
        return routes;
    }

    record Mode(String name, int width, Map<String, String> media) {}

    static final List<Mode> MODES = List.of(
            new Mode("desktop", 1280, Map.of("prefers-color-scheme", "light")),
            new Mode("320px", 320, Map.of("prefers-color-scheme", "light")),
            new Mode("dark", 1280, Map.of("prefers-color-scheme", "dark")));

    @TestFactory
    Stream<DynamicTest> axeFindsNoViolationsOnAnyRouteInAnyMode() throws InterruptedException {
        Map<String, Analysis> analysed = analyse(routes().stream().map(server::url).toList(), MODES);
        return MODES.stream().flatMap(mode -> routes().stream().map(route ->
                dynamicTest(mode.name() + " " + route, () -> {
                    Results results = analysed.get(mode.name() + " " + server.url(route)).get();
                    assertTrue(results.getPasses().size() > 20, "axe did not run its checks on " + route);
                    assertTrue(results.getViolations().isEmpty(), mode.name() + " " + route + ":\n" + describe(results.getViolations()));
                })));
    }

    /** Exports the clinic's whole site, every audio file included, before the checks: longer than the default timeout. */
    @TestFactory
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    Stream<DynamicTest> exportedPagesPassTheSameAxeChecks(@TempDir Path export) throws Exception {
        new Exporter(server.url(""), null).export(export, List.of(), p -> {});
        StaticServer edge = new StaticServer(export);
        List<String> pages;
        try (Stream<Path> files = Files.walk(export)) {
            pages = files.filter(p -> p.getFileName().toString().endsWith(".html"))
                    .map(p -> "/" + export.relativize(p).toString().replace("index.html", "")).sorted().toList();
        }
        assertTrue(pages.size() >= routes().size(), "export has " + pages);
        Map<String, Analysis> analysed = analyse(pages.stream().map(edge::url).toList(), List.of(MODES.get(0)));
        return Stream.concat(pages.stream().map(page -> dynamicTest("export " + page, () -> {
            Results results = analysed.get(MODES.get(0).name() + " " + edge.url(page)).get();
            assertTrue(results.getPasses().size() > 20, "axe did not run its checks on " + page);
            assertTrue(results.getViolations().isEmpty(), "export " + page + ":\n" + describe(results.getViolations()));
        })), Stream.of(dynamicTest("stop static server", edge::close)));
    }

    @TestFactory
    Stream<DynamicTest> pagesReflowAt320PxWithoutHorizontalScrolling() {
        return routes().stream().map(route -> dynamicTest(route, () -> {
            open(route, MODES.get(1));
            assertNoHorizontalScroll(route);
        }));
    }

    @TestFactory
    Stream<DynamicTest> textSpacingOverridesDoNotBreakLayout() {
        return routes().stream().limit(4).map(route -> dynamicTest(route, () -> {
            open(route, MODES.get(1));
            // WCAG 1.4.12's values, applied as a user style sheet would.
            browser.script("""
                    const s = document.createElement('style');
                    s.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
                    document.head.appendChild(s);""");
            assertNoHorizontalScroll(route);
            Long clipped = (Long) browser.script("""
                    let n = 0;
                    for (const el of document.querySelectorAll('main *, header *, footer *')) {
                      const cs = getComputedStyle(el);
                      if ((cs.overflow === 'hidden' || cs.overflowY === 'hidden') && el.scrollHeight > el.clientHeight + 1
                          && !el.closest('.visually-hidden')) n++;
                    }
                    return n;""");
            assertEquals(0L, clipped, route + ": text clipped by overflow:hidden");
        }));
    }

    @Test
    void axeReportsAKnownViolationSoASilentRunCannotPass() {
        browser.reset();
        browser.driver().get("data:text/html,<html><head><title>t</title></head><body><main><img src=x.png></main></body></html>");
        Results results = new AxeBuilder().withTags(TAGS).analyze(browser.driver());
        assertTrue(results.getViolations().stream().anyMatch(v -> v.getId().equals("image-alt")), describe(results.getViolations()));
    }

    @Test
    void skipLinkIsFirstAndVisibleWhenFocused() {
        open("/what-is-ketamine", MODES.get(0));
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        WebElement focused = browser.driver().switchTo().activeElement();
        assertEquals("Skip to main content", focused.getText());
        assertTrue((Boolean) browser.script("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.left >= 0 && r.width > 0;", focused));
        focused.sendKeys(Keys.ENTER);
        assertEquals("main", browser.driver().switchTo().activeElement().getAttribute("id"));
    }

    @TestFactory
    Stream<DynamicTest> keyboardFocusIsVisibleInEveryColourMode() {
        return Stream.of(MODES.get(0), MODES.get(2), new Mode("forced-colors", 1280, Map.of("forced-colors", "active")))
                .map(mode -> dynamicTest(mode.name(), () -> {
                    open("/what-is-ketamine/fda-breakthrough-status", mode);
                    Actions keys = new Actions(browser.driver());
                    for (int i = 0; i < 6; i++) {
                        keys.sendKeys(Keys.TAB).perform();
                        WebElement el = browser.driver().switchTo().activeElement();
                        String style = el.getCssValue("outline-style");
                        double width = Double.parseDouble(el.getCssValue("outline-width").replace("px", ""));
                        assertTrue(!style.equals("none") && width >= 2, mode.name() + ": focus on '" + el.getText() + "' shows outline " + style + " " + width + "px");
                    }
                }));
    }

    private static void open(String route, Mode mode) {
        browser.reset();
        browser.width(mode.width());
        browser.media(mode.media());
        browser.driver().get(server.url(route));
    }

    private static void assertNoHorizontalScroll(String route) {
        Long overflow = (Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow <= 0, route + ": page scrolls sideways by " + overflow + " px at 320 px");
    }

    static String describe(List<Rule> violations) {
        return violations.stream().map(v -> "  " + v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + "\n"
                        + v.getNodes().stream().map(n -> "    " + n.getTarget() + " " + n.getFailureSummary()).collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }
}
