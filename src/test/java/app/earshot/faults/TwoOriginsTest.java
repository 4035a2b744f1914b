package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: two origins on one cache folder, as the operating guide tells operators to run them — two
 * {@code bin/earshot serve} processes (separate JVMs, so only the file system's atomic renames keep them apart), both
 * asked at once, many times each, for the same audio none of them has made yet, of every kind. Every answer is the same
 * complete bytes (its {@code Content-Length} matches) or a 503 with {@code Retry-After}; afterwards every file in the
 * cache verifies with the store's own verification, and no temp file is left once both have stopped.
 */
class TwoOriginsTest {
    static final List<String> KINDS = List.of("/audio/rest/resting.wav", "/audio/rest/resting.mp3", "/audio/rest/resting.vtt",
            "/audio/rest/driving.slower.mp3", "/audio/rest.mp3", "/rest.epub", "/telephony/rest/resting.ulaw");
    static final int ASKS_PER_ORIGIN = 4;

    @TempDir
    Path dir;

    @Test
    void twoServersOnOneCacheServeTheSameCompleteBytesOr503AndLeaveOnlyVerifiedFiles() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, List<byte[]>> answers = new HashMap<>();
        List<String> failures = new ArrayList<>();
        try (Origin a = Origin.start(DamagedCacheTest.CONTENT, cache, dir.resolve("a.log"), Map.of());
             Origin b = Origin.start(DamagedCacheTest.CONTENT, cache, dir.resolve("b.log"), Map.of())) {
            a.awaitUp();
            b.awaitUp();
            ExecutorService pool = Executors.newFixedThreadPool(2 * ASKS_PER_ORIGIN * KINDS.size());
            CountDownLatch go = new CountDownLatch(1);
            record Ask(String url, Future<HttpResponse<byte[]>> answer) {}
            List<Ask> asks = new ArrayList<>();
            for (int i = 0; i < ASKS_PER_ORIGIN; i++) {
                for (String url : KINDS) {
                    for (Origin origin : List.of(a, b)) {
                        asks.add(new Ask(url, pool.submit(() -> {
                            go.await();
                            return origin.get(url);
                        })));
                    }
                }
            }
            go.countDown();
            for (Ask ask : asks) {
                HttpResponse<byte[]> r = ask.answer().get();  // a body shorter than its Content-Length throws here
                long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (r.statusCode() == 200) {
                    if (declared != r.body().length) failures.add(ask.url() + ": Content-Length " + declared + " but " + r.body().length + " bytes");
                    answers.computeIfAbsent(ask.url(), u -> new ArrayList<>()).add(r.body());
                } else if (r.statusCode() != 503 || r.headers().firstValue("Retry-After").isEmpty()) {
                    failures.add(ask.url() + ": " + r.statusCode() + " " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            pool.shutdown();
            assertTrue(failures.isEmpty(), () -> String.join("\n", failures) + "\n" + a.output() + "\n---\n" + b.output());
            // Once made, each kind is the same bytes from either origin.
            for (String url : KINDS) {
                byte[] fromA = made(a, url);
                assertArrayEquals(fromA, made(b, url), url + " differs between the origins");
                for (byte[] body : answers.getOrDefault(url, List.of())) assertArrayEquals(fromA, body, url + " answered other bytes");
            }
        }
        CacheCheck.assertEveryFileVerifies(cache);
    }

    /** The bytes {@code origin} answers for {@code url} once made (a 503 while it is busy is asked again). */
    static byte[] made(Origin origin, String url) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        HttpResponse<byte[]> r = origin.get(url);
        while (r.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            r = origin.get(url);
        }
        HttpResponse<byte[]> last = r;
        assertEquals(200, r.statusCode(), () -> url + ": " + new String(last.body(), java.nio.charset.StandardCharsets.UTF_8));
        return r.body();
    }
}
