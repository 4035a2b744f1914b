package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openqa.selenium.By;

/**
 * axe-core on the page a browser has open, run in the page itself (axe's legacy mode). The default mode opens an
 * {@code about:blank} window with a one-second page-load limit of its own to gather the frames' results, and on a
 * loaded machine (two test forks beside other builds) Chromium missed that second: "switchToWindow failed". Earshot's
 * pages have no frames, which is checked here, so both modes run the same rules over the same document.
 */
final class Axe {
    private Axe() {}

    /** The results of {@code tags}' rules, but {@code disabled}, on the page {@code browser} shows now. */
    static Results analyze(Browser browser, List<String> tags, Collection<String> disabled) {
        assertEquals(List.of(), browser.driver().findElements(By.cssSelector("iframe, frame")), "the page has no frames");
        AxeBuilder axe = new AxeBuilder().setLegacyMode(true).withTags(tags);
        if (!disabled.isEmpty()) axe.disableRules(new ArrayList<>(disabled));
        return axe.analyze(browser.driver());
    }
}
