package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.audio.HlsSegments;
import app.earshot.audio.Mp3;
import app.earshot.audio.Mp3Info;
import app.earshot.content.Speed;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HLS playlist as Apple's rules and ffmpeg take it: segments of about 6 s cut from the one gapless page MP3, each
 * starting with the ID3 PRIV timestamp of packed audio (RFC 8216 section 3.4), played end to end and one by one.
 */
class HlsPlaybackTest {
    static TestServer server;
    static List<Double> durations = new ArrayList<>();
    static List<String> uris = new ArrayList<>();
    static List<String> lines;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        HttpResponse<String> playlist = server.get("/about-ketamine.m3u8");
        assertEquals(200, playlist.statusCode(), playlist.body());
        lines = playlist.body().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("#EXTINF:")) continue;
            durations.add(Double.parseDouble(lines.get(i).substring(8, lines.get(i).indexOf(','))));
            uris.add(lines.get(i + 1));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static double total() {
        return durations.stream().mapToDouble(Double::doubleValue).sum();
    }

    static byte[] segment(String uri) {
        HttpResponse<byte[]> r = server.getBytes(path(uri));
        assertEquals(200, r.statusCode(), uri);
        assertEquals("audio/mpeg", r.headers().firstValue("Content-Type").orElse(""), uri);
        return r.body();
    }

    static String path(String uri) {
        return java.net.URI.create(uri).getRawPath();
    }

    @Test
    void segmentsAreAboutSixSecondsWithinATargetOfAtMostTen() {
        long target = Long.parseLong(lines.stream().filter(l -> l.startsWith("#EXT-X-TARGETDURATION:")).findFirst().orElseThrow().substring(22));
        assertTrue(target <= 10, "target " + target);
        assertTrue(durations.size() > 3, durations.toString());
        for (int n = 0; n < durations.size(); n++) {
            assertTrue(Math.round(durations.get(n)) <= target, n + ": " + durations.get(n));
            if (n < durations.size() - 1) assertTrue(durations.get(n) >= 3 && durations.get(n) <= 9.5, n + ": " + durations.get(n));
        }
        assertTrue(lines.containsAll(List.of("#EXT-X-VERSION:3", "#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST")), lines.toString());
    }

    @Test
    void everyDurationIsWholeFramesOfTheOnePageStream() throws Exception {
        Mp3Info page = Mp3.inspect(server.narrator().clips().pageMp3(server.voicing(),
                server.site().page("about-ketamine").orElseThrow(), Speed.NORMAL).audio().path());
        long frames = 0;
        for (double d : durations) {
            long f = Math.round(d * page.sampleRate() / page.samplesPerFrame());
            assertEquals(f * page.samplesPerFrame() / (double) page.sampleRate(), d, 0.0005, "whole frames: " + d);
            frames += f;
        }
        assertEquals(page.frames(), frames, "every frame of the page MP3, once");
    }

    @Test
    void ffmpegPlaysThePlaylistEndToEndForItsListedDuration() throws Exception {
        double seconds = PlaylistPlaybackTest.decodedSeconds(server.url("/about-ketamine.m3u8"));
        assertEquals(total(), seconds, 0.1, "decoded " + seconds + " s; the playlist lists " + total() + " s");
    }

    @Test
    void ffmpegDecodesEachSegmentToItsListedDuration() throws Exception {
        for (int n = 0; n < uris.size(); n++) {
            Path file = dir.resolve(n + ".mp3");
            Files.write(file, segment(uris.get(n)));
            double seconds = PlaylistPlaybackTest.decodedSeconds(file.toString());
            assertEquals(durations.get(n), seconds, 0.1, "segment " + n);
        }
    }

    @Test
    void eachSegmentsId3TimestampIsItsFirstSampleIn90kHz() throws Exception {
        long samples = 0;
        for (int n = 0; n < uris.size(); n++) {
            byte[] bytes = segment(uris.get(n));
            long stamp = id3PrivTimestamp(bytes, n);
            assertEquals(samples * 90_000 / 16_000, stamp, "segment " + n);
            samples += Math.round(durations.get(n) * 16_000);
        }
    }

    /** Reads the tag as any ID3v2 reader would: header, frames by id and size, the PRIV owner string, then the data. */
    static long id3PrivTimestamp(byte[] b, int n) {
        assertEquals("ID3", new String(b, 0, 3, java.nio.charset.StandardCharsets.ISO_8859_1), "segment " + n + " starts with ID3");
        int size = synchsafe(b, 6);
        int at = 10;
        while (at < 10 + size) {
            String id = new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int frameSize = b[3] == 4 ? synchsafe(b, at + 4) : java.nio.ByteBuffer.wrap(b, at + 4, 4).getInt();
            if (id.equals("PRIV")) {
                int zero = at + 10;
                while (b[zero] != 0) zero++;
                String owner = new String(b, at + 10, zero - at - 10, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (owner.equals("com.apple.streaming.transportStreamTimestamp")) {
                    assertEquals(8, at + 10 + frameSize - zero - 1, "eight bytes of timestamp");
                    long ts = java.nio.ByteBuffer.wrap(b, zero + 1, 8).getLong();
                    assertEquals(0, ts >>> 33, "33 bits");
                    return ts;
                }
            }
            at += 10 + frameSize;
        }
        throw new AssertionError("segment " + n + " has no transportStreamTimestamp PRIV frame");
    }

    static int synchsafe(byte[] b, int at) {
        return (b[at] & 0x7F) << 21 | (b[at + 1] & 0x7F) << 14 | (b[at + 2] & 0x7F) << 7 | (b[at + 3] & 0x7F);
    }

    @Test
    void aSegmentIsCachedLikeOtherAudio() {
        String path = path(uris.get(1));
        HttpResponse<byte[]> first = server.getBytes(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(first.headers().firstValue("Last-Modified").isPresent());
        assertEquals(304, server.getBytes(path, "If-None-Match", etag).statusCode());
        HttpResponse<byte[]> range = server.getBytes(path, "Range", "bytes=0-" + (HlsSegments.TAG_BYTES - 1));
        assertEquals(206, range.statusCode());
        assertEquals(HlsSegments.TAG_BYTES, range.body().length);
    }

    @Test
    void eachSegmentIsTitledByTheSectionPlayingAtItsStartAndEverySectionHasOne() {
        var page = server.site().page("about-ketamine").orElseThrow();
        List<String> titles = lines.stream().filter(l -> l.startsWith("#EXTINF:")).map(l -> l.substring(l.indexOf(',') + 1)).toList();
        List<String> sections = page.sections().stream()
                .map(s -> s.introduction() ? "Introduction to " + page.title() : s.heading()).toList();
        assertEquals(sections, titles.stream().distinct().toList(), "sections in order, each starting a segment or within one");
        assertEquals(sections.get(0), titles.get(0));
    }

    @Test
    void segmentsOutsideThePlaylistAreClear404s() {
        for (String bad : List.of(uris.size() + ".mp3", "-1.mp3", "01.mp3", "1.wav", "x.mp3", "99999999999.mp3")) {
            HttpResponse<String> r = server.get("/audio/about-ketamine/hls/" + bad);
            assertEquals(404, r.statusCode(), bad);
            assertTrue(!r.body().contains("Exception"), bad + ": " + r.body());
        }
        assertEquals(404, server.get("/audio/no-such-page/hls/0.mp3").statusCode());
    }
}
