package app.earshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.audio.HlsSegments;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HLS segments are cut from the page MP3 at the byte offsets of a plan stored beside it. A cache key names what was
 * asked for, not always one sequence of bytes: eSpeak NG (the Spanish voice) does not speak a text the same way twice in
 * one process, so two origins on one cache folder can each make the page MP3, and the second rename puts the other
 * take in place. A plan made from one take must never cut the other: every segment is whole frames of the very file it
 * is cut from, at that file's own offsets.
 */
class HlsTwoTakesTest {
    private static final String PLAYLIST = "/acerca-de-la-ketamina.m3u8";

    @Test
    void segmentsAreCutFromThePageMp3OnDiskByItsOwnPlan(@TempDir Path cacheA, @TempDir Path cacheB) throws Exception {
        try (TestServer a = TestServer.start(Fixture.BILINGUAL, cacheA, TestServer.SYNTHESIZER)) {
            List<String> listed = segments(a); // origin A makes its page MP3 and plan
            String key = URI.create(listed.get(0)).getRawQuery().substring("v=".length());
            Path mine = cacheA.resolve(key.substring(0, 2)).resolve(key + ".mp3");
            byte[] ours = Files.readAllBytes(mine);
            // Origin B, with the same content, makes its own take of the same page MP3.
            Path theirs;
            try (TestServer b = TestServer.start(Fixture.BILINGUAL, cacheB, TestServer.SYNTHESIZER)) {
                assertEquals(key, URI.create(segments(b).get(0)).getRawQuery().substring("v=".length()), "the same key on both origins");
                theirs = cacheB.resolve(key.substring(0, 2)).resolve(key + ".mp3");
            }
            Assumptions.assumeFalse(Arrays.equals(ours, Files.readAllBytes(theirs)),
                    "needs two takes that differ (eSpeak NG spoke the page the same way twice)");
            // B's rename lands on the shared folder: record first, then the file, each by an atomic rename.
            Path record = mine.resolveSibling(mine.getFileName() + ".sum");
            Files.copy(theirs.resolveSibling(theirs.getFileName() + ".sum"), record.resolveSibling("r.tmp"));
            Files.move(record.resolveSibling("r.tmp"), record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(theirs, mine.resolveSibling("f.tmp"));
            Files.move(mine.resolveSibling("f.tmp"), mine, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            byte[] onDisk = Files.readAllBytes(mine);
            HlsSegments.Plan plan = HlsSegments.plan(new ByteArrayInputStream(onDisk));
            List<String> now = segments(a);
            assertEquals(plan.segments().size(), now.size(), "the playlist lists the take on disk's segments");
            for (int n = 0; n < now.size(); n++) {
                HttpResponse<byte[]> r = a.getBytes(now.get(n));
                assertEquals(200, r.statusCode(), now.get(n));
                byte[] body = afterTag(r.body());
                HlsSegments.Segment s = plan.segments().get(n);
                assertArrayEquals(Arrays.copyOfRange(onDisk, (int) s.offset(), (int) (s.offset() + s.length())), body,
                        "segment " + n + " is frames " + s.firstFrame() + " on of the page MP3 on disk, at its own offsets");
            }
        }
    }

    /** The segment's bytes after its ID3v2 tag (header, then a synchsafe size). */
    private static byte[] afterTag(byte[] segment) {
        assertEquals("ID3", new String(segment, 0, 3, java.nio.charset.StandardCharsets.ISO_8859_1));
        int size = (segment[6] & 0x7F) << 21 | (segment[7] & 0x7F) << 14 | (segment[8] & 0x7F) << 7 | (segment[9] & 0x7F);
        return Arrays.copyOfRange(segment, 10 + size, segment.length);
    }

    /** The segment URLs the page's playlist lists now, as path and query. */
    private static List<String> segments(TestServer server) {
        HttpResponse<String> playlist = server.get(PLAYLIST);
        assertEquals(200, playlist.statusCode(), playlist.body());
        return playlist.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(URI::create)
                .map(u -> u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())).toList();
    }
}
