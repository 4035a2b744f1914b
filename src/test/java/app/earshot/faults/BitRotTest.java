package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bit rot as disks do it: one byte changed in the middle of a stored file that was already verified and served, its
 * size, modification time and identity kept. Every read path (Range over the byte, If-None-Match that does not match,
 * the plain GET) must answer the right bytes or 503 with Retry-After, or fail the transfer: never the damaged byte,
 * never a 500.
 */
class BitRotTest {
    static final List<String> KINDS = List.of("/audio/rest/resting.wav", "/audio/rest/resting.mp3",
            "/telephony/rest/resting.ulaw", "/rest.epub");

    @TempDir
    static Path healthy;
    static final Map<String, byte[]> expected = new HashMap<>();

    @TempDir
    Path cache;

    @BeforeAll
    static void makeAHealthyCache() {
        try (TestServer server = TestServer.start(DamagedCacheTest.CONTENT, healthy, TestServer.SYNTHESIZER)) {
            for (String url : KINDS) expected.put(url, server.getBytes(url).body());
        }
    }

    static List<String> kinds() {
        return KINDS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aByteRottedInPlaceIsNeverSentByAnyReadPath(String url) throws Exception {
        TestServer.copyTree(healthy, cache);
        try (TestServer server = TestServer.start(DamagedCacheTest.CONTENT, cache, TestServer.SYNTHESIZER)) {
            byte[] good = expected.get(url);
            assertEquals(200, server.getBytes(url).statusCode());
            long middle = good.length / 2;
            rot(artifact(good), middle);
            String range = "bytes=" + (middle - 10) + "-" + (middle + 10);
            assertRightOrRefused(server, url, good, middle - 10, "Range", range);
            assertRightOrRefused(server, url, good, 0, "If-None-Match", "\"x\"");
            assertRightOrRefused(server, url, good, 0, "If-None-Match", "\"x\"");
            assertRightOrRefused(server, url, good, middle - 10, "Range", range);
        }
    }

    /** Either the right bytes from {@code offset}, or 503 with Retry-After, or a failed transfer. */
    private static void assertRightOrRefused(TestServer server, String url, byte[] good, long offset, String... headers) {
        HttpResponse<byte[]> r;
        try {
            r = server.getBytes(HttpRequest.newBuilder(URI.create(server.url(url))).headers(headers));
        } catch (RuntimeException e) {
            return; // the transfer was cut: the client never takes a short body for the file
        }
        if (r.statusCode() == 503) {
            assertTrue(r.headers().firstValue("Retry-After").isPresent(), url);
            return;
        }
        assertTrue(r.statusCode() == 200 || r.statusCode() == 206, url + " " + Arrays.toString(headers) + ": " + r.statusCode());
        byte[] want = Arrays.copyOfRange(good, (int) offset, (int) offset + r.body().length);
        assertArrayEquals(want, r.body(), url + " " + Arrays.toString(headers) + " sent a damaged byte");
        assertEquals(String.valueOf(r.body().length), r.headers().firstValue("Content-Length").orElse("?"));
    }

    /** Flips one bit of the byte at {@code at}, keeping the file's size, modification time and identity. */
    static void rot(Path file, long at) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
        Files.setLastModifiedTime(file, modified);
    }

    private Path artifact(byte[] bytes) throws IOException {
        for (Path p : DamagedCacheTest.files(cache, "")) {
            if (Files.size(p) == bytes.length && Arrays.equals(bytes, Files.readAllBytes(p))) return p;
        }
        throw new AssertionError("no cached file holds these " + bytes.length + " bytes");
    }
}
