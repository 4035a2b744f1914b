package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.ivr.KeypadMenu;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red CI run after stop 33 ({@code CallDialectsTest}: a phone prompt answered 503): two servers on one cache folder,
 * each with its own store, as two origins on a shared volume are (and as the test run's servers share
 * {@code target/test-audio-cache}). When both make a file at once, the second rename puts identical bytes in place of
 * the first; the origin whose file was replaced between finding it and opening it answered 503 "damaged on disk" and
 * deleted the other origin's good file. Here both servers are asked at the same moment for every phone prompt and
 * section clip of a page neither has made (while both lines also make their clips in the background): every answer
 * must be 200, the same bytes from both, and every file in the cache must verify afterwards.
 */
class OneCacheTwoServersTest {
    @TempDir
    Path cache;

    @Test
    void twoServersMakingTheSameClipsAtOnceBothAnswerEveryOneWithTheSameBytes() throws Exception {
        List<String> failures = new ArrayList<>();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try (TestServer a = TestServer.start(Fixture.SITE, cache, TestServer.SYNTHESIZER);
             TestServer b = TestServer.start(Fixture.SITE, cache, TestServer.SYNTHESIZER)) {
            Page page = a.site().page(Fixture.PAGE).orElseThrow();
            List<String> urls = new ArrayList<>();
            for (String name : KeypadMenu.of(page).prompts().keySet()) urls.add("/telephony/" + page.slug() + "/prompts/" + name + ".wav");
            for (Section s : page.sections()) urls.add("/audio/" + page.slug() + "/" + s.id() + ".wav");
            for (String url : urls) {
                CyclicBarrier together = new CyclicBarrier(2);
                Future<HttpResponse<byte[]>> fromA = two.submit(() -> {
                    together.await();
                    return a.getBytes(url);
                });
                Future<HttpResponse<byte[]>> fromB = two.submit(() -> {
                    together.await();
                    return b.getBytes(url);
                });
                HttpResponse<byte[]> ra = fromA.get();
                HttpResponse<byte[]> rb = fromB.get();
                if (ra.statusCode() != 200 || rb.statusCode() != 200) {
                    failures.add(url + ": " + ra.statusCode() + " " + text(ra) + " / " + rb.statusCode() + " " + text(rb));
                } else if (!Arrays.equals(ra.body(), rb.body())) {
                    failures.add(url + ": the two servers answered different bytes");
                }
            }
        } finally {
            two.shutdownNow();
        }
        assertEquals(List.of(), failures);
        CacheCheck.assertEveryFileVerifies(cache);
    }

    private static String text(HttpResponse<byte[]> r) {
        return r.statusCode() == 200 ? "" : new String(r.body(), StandardCharsets.UTF_8).strip();
    }
}
