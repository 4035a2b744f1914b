package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Mp3Decoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 (cold clip): {@code bin/earshot serve --no-warm} makes nothing until a listener asks, so the first request's
 * cost is the clip's alone (bench/cold.sh measures it), and {@code /metrics} says how much of it the voice took.
 */
class NoWarmServeTest {
    @TempDir
    Path dir;

    @Test
    void noWarmServerMakesNothingUntilAskedThenCountsTheVoicesCpu() throws Exception {
        // Warming, were it on, would begin at once (no 1.5 s delay) and say so in healthz before any synthesis ends.
        try (Origin origin = Origin.start(DamagedCacheTest.CONTENT, dir.resolve("cache"), dir.resolve("server.log"),
                KillDuringMakingTest.WARM_AT_ONCE, "--no-warm").awaitUp()) {
            Thread.sleep(1000); // well past the moment a warming server started this way has begun
            assertTrue(text(origin, "/healthz").contains("\"warming\":\"idle\""), text(origin, "/healthz"));
            assertEquals(0, metric(origin, "earshot_syntheses_total"));

            HttpResponse<byte[]> clip = origin.get("/audio/rest/resting.mp3");
            assertEquals(200, clip.statusCode());
            assertTrue(Mp3Decoder.decode(clip.body()).samples().length > 16000, "a second or more of decoded audio");
            assertEquals(1, metric(origin, "earshot_syntheses_total"));
            assertTrue(metric(origin, "earshot_synthesis_cpu_seconds_total") > 0, text(origin, "/metrics"));
        }
    }

    private static String text(Origin origin, String path) throws Exception {
        return new String(origin.get(path).body(), StandardCharsets.UTF_8);
    }

    private static double metric(Origin origin, String name) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text(origin, "/metrics"));
        assertTrue(m.find(), name);
        return Double.parseDouble(m.group(1));
    }
}
