package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The page's own player in headless Chromium (issues 22 and 26): native buttons named in the page's words, a
 * section's control that plays that section only, a read-along that follows without taking over, no click listener
 * that makes the text "clickable", and the browser's own player and plain links when the script does not run.
 */
@ResourceLock(Browser.LOCK)
class PlayerBrowserTest extends ListeningFixtureBrowser {
    @BeforeAll
    static void startServerAndBrowser() {
        start(LISTENING, "sleep-well");
    }

    /** Chromium exposes text as "clickable" when it or an element around it listens for clicks or mouse buttons. */
    @Test
    void noElementAroundTheTextListensForClicks() {
        for (String route : List.of("/sleep-well", "/sleep-well/when-to-ask-for-help")) {
            open(route);
            List<String> listening = new ArrayList<>();
            for (String selector : List.of("html", "body", "main", "main section", "main [data-start]", "main p", "main li")) {
                for (String type : listenerTypes(selector)) listening.add(selector + " " + type);
            }
            assertTrue(listening.stream().noneMatch(l -> l.matches(".* (click|mousedown|mouseup|pointerdown|pointerup)")),
                    route + ": " + listening);
        }
    }

    /** A focusable paragraph is named by its text, and Orca said the lead paragraph twice (issue 26). */
    @Test
    void sentencesAreFocusableOnlyOnceAReadingHasStarted() {
        open("/sleep-well");
        assertEquals(0L, browser.script("return document.querySelectorAll('main [data-start][tabindex]').length;"));
        browser.driver().findElement(By.cssSelector("[data-player] .player-play")).sendKeys(Keys.ENTER);
        // The sentences are made focusable when the reading starts, which the browser reports a moment after the key.
        Await.until(Duration.ofSeconds(10),
                () -> (Long) browser.script("return document.querySelectorAll('main [data-start][tabindex]').length;") > 3,
                "sentences focusable once the reading has started");
    }

    @Test
    void aClickListenerOnMainIsSeenSoTheCheckCanFail() {
        open("/sleep-well");
        browser.script("document.querySelector('main').addEventListener('click', () => {});");
        assertEquals(List.of("click"), listenerTypes("main"));
    }

    @Test
    void playerControlsAreNativeButtonsNamedInThePagesWords() {
        open("/sleep-well");
        assertEquals(List.of("Listen to the whole page", "Back 10 seconds", "Forward 10 seconds"), texts("[data-player] .player-controls > button"));
        assertEquals(List.of("Slower", "Normal", "Faster"), texts("[data-player] [role=group] button"));
        assertEquals(Boolean.FALSE, browser.script("return document.querySelector('[data-player] audio').hasAttribute('controls');"));
        WebElement play = browser.driver().findElement(By.cssSelector("[data-player] .player-play"));
        play.sendKeys(Keys.ENTER);
        assertEquals(Boolean.FALSE, audio("paused"));
        assertEquals("Pause", play.getText());
        play.sendKeys(Keys.SPACE);
        assertEquals(Boolean.TRUE, audio("paused"));
        browser.script("document.querySelector('[data-player] audio').currentTime = 15;");
        browser.driver().findElement(By.xpath("//button[.='Back 10 seconds']")).sendKeys(Keys.ENTER);
        assertEquals(5.0, ((Number) audio("currentTime")).doubleValue(), 0.3);
        browser.driver().findElement(By.xpath("//button[.='Forward 10 seconds']")).sendKeys(Keys.ENTER);
        assertEquals(15.0, ((Number) audio("currentTime")).doubleValue(), 0.3);
    }

