package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.deque.html.axecore.results.Results;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The Spanish pages of the bilingual fixture (issue 25) under the axe suite of {@link AccessibilityBrowserTest} (its
 * tags, disabled rules and modes) and its reflow check: the page, a section's page, the transcript, the /es/ home and
 * Spanish search results. A class of its own because that one runs over the bundled site and its export for minutes.
 */
@ResourceLock(Browser.LOCK)
class SpanishAccessibilityBrowserTest extends ListeningFixtureBrowser {
    static final String PAGE = "/acerca-de-la-ketamina";

    /** The bilingual fixture, its Spanish page warm. */
    @BeforeAll
    static void startServerAndBrowser() {
        start(app.earshot.Fixture.BILINGUAL, "acerca-de-la-ketamina");
    }

    static List<String> routes() {
        List<String> routes = new ArrayList<>(List.of(PAGE, PAGE + "/transcript", "/es/"));
        routes.add(PAGE + "/" + server.site().page("acerca-de-la-ketamina").orElseThrow().sections().get(1).id());
        for (String q : List.of("depresión", "quiero hacerme daño")) {
            routes.add("/search?lang=es&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        return routes;
    }

    /** Each route loaded once and looked at in every mode, as {@link AccessibilityBrowserTest#analyse} does. */
    @TestFactory
    Stream<DynamicTest> axeFindsNoViolationsOnTheSpanishPagesInAnyMode() throws InterruptedException {
        List<AccessibilityBrowserTest.Mode> modes = AccessibilityBrowserTest.MODES;
        Map<String, AccessibilityBrowserTest.Analysis> analysed = AccessibilityBrowserTest.analyse(List.of(browser),
                routes().stream().map(server::url).toList(), modes, (url, fingerprint) -> false);
        return routes().stream().flatMap(route -> modes.stream().map(mode ->
                dynamicTest(mode.name() + " " + route, () -> {
                    AccessibilityBrowserTest.Analysis analysis = analysed.get(mode.name() + " " + server.url(route));
                    Results results = analysis.get();
                    assertTrue("es".equals(analysis.language()), route + " is not lang=es");
                    assertTrue(results.getPasses().size() > 20, "axe did not run its checks on " + route);
                    assertTrue(results.getViolations().isEmpty(),
                            mode.name() + " " + route + ":\n" + AccessibilityBrowserTest.describe(results.getViolations()));
                    if (mode.width() == 320) {
                        long overflow = analysis.sidewaysScroll();
                        assertTrue(overflow <= 0, route + ": page scrolls sideways by " + overflow + " px at 320 px");
                    }
                })));
    }
}
