package app.earshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.audio.HlsSegments;
import app.earshot.messages.Catalogues;
import app.earshot.messages.Messages;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HLS playlist is VOD: a player fetches it once and never again. When the clinic edits the page while someone
 * listens, the segments still to come must be the ones of the playlist the player holds (its durations), not cut from
 * the new page audio (a jump or a repeat at the next segment; past the end of a shorter page, a 404 that stops
 * playback early).
 */
class HlsAcrossReloadTest {
    private static final Messages EN = Catalogues.bundled().forLanguage("en");
    private static final String PLAYLIST = "/about-ketamine.m3u8";

    @TempDir
    Path content;
    @TempDir
    Path cache;
    @TempDir
    Path scratch;

    @Test
    void aPlaylistFetchedBeforeThePageChangesPlaysToItsEndAsItWas() throws Exception {
        TestServer.copyTree(Fixture.SITE, content);
        Path page = content.resolve("pages/about-ketamine.md");
        List<String> first;
        List<byte[]> firstBytes;
        // What each segment of the first playlist is: fetched once, on a server of its own.
        try (TestServer server = TestServer.start(content, cache, TestServer.SYNTHESIZER)) {
            first = segments(server);
            firstBytes = fetchAll(server, first);
        }
        // A listener has heard segment 0 and no more: the others were never cut (a segment is made when first asked for).
        List<Path> cut;
        try (Stream<Path> files = Files.walk(cache)) {
            cut = files.filter(f -> f.getFileName().toString().endsWith(".hls.mp3")).toList();
        }
        int removed = 0;
        for (Path f : cut) {
            if (Arrays.equals(Files.readAllBytes(f), firstBytes.get(0))) continue;
            Files.delete(f);
            Files.deleteIfExists(f.resolveSibling(f.getFileName() + ".sum"));
            removed++;
        }
        assertEquals(first.size() - 1, removed, "every segment but the first was stored, and is removed");

        try (TestServer server = TestServer.start(content, cache, TestServer.SYNTHESIZER);
             ContentWatcher watcher = new ContentWatcher(content, server.store(), snapshot -> {}).start()) {
            assertEquals(first, segments(server), "the same page, the same playlist");
            assertArrayEquals(firstBytes.get(0), fetch(server, first.get(0)), first.get(0));

            // The clinic edits a sentence in the middle of the page.
            Files.writeString(page, Files.readString(page).replace("In 2019, the FDA approved esketamine",
                    "In March 2019, the United States Food and Drug Administration approved esketamine"));
            String firstPlaylist = server.get(PLAYLIST).body();
            Await.until(Duration.ofSeconds(120), () -> !server.get(PLAYLIST).body().equals(firstPlaylist), "the edited page's playlist");
            List<String> second = segments(server);
            for (int n = 0; n < first.size(); n++) {
                assertArrayEquals(firstBytes.get(n), fetch(server, first.get(n)), "the first playlist's " + first.get(n));
            }
            List<byte[]> secondBytes = fetchAll(server, second);
            for (int n = 0; n < second.size(); n++) {
                String current = URI.create(second.get(n)).getRawPath();
                assertArrayEquals(secondBytes.get(n), fetch(server, current), "the new playlist's " + n + " is the page now");
            }
            assertFalse(sameAudio(firstBytes, secondBytes), "the new playlist plays the new audio");
            decodes(secondBytes);

            // Then it cuts the page down to a few lines.
            Files.writeString(page, """
                    ---
                    title: About Ketamine
                    summary: Understanding the breakthrough treatment that's revolutionizing mental health care
                    reviewed: 2026-11-26
                    next-review: 2027-11-26
                    topic: treatments
                    ---

                    Ketamine, in short.

                    ## FDA Breakthrough Status

                    Approved in 2019.
                    """);
            String secondPlaylist = server.get(PLAYLIST).body();
            Await.until(Duration.ofSeconds(120), () -> !server.get(PLAYLIST).body().equals(secondPlaylist), "the shortened page's playlist");
            List<String> third = segments(server);
            assertTrue(third.size() < first.size() && third.size() < second.size(), third.size() + " segments now");
            for (int n = 0; n < first.size(); n++) {
                assertArrayEquals(firstBytes.get(n), fetch(server, first.get(n)), "past the new end: " + first.get(n));
            }
            for (int n = 0; n < second.size(); n++) {
                assertArrayEquals(secondBytes.get(n), fetch(server, second.get(n)), "past the new end: " + second.get(n));
            }
            List<byte[]> thirdBytes = fetchAll(server, third);
            decodes(thirdBytes);
            assertFalse(sameAudio(firstBytes, thirdBytes));

            // Beyond the version's own segments: the count it has, not the page's now.
            String last = URI.create(first.get(first.size() - 1)).getRawQuery();
            HttpResponse<String> beyond = server.get("/audio/about-ketamine/hls/" + first.size() + ".mp3?" + last);
            assertEquals(404, beyond.statusCode());
            assertEquals(refusal("errors.audio.hls-fewer"), beyond.body());
        }
    }

