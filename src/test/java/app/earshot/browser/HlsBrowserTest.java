package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.export.StaticServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Headless Chromium plays the HLS playlist through npm hls.js (Media Source Extensions), as a web player on another
 * site would: from a page on a second origin, every segment fetched across origins, to the end of the page.
 */
@ResourceLock(Browser.LOCK)
class HlsBrowserTest {
    static final Path HLSJS = Path.of("target", "hlsjs");
    static TestServer server;
    static StaticServer player;
    static Browser browser;
    @TempDir
    static Path site;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isRegularFile(HLSJS.resolve("node_modules/hls.js/dist/hls.min.js"))) {
            Files.createDirectories(HLSJS);
            Process p = new ProcessBuilder("npm", "install", "--prefix", HLSJS.toString(), "--no-audit", "--no-fund", "hls.js@1.6.15")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "npm install hls.js: " + out);
        }
        Files.copy(HLSJS.resolve("node_modules/hls.js/dist/hls.min.js"), site.resolve("hls.min.js"));
        Files.copy(Path.of("src/test/resources/hlsjs/player.html"), site.resolve("player.html"));
        server = TestServer.start();
        player = new StaticServer(site);
        browser = Browser.open();
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
        browser.driver().get(player.url("/player.html"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (player != null) player.close();
        if (server != null) server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void hlsJsPlaysThePageToTheEndWithoutAGap() {
        String playlist = server.get("/about-ketamine.m3u8").body();
        List<Double> listed = playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .map(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).toList();
        double total = listed.stream().mapToDouble(Double::doubleValue).sum();
        // Chromium plays only after the person has interacted with the page: a click on the heading is that.
        browser.driver().findElement(org.openqa.selenium.By.tagName("h1")).click();
        Map<String, Object> result = (Map<String, Object>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const media = document.getElementById('player');
                media.muted = true;
                if (!Hls.isSupported()) { done({error: 'hls.js: no Media Source Extensions'}); return; }
                const hls = new Hls({enableWorker: false});
                const fragments = [];
                const warnings = [];
                hls.on(Hls.Events.ERROR, (e, d) => d.fatal ? done({error: d.type + ': ' + d.details}) : warnings.push(d.details));
                hls.on(Hls.Events.FRAG_BUFFERED, (e, d) => fragments.push({sn: d.frag.sn, duration: d.frag.duration}));
                media.onerror = () => done({error: 'media error ' + (media.error && media.error.code)});
                media.onended = () => {
                    const ranges = [];
                    for (let i = 0; i < media.buffered.length; i++) ranges.push([media.buffered.start(i), media.buffered.end(i)]);
                    done({ended: media.ended, duration: media.duration, time: media.currentTime, fragments, ranges, warnings,
                          levels: hls.levels.length, codec: hls.levels[0] && hls.levels[0].audioCodec});
                };
                hls.on(Hls.Events.MANIFEST_PARSED, () => {
                    media.playbackRate = 16;
                    media.play().catch(e => done({error: String(e)}));
                });
                hls.loadSource(arguments[0]);
                hls.attachMedia(media);
                """, server.url("/about-ketamine.m3u8"));
        assertNull(result.get("error"), "no fatal error: " + result);
        assertTrue(Boolean.TRUE.equals(result.get("ended")), "played to the end: " + result);
        assertEquals(listed.size(), ((List<?>) result.get("fragments")).size(), "every segment buffered: " + result);
        assertEquals(total, ((Number) result.get("duration")).doubleValue(), 0.1, "the playlist's duration: " + result);
        assertEquals(total, ((Number) result.get("time")).doubleValue(), 0.1, "ended at the end: " + result);
        List<List<Number>> ranges = (List<List<Number>>) result.get("ranges");
        assertEquals(1, ranges.size(), "one buffered range, no gap between segments: " + result);
        assertEquals(0, ranges.get(0).get(0).doubleValue(), 0.1, "buffered from the start: " + result);
        assertEquals(total, ranges.get(0).get(1).doubleValue(), 0.1, "buffered to the end: " + result);
    }
}
