package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.earshot.Await;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored clip found damaged after warming has finished is discarded, and was made again only when the next listener
 * asked for it (a cold clip's wait, or for whole-page audio, the whole page's). A server that warms makes it again in
 * the background, soon after the discard, with no request for it.
 */
class DiscardedRemadeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIP = "/audio/rest/resting.wav";

    @TempDir
    Path dir;

    @Test
    void aClipDiscardedAsDamagedAfterWarmingIsMadeAgainWithoutARequest() throws Exception {
        Path cache = dir.resolve("cache");
        try (Origin server = Origin.start(DamagedCacheTest.CONTENT, cache, dir.resolve("server.log"),
                UnreadableWarmingTest.QUICK)) {
            server.awaitUp();
            Await.until(Duration.ofSeconds(120), () -> warming(server).equals("done"), "warming done");
            HttpResponse<byte[]> first = server.get(CLIP);
            assertEquals(200, first.statusCode());
            byte[] good = first.body();
            String prefix = first.headers().firstValue("ETag").orElseThrow().substring(1, 17);
            Path file = stored(cache, prefix).orElseThrow();

            // One byte rots in place (size and time kept); the next read finds it and discards the file.
            FileTime time = Files.getLastModifiedTime(file);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                long middle = raf.length() / 2;
                raf.seek(middle);
                int b = raf.read();
                raf.seek(middle);
                raf.write(b ^ 0x55);
            }
            Files.setLastModifiedTime(file, time);
            HttpResponse<byte[]> damaged = server.get(CLIP + "?again");
            assertNotEquals(200, damaged.statusCode(), "the rotted file is never served");
            Await.until(Duration.ofSeconds(10), () -> stored(cache, prefix).isEmpty(), "the damaged file discarded");

            // No request for it now: warming makes it again.
            Await.until(Duration.ofSeconds(60), () -> stored(cache, prefix).isPresent() && warming(server).equals("done"),
                    "the clip made again in the background");
            assertArrayEquals(good, Files.readAllBytes(stored(cache, prefix).orElseThrow()), "the same clip, byte for byte");
            HttpResponse<byte[]> after = server.get(CLIP);
            assertEquals(200, after.statusCode());
            assertArrayEquals(good, after.body());
        }
    }

    /** The stored WAV whose name starts with {@code prefix} (the ETag's first 16 hex digits are the key's). */
    private static Optional<Path> stored(Path cache, String prefix) {
        try (Stream<Path> files = Files.list(cache.resolve(prefix.substring(0, 2)))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".wav")).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String warming(Origin server) {
        try {
            return JSON.readTree(server.get("/healthz").body()).at("/audio/warming").asText();
        } catch (Exception e) {
            throw new AssertionError("/healthz", e);
        }
    }
}
