package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Speed;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Headless Chromium plays the MP3s as served: the whole page (its sections' own frames joined, 16 kHz MPEG-2 Layer III)
 * and one section, each to its end, reporting the WAV's duration and no media error.
 */
@ResourceLock(Browser.LOCK)
class Mp3PlaybackBrowserTest {
    static TestServer server;
    static Browser browser;
    static Page page;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("src/test/resources/listening"));
        page = server.site().page("sleep-well").orElseThrow();
        server.warm(page);
        browser = Browser.open();
        browser.driver().get(server.url("/sleep-well"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    @Test
    void chromiumPlaysTheWholePageMp3ToItsEnd() {
        double wavSeconds = server.narrator().clips().pageWav(server.voicing(), page, Speed.NORMAL).seconds();
        assertPlaysToTheEnd("/audio/sleep-well.mp3", wavSeconds);
    }

    @Test
    void chromiumPlaysASectionMp3ToItsEnd() {
        var section = page.sections().get(1);
        double wavSeconds = server.narrator().clips().sectionWav(server.voicing(), page, section, Speed.NORMAL).seconds();
        assertPlaysToTheEnd("/audio/sleep-well/" + section.id() + ".mp3", wavSeconds);
    }

    @SuppressWarnings("unchecked")
    private static void assertPlaysToTheEnd(String path, double wavSeconds) {
        // Chromium plays only after the person has interacted with the page: a click on the heading is that.
        browser.driver().findElement(org.openqa.selenium.By.tagName("h1")).click();
        Map<String, Object> result = (Map<String, Object>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const a = new Audio(arguments[0]);
                a.muted = true;
                a.onerror = () => done({error: String(a.error && a.error.code)});
                a.onended = () => done({ended: a.ended, duration: a.duration, time: a.currentTime});
                a.onloadedmetadata = () => { a.playbackRate = 16; a.play().catch(e => done({error: String(e)})); };
                """, path);
        assertNull(result.get("error"), "no media error: " + result);
        assertTrue(Boolean.TRUE.equals(result.get("ended")), "played to the end: " + result);
        assertEquals(wavSeconds, ((Number) result.get("duration")).doubleValue(), 0.05, "the WAV's duration: " + result);
        assertEquals(wavSeconds, ((Number) result.get("time")).doubleValue(), 0.05, "ended at the end: " + result);
    }
}