    /** Issue 22's "speed in reach": a group named by its visible label, one toggle button per speed. */
    @Test
    void speedButtonsSetTheRateAndSayWhichIsPressed() {
        open("/sleep-well/habits-that-help");
        WebElement group = browser.driver().findElement(By.cssSelector("[data-player] [role=group]"));
        assertEquals("Speed", group.getAccessibleName());
        assertTrue(group.getText().startsWith("Speed"), group.getText());
        assertEquals(List.of("false", "true", "false"), pressed());
        // One Tab stop, the pressed button; the arrow keys, Home and End move among the three, Enter or Space presses.
        List<WebElement> buttons = group.findElements(By.tagName("button"));
        assertEquals(List.of("-1", "0", "-1"), buttons.stream().map(b -> b.getDomProperty("tabIndex")).toList());
        double[] rates = {0.75, 1, 1.25};
        WebElement from = buttons.get(1);
        List<String> visited = new ArrayList<>();
        for (Keys[] step : List.of(new Keys[] {Keys.ARROW_RIGHT, Keys.ENTER}, new Keys[] {Keys.HOME, Keys.SPACE},
                new Keys[] {Keys.ARROW_DOWN, Keys.ENTER})) {
            from.sendKeys(step[0]);
            WebElement button = browser.driver().switchTo().activeElement();
            int i = buttons.indexOf(button);
            assertTrue(i >= 0, "focus left the group after " + step[0].name());
            visited.add(button.getText());
            button.sendKeys(step[1]);
            assertEquals(rates[i], ((Number) audio("playbackRate")).doubleValue(), 0.001, button.getText());
            List<String> expected = new ArrayList<>(List.of("false", "false", "false"));
            expected.set(i, "true");
            assertEquals(expected, pressed(), button.getText());
            assertEquals("0", button.getDomProperty("tabIndex"), button.getText());
            Map<?, ?> size = (Map<?, ?>) browser.script("const r = arguments[0].getBoundingClientRect(); return {w: r.width, h: r.height};", button);
            assertTrue(((Number) size.get("w")).doubleValue() >= 44 && ((Number) size.get("h")).doubleValue() >= 44, button.getText() + " " + size);
            from = button;
        }
        assertEquals(List.of("Faster", "Slower", "Normal"), visited);
    }