    @Test
    void aVersionNeverMadeSaysReloadAndAMalformedOneIsAClear404() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<String> listed = segments(server);
            String version = URI.create(listed.get(0)).getRawQuery();
            assertTrue(version.matches("v=[0-9a-f]{64}"), listed.get(0));
            assertTrue(listed.stream().allMatch(u -> u.endsWith("?" + version)), "one version for the whole playlist");
            var page = server.site().page("about-ketamine").orElseThrow();
            assertEquals("v=" + server.narrator().clips().pageMp3(server.voicing(), page, app.earshot.content.Speed.NORMAL).audio().key(),
                    version, "the version is the page MP3's key");
            assertEquals("v=" + server.narrator().clips().hlsVersion(server.voicing(), page), version,
                    "and the route computes the same key without making anything");
            assertEquals(200, server.getBytes("/audio/about-ketamine/hls/1.mp3?" + version).statusCode());

            HttpResponse<String> never = server.get("/audio/about-ketamine/hls/1.mp3?v=" + "0123456789abcdef".repeat(4));
            assertEquals(404, never.statusCode());
            assertEquals(refusal("errors.audio.hls-gone"), never.body());

            String hex = version.substring(2);
            for (String bad : List.of(hex.toUpperCase(java.util.Locale.ROOT), hex.substring(1), hex + "0", "",
                    "..%2F..%2F" + hex.substring(6), hex.substring(0, 63) + "g", "%20" + hex)) {
                HttpResponse<String> r = server.get("/audio/about-ketamine/hls/1.mp3?v=" + bad);
                assertEquals(404, r.statusCode(), bad);
                assertEquals(refusal("errors.audio.hls-version"), r.body(), bad);
            }
        }
    }

    /** A 404's plain-text body saying message {@code key} about the page's playlist. */
    private static String refusal(String key) {
        return EN.get("errors.404") + ": " + EN.format(key, PLAYLIST) + "\n";
    }

    /** The segment URLs the page's playlist lists now, as path and query. */
    private static List<String> segments(TestServer server) {
        HttpResponse<String> playlist = server.get(PLAYLIST);
        assertEquals(200, playlist.statusCode(), playlist.body());
        return playlist.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(URI::create)
                .map(u -> u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())).toList();
    }

    private static byte[] fetch(TestServer server, String pathAndQuery) {
        HttpResponse<byte[]> r = server.getBytes(pathAndQuery);
        assertEquals(200, r.statusCode(), pathAndQuery + ": " + new String(r.body()));
        assertEquals("audio/mpeg", r.headers().firstValue("Content-Type").orElse(""), pathAndQuery);
        return r.body();
    }

    private static List<byte[]> fetchAll(TestServer server, List<String> urls) {
        List<byte[]> out = new ArrayList<>();
        for (String url : urls) out.add(fetch(server, url));
        return out;
    }

    private static boolean sameAudio(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) return false;
        for (int n = 0; n < a.size(); n++) if (!Arrays.equals(a.get(n), b.get(n))) return false;
        return true;
    }

    /** Each segment is the timestamp tag and whole MP3 frames, the timestamps rising from 0. */
    private void decodes(List<byte[]> segments) throws Exception {
        long before = -1;
        for (int n = 0; n < segments.size(); n++) {
            Path file = scratch.resolve(n + ".mp3");
            Files.write(file, segments.get(n));
            HlsSegments.inspect(file);
            long at = HlsSegments.timestamp(segments.get(n));
            assertTrue(n == 0 ? at == 0 : at > before, n + ": " + at);
            before = at;
        }
    }
}
