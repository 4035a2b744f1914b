package app.earshot.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A test class's window in headless Debian Chromium. The Chromium process and its chromedriver are started once per
 * test JVM and quit when it exits ({@link #open}); each class gets a window in a browser context of its own, so no
 * cookie, stored item, cached response, emulated width or media feature, blocked URL or DevTools listener of an
 * earlier class is there, and the driver's timeouts are the defaults again. One class drives a shared browser at a
 * time: every class using one holds {@code @ResourceLock(Browser.LOCK)}, and a second lease while one is open fails.
 * Emulation (width, colour scheme, forced colours) goes through the DevTools protocol, which works at any width in
 * headless mode.
 */
public final class Browser implements AutoCloseable {
    /** The JUnit resource lock of the shared browsers: classes holding it never run at the same time. */
    public static final String LOCK = "chromium";
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);
    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    /** The shared browsers, by number (a class may drive two at once, from two threads); started when first leased. */
    private static final Chromium[] SHARED = new Chromium[2];
    private static final boolean[] LEASED = new boolean[SHARED.length];
    /** Each shared browser's own lock, so that the two start at the same time (a start is mostly waiting). */
    private static final Object[] GUARDS = {new Object(), new Object()};

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Browser::quitAll, "quit shared chromium"));
    }

    private final int number;
    private final Chromium chromium;
    private final String context;
    private final String window;
    private final ChromeDriver driver;

    private Browser(int number, Chromium chromium, String context, String window) {
        this.number = number;
        this.chromium = chromium;
        this.context = context;
        this.window = window;
        this.driver = chromium.driver;
    }

    /** A fresh window of the run's first shared browser, for one test class. */
    public static Browser open() {
        return open(0);
    }

    /**
     * A fresh window of shared browser {@code number} (0 or 1), in a new browser context, {@value #WIDTH} x
     * {@value #HEIGHT}, showing about:blank. Starts that browser if it is not running (or no longer answers). Throws
     * if another lease of it is still open: a class that did not hold {@link #LOCK} ran beside one that did.
     */
    public static Browser open(int number) {
        synchronized (GUARDS[number]) {
            return lease(number);
        }
    }

    private static Browser lease(int number) {
        if (LEASED[number]) throw new IllegalStateException("shared browser " + number + " is in use by another test class: "
                + "every class using Browser must hold @ResourceLock(Browser.LOCK)");
        Chromium chromium = SHARED[number];
        if (chromium == null || !chromium.alive()) {
            if (chromium != null) chromium.quit();
            chromium = SHARED[number] = Chromium.start();
        }
        String context = (String) chromium.command("Target.createBrowserContext", Map.of()).get("browserContextId");
        String window = (String) chromium.command("Target.createTarget", Map.of("url", "about:blank",
                "browserContextId", context, "width", WIDTH, "height", HEIGHT)).get("targetId");
        chromium.driver.switchTo().window(window);
        chromium.driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
        chromium.driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
        LEASED[number] = true;
        return new Browser(number, chromium, context, window);
    }

    private static void quitAll() {
        for (int number = 0; number < SHARED.length; number++) {
            synchronized (GUARDS[number]) {
                if (SHARED[number] != null) SHARED[number].quit();
            }
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Emulates a viewport {@code width} CSS pixels wide (320 is WCAG 1.4.10's reflow width, 1280 at 400% zoom). */
    public void width(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Emulates CSS media features, e.g. {@code prefers-color-scheme: dark} or {@code forced-colors: active}. */
    public void media(Map<String, String> features) {
        List<Map<String, String>> list = features.entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList();
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", list));
    }

    public void reset() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        media(Map.of("prefers-color-scheme", "light", "forced-colors", "none"));
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Closes this window and disposes of its browser context with everything in it; the browser keeps running. */
    @Override
    public void close() {
        synchronized (GUARDS[number]) {
            try {
                if (driver.getWindowHandles().contains(window)) {
                    driver.switchTo().window(window);
                    driver.close();
                }
                driver.switchTo().window(chromium.keeper);
                chromium.command("Target.disposeBrowserContext", Map.of("browserContextId", context));
            } catch (RuntimeException e) {
                // A browser that cannot clean up is not used again: the next lease starts a new one.
                chromium.quit();
                SHARED[number] = null;
            } finally {
                LEASED[number] = false;
            }
        }
    }
}
