package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.export.Exporter;
import app.earshot.export.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
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
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * axe-core in headless Chromium on every route the content has (home, each language's home, each whole page, each
 * section page, the 404 page) at desktop width, at 320 CSS px and in dark mode, and on every page of the static
 * export at desktop width, plus the checks axe cannot make: reflow without horizontal scrolling, text-spacing
 * overrides, visible focus. Each route is loaded once and looked at in every mode ({@link #live()}); an exported page
 * identical to its live page as axe sees it ({@link #FINGERPRINT}) takes the live page's results.
 */
@ResourceLock(Browser.LOCK)
class AccessibilityBrowserTest {
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");
    /** Rules switched off, each with the reason. None today: keep it that way unless a rule is wrong for us. */
    static final Map<String, String> DISABLED_RULES = Map.of();

    static TestServer server;
    static Browser browser;
    /** A second browser: axe is the time this class takes, and two browsers analyse two pages at once. */
    static Browser second;

    /** The browsers start while the server loads the content: each start is mostly waiting. */
    @BeforeAll
    static void start() {
        CompletableFuture<Browser> first = CompletableFuture.supplyAsync(() -> Browser.open(0));
        CompletableFuture<Browser> other = CompletableFuture.supplyAsync(() -> Browser.open(1));
        try {
            server = TestServer.start(Path.of("content")); // the clinic's own page: the accessibility suite runs over it
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
    }

    /**
     * What one look at a loaded page in one mode gave: axe's results, or what stopped it; the page's sideways scroll in
     * CSS px; its language (the root element's lang); and its {@link #FINGERPRINT} (what axe sees: DOM, style rules,
     * boxes), taken before axe ran.
     */
    record Analysis(Results results, RuntimeException failure, long sidewaysScroll, String language, String fingerprint) {
        Results get() {
            if (failure != null) throw failure;
            return results;
        }
    }

    /**
     * The page as axe sees it, one string: the doctype and DOM after the page's scripts ran, with only same-host link
     * origins (href and src starting http://127.0.0.1:port) cut off, as a static copy may rewrite them; every style
     * sheet's rules; every element's box. Two pages with the same fingerprint in the same mode get the same axe results.
     */
    static final String FINGERPRINT = """
            const loopback = /^https?:\\/\\/127\\.0\\.0\\.1:[0-9]+(?=\\/|$)/;
            const root = document.documentElement.cloneNode(true);
            for (const el of root.querySelectorAll('[href], [src]')) {
              for (const name of ['href', 'src']) {
                const value = el.getAttribute(name);
                if (value !== null) el.setAttribute(name, value.replace(loopback, ''));
              }
            }
            const out = [document.doctype ? new XMLSerializer().serializeToString(document.doctype) : 'no doctype', root.outerHTML];
            for (const sheet of document.styleSheets) {
              out.push('sheet ' + (sheet.href ? sheet.href.replace(loopback, '') : 'inline') + ' ' + sheet.media.mediaText);
              for (const rule of sheet.cssRules) out.push(rule.cssText);
            }
            for (const el of document.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              out.push(el.tagName + ' ' + r.x + ' ' + r.y + ' ' + r.width + ' ' + r.height);
            }
            return out.join('\\n');""";

    /**
     * Looks at each URL in each mode ({@code modes} may be just one), keyed by mode name and URL: the URLs shared
     * between the {@code browsers}, each URL loaded once and looked at in every mode (the emulated width and media features
     * apply to a loaded page at once, as a window resized or a system theme switched does). {@code skip} is asked with
     * the URL and its fingerprint in the first mode; if it says yes, axe does not run there and the result holds no
     * axe results.
     */
    static Map<String, Analysis> analyse(List<Browser> browsers, List<String> urls, List<Mode> modes,
            java.util.function.BiPredicate<String, String> skip) throws InterruptedException {
        Map<String, Analysis> out = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (Browser b : browsers) {
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
                            long scroll = (Long) b.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                            String language = (String) b.script("return document.documentElement.lang;");
                            String fingerprint = mode == modes.get(0) ? (String) b.script(FINGERPRINT) : null;
                            Results results = fingerprint != null && skip.test(url, fingerprint) ? null
                                    : Axe.run(b, TAGS, DISABLED_RULES.keySet());
                            out.put(mode.name() + " " + url, new Analysis(results, null, scroll, language, fingerprint));
                        } catch (RuntimeException e) {
                            out.put(mode.name() + " " + url, new Analysis(null, e, 0, null, null));
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

    private static Map<String, Analysis> live;

    /** Every route analysed in every mode, once for the class: the axe, reflow and export checks all read it. */
    static synchronized Map<String, Analysis> live() throws InterruptedException {
        if (live == null) live = analyse(List.of(browser, second), routes().stream().map(server::url).toList(), MODES, (url, fingerprint) -> false);
        return live;
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
        Map<String, Analysis> analysed = live();
        return MODES.stream().flatMap(mode -> routes().stream().map(route ->
                dynamicTest(mode.name() + " " + route, () -> {
                    Results results = analysed.get(mode.name() + " " + server.url(route)).get();
                    assertTrue(results.getPasses().size() > 20, "axe did not run its checks on " + route);
                    assertTrue(results.getViolations().isEmpty(), mode.name() + " " + route + ":\n" + describe(results.getViolations()));
                })));
    }

    /**
     * Exports the clinic's whole site, every audio file included, before the checks: longer than the default timeout.
     * An exported page whose fingerprint (desktop mode) equals its live page's is what axe already analysed there, so
     * the live results stand for it; every other exported page is analysed itself.
     */
    @TestFactory
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    Stream<DynamicTest> exportedPagesPassTheSameAxeChecks(@TempDir Path export) throws Exception {
        new Exporter(server.url(""), null).export(export, List.of(), p -> {});
        StaticServer edge = new StaticServer(export);
        List<String> pages;
        try (Stream<Path> files = Files.walk(export)) {
            pages = files.filter(p -> p.getFileName().toString().endsWith(".html"))
                    .map(p -> "/" + export.relativize(p).toString().replace("index.html", "")).sorted().toList();
        }
        assertTrue(pages.size() >= routes().size(), "export has " + pages);
        Map<String, Analysis> live = live();
        Mode desktop = MODES.get(0);
        Map<String, Analysis> analysed = analyse(List.of(browser, second), pages.stream().map(edge::url).toList(), List.of(desktop),
                (url, fingerprint) -> liveTwin(live, url.substring(edge.url("").length()), fingerprint) != null);
        return Stream.concat(pages.stream().map(page -> dynamicTest("export " + page, () -> {
            Analysis exported = analysed.get(desktop.name() + " " + edge.url(page));
            Analysis twin = exported.failure() == null ? liveTwin(live, page, exported.fingerprint()) : null;
            Results results = twin != null ? twin.get() : exported.get();
            String what = twin != null ? " (the live page's analysis: same DOM, style rules and boxes)" : "";
            assertTrue(results.getPasses().size() > 20, "axe did not run its checks on " + page + what);
            assertTrue(results.getViolations().isEmpty(), "export " + page + what + ":\n" + describe(results.getViolations()));
        })), Stream.of(dynamicTest("stop static server", edge::close)));
    }

    /** The live page's desktop analysis if that page, at {@code path} or without its final slash, has {@code fingerprint}; else null. */
    static Analysis liveTwin(Map<String, Analysis> live, String path, String fingerprint) {
        for (String candidate : List.of(path, path.replaceAll("(.)/$", "$1"))) {
            Analysis twin = live.get(MODES.get(0).name() + " " + server.url(candidate));
            if (twin != null && twin.failure() == null && twin.fingerprint().equals(fingerprint)) return twin;
        }
        return null;
    }

    @TestFactory
    Stream<DynamicTest> pagesReflowAt320PxWithoutHorizontalScrolling() throws InterruptedException {
        Map<String, Analysis> analysed = live();
        return routes().stream().map(route -> dynamicTest(route, () -> {
            long overflow = analysed.get(MODES.get(1).name() + " " + server.url(route)).sidewaysScroll();
            assertTrue(overflow <= 0, route + ": page scrolls sideways by " + overflow + " px at 320 px");
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
        Results results = Axe.run(browser, TAGS, DISABLED_RULES.keySet());
        assertTrue(results.getViolations().stream().anyMatch(v -> v.getId().equals("image-alt")), describe(results.getViolations()));
    }

    @Test
    void aDisabledRuleIsNotRun() {
        browser.reset();
        browser.driver().get("data:text/html,<html><head><title>t</title></head><body><main><img src=x.png></main></body></html>");
        Results results = Axe.run(browser, TAGS, List.of("image-alt"));
        assertTrue(results.getViolations().stream().noneMatch(v -> v.getId().equals("image-alt")), describe(results.getViolations()));
    }

    @Test
    void axeRefusesAPageWithAFrameItWouldNotLookInto() {
        browser.reset();
        browser.driver().get("data:text/html,<html><head><title>t</title></head><body><main><iframe title=f></iframe></main></body></html>");
        assertThrows(IllegalStateException.class, () -> Axe.run(browser, TAGS, DISABLED_RULES.keySet()));
    }

    @Test
    void fingerprintIgnoresOnlyALinksLoopbackOrigin() {
        String plain = fingerprint("<a href=\"/x\">x</a>");
        assertEquals(plain, fingerprint("<a href=\"http://127.0.0.1:4321/x\">x</a>"));
        assertNotEquals(plain, fingerprint("<a href=\"https://example.org/x\">x</a>"));
    }

    @Test
    void fingerprintSeesAnAttributeChange() {
        assertNotEquals(fingerprint("<a href=\"/x\">x</a>"), fingerprint("<a href=\"/x\" aria-hidden=\"true\">x</a>"));
    }

    /** What a served style sheet or font changes is not in the markup: the sheet's rules and the boxes are. */
    @Test
    void fingerprintSeesAStyleRuleAndALayoutOutsideTheMarkup() {
        String plain = fingerprint("<style></style><a href=\"/x\">x</a>");
        browser.script("document.querySelector('style').sheet.insertRule('a { color: #767676; }');");
        String ruled = (String) browser.script(FINGERPRINT);
        browser.width(320);
        assertNotEquals(plain, ruled);
        assertNotEquals(ruled, browser.script(FINGERPRINT));
    }

    /** The fingerprint of a page whose main element holds {@code html}. */
    private static String fingerprint(String html) {
        browser.reset();
        browser.driver().get("data:text/html;charset=utf-8," + java.net.URLEncoder.encode(
                "<!doctype html><html lang=en><head><title>t</title></head><body><main>" + html + "</main></body></html>",
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        return (String) browser.script(FINGERPRINT);
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
