package app.earshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.messages.Catalogues;
import app.earshot.messages.Messages;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment link's version ({@code ?v=}, a page MP3's key) answers only under the page whose playlist gave it out:
 * another page's version under this page's slug is answered as a version never made (404, reload the playlist),
 * whatever the segment number, and never with the other page's audio at this page's address.
 */
class HlsVersionOfAnotherPageTest {
    private static final Path SITE = Path.of("src/test/resources/hls-two-pages");
    private static final Messages EN = Catalogues.bundled().forLanguage("en");

    @TempDir
    Path cache;

    @Test
    void anotherPagesVersionIsAnsweredAsAVersionNeverMade() {
        List<String> sleep;
        byte[] sleepFirst;
        try (TestServer server = TestServer.start(SITE, cache, TestServer.SYNTHESIZER)) {
            List<String> breathing = segments(server, "breathing");
            sleep = segments(server, "sleep");
            assertTrue(sleep.size() >= 2 && breathing.size() >= 2, breathing + " " + sleep);
            sleepFirst = fetch(server, sleep.get(0));
            String sleepVersion = URI.create(sleep.get(0)).getRawQuery();
            assertTrue(!sleepVersion.equals(URI.create(breathing.get(0)).getRawQuery()), "two pages, two versions");

            // Segment 0 is stored, segment 1 is not cut yet, and one past the other page's last: each is a 404 that
            // asks for this page's playlist again, as for a version never made.
            for (int n : new int[] {0, 1, sleep.size(), sleep.size() + 5}) {
                String path = "/audio/breathing/hls/" + n + ".mp3?" + sleepVersion;
                HttpResponse<byte[]> r = server.getBytes(path);
                assertEquals(404, r.statusCode(), path + " answered " + r.headers().firstValue("Content-Type").orElse(""));
                assertEquals(refusal("/breathing.m3u8"), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), path);
            }
            // Each page's own links still play, the other page's first segment as it was.
            assertArrayEquals(sleepFirst, fetch(server, sleep.get(0)));
            for (String url : breathing) fetch(server, url);
            for (String url : sleep) fetch(server, url);
        }
        // A restart changes nothing: the store, not the process, knows which page a version belongs to.
        try (TestServer server = TestServer.start(SITE, cache, TestServer.SYNTHESIZER)) {
            String path = "/audio/breathing/hls/0.mp3?" + URI.create(sleep.get(0)).getRawQuery();
            assertEquals(404, server.getBytes(path).statusCode(), path);
            assertArrayEquals(sleepFirst, fetch(server, sleep.get(0)));
        }
    }

    /** A 404's plain-text body asking the listener to reload {@code playlist}. */
    private static String refusal(String playlist) {
        return EN.get("errors.404") + ": " + EN.format("errors.audio.hls-gone", playlist) + "\n";
    }

    /** The segment URLs {@code /{slug}.m3u8} lists, as path and query. */
    private static List<String> segments(TestServer server, String slug) {
        HttpResponse<String> playlist = server.get("/" + slug + ".m3u8");
        assertEquals(200, playlist.statusCode(), playlist.body());
        return playlist.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(URI::create)
                .map(u -> u.getRawPath() + "?" + u.getRawQuery()).toList();
    }

    private static byte[] fetch(TestServer server, String pathAndQuery) {
        HttpResponse<byte[]> r = server.getBytes(pathAndQuery);
        assertEquals(200, r.statusCode(), pathAndQuery + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("audio/mpeg", r.headers().firstValue("Content-Type").orElse(""), pathAndQuery);
        return r.body();
    }
}
