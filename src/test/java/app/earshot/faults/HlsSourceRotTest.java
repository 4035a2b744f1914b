package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.audio.HlsSegments;
import app.earshot.content.Page;
import app.earshot.content.Speed;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HLS segments are cut from the stored page MP3: a byte rotted in it after it was verified never reaches a listener. */
class HlsSourceRotTest {
    @TempDir
    Path cache;

    @Test
    void aSegmentCutFromARottedPageMp3IsCutFromTheRemadeOne() throws Exception {
        try (TestServer server = TestServer.start(Fixture.SITE, cache, TestServer.SYNTHESIZER)) {
            Page page = server.site().page(Fixture.PAGE).orElseThrow();
            assertEquals(200, server.get("/" + page.slug() + ".m3u8").statusCode());
            HlsSegments.Plan plan = server.narrator().clips().hlsPlan(server.voicing(), page);
            Path mp3 = server.narrator().clips().pageMp3(server.voicing(), page, Speed.NORMAL).audio().path();
            byte[] good = Files.readAllBytes(mp3);
            int n = plan.segments().size() / 2;
            HlsSegments.Segment segment = plan.segments().get(n);
            BitRotTest.rot(mp3, segment.offset() + segment.length() / 2);

            HttpResponse<byte[]> r = server.getBytes("/audio/" + page.slug() + "/hls/" + n + ".mp3");
            assertEquals(200, r.statusCode());
            byte[] frames = Arrays.copyOfRange(good, (int) segment.offset(), (int) (segment.offset() + segment.length()));
            assertArrayEquals(frames, Arrays.copyOfRange(r.body(), HlsSegments.TAG_BYTES, r.body().length), "the page's own frames");
            assertArrayEquals(good, Files.readAllBytes(mp3), "the page MP3 was made again");
        }
    }
}
