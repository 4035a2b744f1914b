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

    /**
     * hls.js buffers the whole page (every segment, fetched across origins) before playing; then the player crosses
     * every boundary between two segments and plays the last second to the end, at 16x (the fastest rate Chromium
     * allows), instead of playing every second between: a gap or a segment the player cannot go on into stalls it at its
     * boundary, and a stall fails the test there. Each segment is also decoded whole by Chromium's audio decoder
     * ({@code decodeAudioData}), so no frame goes unchecked that playing through would have decoded.
     */
    @Test
    @SuppressWarnings("unchecked")
    void hlsJsPlaysThePageToTheEndWithoutAGap() {
        String playlist = server.get("/about-ketamine.m3u8").body();
        List<Double> listed = playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .map(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).toList();
        double total = listed.stream().mapToDouble(Double::doubleValue).sum();
        // Chromium plays only after the person has interacted with the page: a click on the heading is that.
        browser.driver().findElement(org.openqa.selenium.By.tagName("h1")).click();
        Map<String, Object> result = (Map<String, Object>) browser.driver().executeAsyncScript(PLAY, server.url("/about-ketamine.m3u8"));
        System.out.println("hls.js " + result);
        assertNull(result.get("error"), "no fatal error: " + result);
        assertTrue(Boolean.TRUE.equals(result.get("ended")), "played to the end: " + result);
        assertEquals(listed.size(), ((List<?>) result.get("fragments")).size(), "every segment buffered: " + result);
        assertEquals(listed.size() - 1, ((List<?>) result.get("crossed")).size(), "every boundary crossed: " + result);
        List<Number> decoded = (List<Number>) result.get("decoded");
        assertEquals(listed.size(), decoded.size(), "every segment decoded: " + result);
        for (int i = 0; i < listed.size(); i++) {
            assertEquals(listed.get(i), decoded.get(i).doubleValue(), 0.1, "segment " + i + " decoded whole: " + result);
        }
        assertEquals(total, ((Number) result.get("duration")).doubleValue(), 0.1, "the playlist's duration: " + result);
        assertEquals(total, ((Number) result.get("time")).doubleValue(), 0.1, "ended at the end: " + result);
        List<List<Number>> ranges = (List<List<Number>>) result.get("ranges");
        assertEquals(1, ranges.size(), "one buffered range, no gap between segments: " + result);
        assertEquals(0, ranges.get(0).get(0).doubleValue(), 0.1, "buffered from the start: " + result);
        assertEquals(total, ranges.get(0).get(1).doubleValue(), 0.1, "buffered to the end: " + result);
    }

    /**
     * Loads the playlist into hls.js with a buffer as long as the page, waits until every segment is buffered, decodes
     * each, then plays across each boundary (from half a second before it to half a second after) and the last second
     * to the end; a play that does not get past its mark within {@code STALL} ms of wall time is an error.
     */
    static final String PLAY = """
            const done = arguments[arguments.length - 1];
            const STALL = 20000;
            const media = document.getElementById('player');
            media.muted = true;
            if (!Hls.isSupported()) { done({error: 'hls.js: no Media Source Extensions'}); return; }
            const hls = new Hls({enableWorker: false, maxBufferLength: 3600, maxMaxBufferLength: 3600, maxBufferSize: 1e9});
            const fragments = [], warnings = [], crossed = [];
            let finished = false;
            const finish = r => { if (!finished) { finished = true; done(r); } };
            const fail = what => finish({error: what, fragments, warnings, crossed});
            hls.on(Hls.Events.ERROR, (e, d) => d.fatal ? fail(d.type + ': ' + d.details) : warnings.push(d.details));
            media.onerror = () => fail('media error ' + (media.error && media.error.code));
            const playUntil = (from, until, what) => new Promise((resolve, reject) => {
              const started = performance.now();
              const check = () => {
                if (finished) return;
                if (until === 'ended' ? media.ended : media.currentTime >= until) { resolve(); return; }
                if (performance.now() - started > STALL) { reject(what + ': stalled at ' + media.currentTime); return; }
                setTimeout(check, 5);
              };
              media.addEventListener('seeked', () => {
                media.playbackRate = 16;
                media.play().then(check, e => reject(what + ': ' + e));
              }, {once: true});
              media.currentTime = from;
            });
            const decode = async url => {
              const bytes = await (await fetch(url)).arrayBuffer();
              return (await new OfflineAudioContext(1, 1, 16000).decodeAudioData(bytes)).duration;
            };
            const playThrough = async details => {
              const decoded = [];
              for (const f of details.fragments) decoded.push(await decode(f.url));
              const ranges = () => { const r = []; for (let i = 0; i < media.buffered.length; i++) r.push([media.buffered.start(i), media.buffered.end(i)]); return r; };
              const buffered = ranges();
              for (const f of details.fragments.slice(1)) {
                await playUntil(Math.max(0, f.start - 0.5), f.start + 0.5, 'boundary at ' + f.start);
                media.pause();
                crossed.push(f.start);
              }
              await playUntil(Math.max(0, media.duration - 1), 'ended', 'the end');
              finish({ended: media.ended, duration: media.duration, time: media.currentTime, fragments, ranges: ranges(),
                      bufferedBeforePlaying: buffered, crossed, decoded, warnings, levels: hls.levels.length,
                      codec: hls.levels[0] && hls.levels[0].audioCodec});
            };
            hls.on(Hls.Events.FRAG_BUFFERED, (e, d) => {
              fragments.push({sn: d.frag.sn, duration: d.frag.duration});
              const details = hls.levels[0].details;
              if (fragments.length === details.fragments.length) playThrough(details).catch(e => fail(String(e)));
            });
            hls.loadSource(arguments[0]);
            hls.attachMedia(media);
            """;
}