    /** Orca's browse mode said "Speed panel. Speed." while the label's text was in the tree beside the group's name. */
    @Test
    @SuppressWarnings("unchecked")
    void theSpeedLabelIsInTheTreeOnceAsTheGroupsName() {
        open("/sleep-well");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) browser.driver()
                .executeCdpCommand("Accessibility.getFullAXTree", Map.of()).get("nodes");
        List<String> named = nodes.stream().filter(n -> !Boolean.TRUE.equals(n.get("ignored")))
                .filter(n -> n.get("name") instanceof Map<?, ?> name && "Speed".equals(name.get("value")))
                .map(n -> String.valueOf(((Map<String, Object>) n.get("role")).get("value"))).toList();
        assertEquals(List.of("group"), named);
    }

    @Test
    void theSpeedIsKeptWhilePlayingAndRemembered() {
        open("/sleep-well");
        try {
            browser.driver().findElement(By.xpath("//*[@role='group']/button[.='Slower']")).sendKeys(Keys.ENTER);
            browser.driver().findElement(By.cssSelector("[data-player] .player-play")).sendKeys(Keys.ENTER);
            assertEquals(Boolean.FALSE, audio("paused"));
            assertEquals(0.75, ((Number) audio("playbackRate")).doubleValue(), 0.001);
            open("/sleep-well/habits-that-help");
            assertEquals(List.of("true", "false", "false"), pressed(), "the speed was not remembered");
            assertEquals(0.75, ((Number) audio("playbackRate")).doubleValue(), 0.001);
        } finally {
            browser.script("localStorage.removeItem('earshot.speed');");
        }
    }

    @Test
    void aSectionsControlPlaysThatSectionOnlyAndPausesWhenPressedAgain() {
        open("/sleep-well");
        WebElement control = browser.driver().findElement(By.cssSelector("#habits-that-help .listen-section button"));
        assertTrue(control.getText().startsWith("Listen to section 3: Habits That Help"), control.getText());
        double end = Double.parseDouble(server.html("/sleep-well").selectFirst("#habits-that-help .listen-section a").attr("data-seek-end"));
        control.sendKeys(Keys.ENTER);
        assertEquals(Boolean.FALSE, audio("paused"));
        assertTrue(control.getText().startsWith("Pause section 3: Habits That Help"), control.getText());
        control.sendKeys(Keys.ENTER);
        assertEquals(Boolean.TRUE, audio("paused"));
        control.sendKeys(Keys.ENTER);
        assertEquals(Boolean.FALSE, audio("paused"));
        browser.script("const a = document.querySelector('[data-player] audio'); a.currentTime = arguments[0];"
                + " a.dispatchEvent(new Event('timeupdate'));", end + 0.05);
        assertEquals(Boolean.TRUE, audio("paused"), "played on past the section's end at " + end);
        assertTrue(control.getText().startsWith("Listen to section 3"), control.getText());
    }

    @Test
    void theReadingIsFollowedWhileTheReaderLeavesThePageAlone() {
        open("/sleep-well");
        browser.width(400);
        scrollTo(0);
        seekToLast();
        Await.until(Duration.ofSeconds(10), () -> ((Number) browser.script("return window.scrollY;")).doubleValue() > 100,
                "the page follows the reading");
    }

    @Test
    void theReaderIsNotPulledBackAfterScrollingAway() {
        open("/sleep-well");
        browser.width(400);
        scrollTo(0);
        scrollTo(60);
        seekToLast();
        sleep(NO_SCROLL_MS);
        assertEquals(60.0, ((Number) browser.script("return window.scrollY;")).doubleValue(), 1.0);
    }

    @Test
    void followTheReadingSwitchIsVisibleRememberedAndObeyed() {
        open("/sleep-well");
        WebElement follow = browser.driver().findElement(By.xpath("//label[contains(., 'Follow the reading')]/input"));
        assertTrue(follow.isDisplayed() && follow.isSelected());
        follow.click();
        open("/sleep-well");
        follow = browser.driver().findElement(By.xpath("//label[contains(., 'Follow the reading')]/input"));
        assertFalse(follow.isSelected(), "the switch was not remembered");
        browser.width(400);
        scrollTo(0);
        seekToLast();
        sleep(NO_SCROLL_MS);
        assertEquals(0.0, ((Number) browser.script("return window.scrollY;")).doubleValue(), 1.0);
        follow.click();
    }

    @Test
    void withoutTheScriptTheBrowsersPlayerAndPlainLinksRemain() {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*readalong.js")));
        try {
            open("/sleep-well");
            assertEquals(Boolean.TRUE, browser.script("return document.querySelector('[data-player] audio').hasAttribute('controls');"));
            assertEquals(0L, browser.script("return document.querySelectorAll('main button').length;"));
            // The other speeds are the pre-made readings, offered as downloads.
            for (String text : List.of("Download a slower reading", "Download a faster reading")) {
                String href = browser.driver().findElement(By.xpath("//details[@class='listen-more']//a[starts-with(normalize-space(.), '" + text + "')]")).getDomAttribute("href");
                var response = server.getBytes(href);
                assertEquals(200, response.statusCode(), href);
                assertEquals("audio/mpeg", response.headers().firstValue("Content-Type").orElse(""), href);
                assertTrue(response.body().length > 10_000, href + ": " + response.body().length + " bytes");
            }
            assertEquals("/sleep-well/habits-that-help",
                    browser.driver().findElement(By.cssSelector("#habits-that-help .listen-section a")).getDomAttribute("href"));
        } finally {
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    /** The types of the listeners registered on the first element matching {@code selector} itself. */
    @SuppressWarnings("unchecked")
    private static List<String> listenerTypes(String selector) {
        Map<String, Object> found = browser.driver().executeCdpCommand("Runtime.evaluate",
                Map.of("expression", "document.querySelector(" + quote(selector) + ")"));
        Map<String, Object> result = (Map<String, Object>) found.get("result");
        if (!result.containsKey("objectId")) return List.of();
        Map<String, Object> listeners = browser.driver().executeCdpCommand("DOMDebugger.getEventListeners",
                Map.of("objectId", result.get("objectId"), "depth", 0));
        return ((List<Map<String, Object>>) listeners.get("listeners")).stream().map(l -> (String) l.get("type")).toList();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "\\'") + "'";
    }

    private static List<String> texts(String selector) {
        return browser.driver().findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    private static List<String> pressed() {
        return browser.driver().findElements(By.cssSelector("[data-player] [role=group] button")).stream()
                .map(b -> b.getDomAttribute("aria-pressed")).toList();
    }

    private static Object audio(String property) {
        return browser.script("return document.querySelector('[data-player] audio')[arguments[0]];", property);
    }

    /**
     * How long a test that expects no scroll waits for one: the read-along's smooth scroll would have begun long before.
     * Time that must pass (nothing happens to wait for); a test that expects a scroll waits for the scroll instead.
     */
    private static final long NO_SCROLL_MS = 1500;

    /** Moves the player to the last sentence of the page, as playing would (the read-along handles it at once). */
    private static void seekToLast() {
        browser.script("const all = document.querySelectorAll('main [data-start]'); const last = all[all.length - 1];"
                + " const a = document.querySelector('[data-player] audio'); a.currentTime = parseFloat(last.dataset.start);"
                + " a.dispatchEvent(new Event('timeupdate'));");
    }

    /**
     * Scrolls the window to {@code y} as a reader would and returns once the page has seen it: two animation frames
     * later, by when the browser has dispatched the scroll event the read-along listens for.
     */
    private static void scrollTo(int y) {
        browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1]; window.scrollTo(0, arguments[0]);"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done()));", y);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void open(String route) {
        browser.reset();
        browser.driver().get(server.url(route));
        browser.script("const a = document.querySelector('[data-player] audio'); a.muted = true;");
    }
}
