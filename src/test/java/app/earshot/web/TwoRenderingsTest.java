package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.content.Section;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eSpeak NG (the Spanish voice) does not speak a text the same way twice in one process: its pitch flutter and
 * wave generator carry state from one utterance into the next, so a clip made again (on a second origin with its own
 * cache, or after a damaged file is discarded) can differ in its bytes under the same key. An entity tag must change
 * whenever the bytes do (RFC 9110 §8.8.1): a player that resumes a download on another origin with {@code If-Range}
 * must get the whole other rendering, never the second half of one glued to the first half of another.
 */
class TwoRenderingsTest {
    @Test
    void aDownloadResumedOnAnotherOriginIsNeverASpliceOfTwoRenderings(@TempDir Path cacheA, @TempDir Path cacheB) {
        try (TestServer a = TestServer.start(Fixture.BILINGUAL, cacheA, TestServer.SYNTHESIZER);
             TestServer b = TestServer.start(Fixture.BILINGUAL, cacheB, TestServer.SYNTHESIZER)) {
            List<Section> sections = a.site().page("acerca-de-la-ketamina").orElseThrow().sections();
            for (Section section : sections) {
                String path = "/audio/acerca-de-la-ketamina/" + section.id() + ".wav";
                HttpResponse<byte[]> first = a.getBytes(path);
                HttpResponse<byte[]> other = b.getBytes(path);
                assertEquals(200, first.statusCode(), path);
                assertEquals(200, other.statusCode(), path);
                String etag = first.headers().firstValue("ETag").orElseThrow();
                boolean same = Arrays.equals(first.body(), other.body());
                assertEquals(same, etag.equals(other.headers().firstValue("ETag").orElseThrow()),
                        path + ": the two origins' entity tags are equal exactly when their bytes are");

                // Half from the first origin, then the rest from the other with If-Range: the first's tag.
                int half = first.body().length / 2;
                HttpResponse<byte[]> rest = b.getBytes(path, "Range", "bytes=" + half + "-", "If-Range", etag);
                byte[] assembled;
                if (rest.statusCode() == 206) {
                    assembled = Arrays.copyOf(first.body(), half + rest.body().length);
                    System.arraycopy(rest.body(), 0, assembled, half, rest.body().length);
                    assertArrayEquals(first.body(), assembled, path + ": a 206 to If-Range continues the very bytes begun");
                } else {
                    assertEquals(200, rest.statusCode(), path);
                    assertArrayEquals(other.body(), rest.body(), path + ": If-Range naming another rendering gets the whole file");
                }
            }
        }
    }

    @Test
    void theSameBytesKeepTheSameTagOnEveryOrigin(@TempDir Path cacheA, @TempDir Path cacheB) {
        // FreeTTS is deterministic: the English page's clips are byte for byte the same on two origins, so a cache or
        // player that holds one origin's copy revalidates against the other with a 304, as before.
        try (TestServer a = TestServer.start(Fixture.BILINGUAL, cacheA, TestServer.SYNTHESIZER);
             TestServer b = TestServer.start(Fixture.BILINGUAL, cacheB, TestServer.SYNTHESIZER)) {
            Section section = a.site().page("about-ketamine").orElseThrow().sections().get(0);
            String path = "/audio/about-ketamine/" + section.id() + ".wav";
            HttpResponse<byte[]> first = a.getBytes(path);
            HttpResponse<byte[]> other = b.getBytes(path);
            assertArrayEquals(first.body(), other.body(), "FreeTTS speaks a text the same way every time");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertEquals(etag, other.headers().firstValue("ETag").orElseThrow());
            assertEquals(304, b.getBytes(path, "If-None-Match", etag).statusCode());
            assertNotEquals(etag, a.getBytes("/audio/about-ketamine/" + section.id() + ".mp3").headers().firstValue("ETag").orElseThrow(),
                    "each format has its own tag");
        }
    }
}
