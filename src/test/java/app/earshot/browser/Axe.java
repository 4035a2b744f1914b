package app.earshot.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * axe-core (the copy bundled with {@code com.deque.html.axe-core:selenium}) run in the page a browser has loaded:
 * injected once per page load, then run as often as the page is looked at (once per emulated mode). The same rules as
 * {@link AxeBuilder} with {@code withTags} and {@code disableRules}, without its per-run costs (the 560 KB script
 * injected again on every run, and since axe 4.3 a blank window opened to merge partial results). Every rule runs on
 * every node; axe's {@code resultTypes: ['violations']} keeps every violating node but only one example node of each
 * passed, incomplete or inapplicable rule (the rules themselves are all listed), which took 0.70x the time on five of
 * the clinic's pages (same rules passed, same violations).
 */
final class Axe {
    private static final String SOURCE = source();
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, arguments[0]).then(r => done(JSON.stringify(r)), e => done('axe failed: ' + e));""";

    private Axe() {}

    /**
     * axe's results for the loaded page, the rules tagged {@code tags} but {@code disabled}. Throws if axe cannot run, or
     * if the page has a frame (axe here is injected into the top document only; AxeBuilder would inject into frames).
     */
    static Results run(Browser browser, List<String> tags, Collection<String> disabled) {
        Long frames = (Long) browser.script("return document.querySelectorAll('iframe, frame').length;");
        if (frames != 0) throw new IllegalStateException(frames + " frame(s) on " + browser.driver().getCurrentUrl()
                + ": axe is not injected into frames here; analyse this page with AxeBuilder");
        if (!Boolean.TRUE.equals(browser.script("return typeof window.axe === 'object';"))) browser.script(SOURCE);
        Map<String, Object> rules = new LinkedHashMap<>();
        for (String rule : disabled) rules.put(rule, Map.of("enabled", false));
        Map<String, Object> options = Map.of("runOnly", Map.of("type", "tag", "values", tags), "rules", rules, "resultTypes", List.of("violations"));
        String json = (String) browser.driver().executeAsyncScript(RUN, options);
        if (json == null || json.startsWith("axe failed")) throw new IllegalStateException(json + " on " + browser.driver().getCurrentUrl());
        try {
            return JSON.readValue(json, Results.class);
        } catch (IOException e) {
            throw new UncheckedIOException("axe's results are not the JSON expected", e);
        }
    }

    private static String source() {
        try (InputStream in = AxeBuilder.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) throw new IllegalStateException("axe.min.js is missing from the axe-core selenium jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
