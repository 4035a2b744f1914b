package app.earshot.store;

import app.earshot.audio.Signals;
import app.earshot.audio.Wav;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactStoreTest {

    @TempDir
    Path dir;

    private final String key = ArtifactStore.key("page-1", "section-2", "kevin16", "150wpm");
    private final byte[] wav = Wav.encode(Signals.tone(16000, 440, 8000, 0.25));

    @Test
    void keyIsSha256HexAndLengthPrefixed() {
        assertTrue(ArtifactStore.key("ab", "c").matches("[0-9a-f]{64}"));
        assertNotEquals(ArtifactStore.key("ab", "c"), ArtifactStore.key("a", "bc"));
        assertEquals(ArtifactStore.key("ab", "c"), ArtifactStore.key("ab", "c"));
    }

    @Test
    void secondGetIsAHitAndTheProducerRunsOnce() throws IOException {
        ArtifactStore cache = new ArtifactStore(dir.resolve("audio-cache"));
        Counting producer = new Counting(wav);
        Artifact first = cache.get(key, "wav", producer);
        Artifact second = cache.get(key, "wav", producer);
        assertEquals(1, producer.calls.get());
        assertEquals(first.path(), second.path());
        assertArrayEquals(wav, second.readAllBytes());
        assertEquals(List.of(1L, 1L, 1L), List.of(cache.counts().hits(), cache.counts().misses(), cache.counts().productions()));
    }

    @Test
    void aNoteIsWrittenInsideStoredOnlyIsNoProductionAndOutlivesItsStore() throws IOException {
        ArtifactStore cache = new ArtifactStore(dir);
        byte[] note = "given out\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertArrayEquals(note, cache.storedOnly(() -> cache.note(key, "given", note)).readAllBytes());
        assertEquals(List.of(0L, 0L, 0L), List.of(cache.counts().hits(), cache.counts().misses(), cache.counts().productions()));
        assertArrayEquals(note, new ArtifactStore(dir).find(key, "given").orElseThrow().readAllBytes(), "a restarted store");
    }

    @Test
    void aNoteAlreadyStoredIsKeptAsItIs() throws IOException {
        byte[] first = "first\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        new ArtifactStore(dir).note(key, "given", first);
        Artifact again = new ArtifactStore(dir).note(key, "given", "second\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertArrayEquals(first, again.readAllBytes());
    }

    @Test
    void aNoteIsWrittenWhileEveryProductionSlotIsTaken() throws Exception {
        ArtifactStore cache = new ArtifactStore(dir, new app.earshot.making.Maker(1, 50, 0), Map.of(), Seal.NONE);
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Artifact> slow = pool.submit(() -> cache.get(ArtifactStore.key("slow"), "wav", () -> {
                making.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return wav;
            }));
            assertTrue(making.await(10, TimeUnit.SECONDS));
            assertThrows(app.earshot.making.Busy.class, () -> cache.get(ArtifactStore.key("next"), "wav", () -> wav),
                    "a production is refused now");
            byte[] note = "given out\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertArrayEquals(note, cache.note(key, "given", note).readAllBytes(), "a note is not");
            release.countDown();
            slow.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void fileLivesUnderTheFirstTwoHexDigitsBesideItsSumWithNoTempFileLeft() throws IOException {
        ArtifactStore cache = new ArtifactStore(dir);
        Path file = cache.get(key, "wav", () -> wav).path();
        assertEquals(dir.resolve(key.substring(0, 2)).resolve(key + ".wav"), file);
        try (var siblings = Files.list(file.getParent())) {
            assertEquals(java.util.Set.of(file, file.resolveSibling(key + ".wav.sum")), java.util.Set.copyOf(siblings.toList()));
        }
    }

    @Test
    void recordNamesTheFileItWasWrittenForWithLengthPieceDigestsAndTheDigestOfThose() throws Exception {
        Artifact a = new ArtifactStore(dir).get(key, "wav", () -> wav);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(wav);
        String piece = String.format("%08x", crc.getValue());
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest((wav.length + " " + piece).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTrue(wav.length <= 1 << 16, "one piece");
        assertEquals("earshot-sum-4 " + key + ".wav " + wav.length + " " + digest + " " + piece + "\n", Files.readString(a.path().resolveSibling(key + ".wav.sum")));
        assertEquals(digest, a.sha256());
    }

    @Test
    void aFileRecordedInThePreviousFormatIsServedWithoutBeingMadeAgain() throws Exception {
        byte[] big = bigWav();
        writePreviousFormat(big, big);
        Counting producer = new Counting(big);
        Artifact a = new ArtifactStore(dir).get(key, "wav", producer);
        assertEquals(0, producer.calls.get());
        assertArrayEquals(big, a.readAllBytes());
        assertTrue(a.pieceIsIntact(1, java.nio.ByteBuffer.wrap(big, 1 << 16, 1 << 16)));
    }

    @Test
    void aFileRecordedInThePreviousFormatWithAByteChangedIsMadeAgain() throws Exception {
        byte[] big = bigWav();
        byte[] damaged = big.clone();
        damaged[damaged.length - 10] ^= 1;
        writePreviousFormat(big, damaged);
        Counting producer = new Counting(big);
        Artifact a = new ArtifactStore(dir).get(key, "wav", producer);
        assertEquals(1, producer.calls.get());
        assertArrayEquals(big, a.readAllBytes());
        assertTrue(Files.readString(a.path().resolveSibling(key + ".wav.sum")).startsWith("earshot-sum-4 "));
    }

    @Test
    void aRecordWhoseDigestDoesNotFitItsPiecesIsRefusedAndTheFileMadeAgain() throws Exception {
        Path file = new ArtifactStore(dir).get(key, "wav", () -> wav).path();
        Path sum = file.resolveSibling(key + ".wav.sum");
        String[] fields = Files.readString(sum).split(" ");
        fields[3] = fields[3].substring(0, 63) + (fields[3].endsWith("0") ? "1" : "0");
        Files.writeString(sum, String.join(" ", fields));
        Counting producer = new Counting(wav);
        new ArtifactStore(dir).get(key, "wav", producer);
        assertEquals(1, producer.calls.get());
    }

    /** A WAV of three pieces and a bit. */
    private static byte[] bigWav() {
        return Wav.encode(Signals.tone(16000, 440, 8000, 6.5));
    }

    /** {@code bytes} in the store's place for the key, with a record of the previous format made for {@code recorded}. */
    private void writePreviousFormat(byte[] recorded, byte[] bytes) throws Exception {
        StringBuilder pieces = new StringBuilder();
        for (int at = 0; at < recorded.length; at += 1 << 16) {
            java.security.MessageDigest piece = java.security.MessageDigest.getInstance("SHA-256");
            piece.update(recorded, at, Math.min(1 << 16, recorded.length - at));
            pieces.append(java.util.HexFormat.of().formatHex(piece.digest(), 0, 16));
        }
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(recorded));
        Path file = dir.resolve(key.substring(0, 2)).resolve(key + ".wav");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.writeString(file.resolveSibling(key + ".wav.sum"),
                "earshot-sum-2 " + key + ".wav " + recorded.length + " " + sha + " " + pieces + "\n");
    }

    @Test
    void flippedByteWithTheSameSizeAndTimeIsRebuiltByTheNextProcess() throws Exception {
        Path file = new ArtifactStore(dir).get(key, "ulaw", () -> wav).path();
        FileTime time = Files.getLastModifiedTime(file);
        byte[] damaged = wav.clone();
        damaged[damaged.length / 2] ^= 1;
        Files.write(file, damaged);
        Files.setLastModifiedTime(file, time);
        AtomicInteger made = new AtomicInteger();
        new ArtifactStore(dir).get(key, "ulaw", () -> { made.incrementAndGet(); return wav; });
        assertEquals(1, made.get());
        assertArrayEquals(wav, Files.readAllBytes(file));
    }

    @Test
    void fileWithoutItsSumIsNotTrusted() throws Exception {
        Path file = new ArtifactStore(dir).get(key, "ulaw", () -> wav).path();
        Files.delete(file.resolveSibling(key + ".ulaw.sum"));
        assertTrue(new ArtifactStore(dir).find(key, "ulaw").isEmpty());
        assertFalse(Files.exists(file));
    }

    @Test
    void changedFileIsNoLongerUnchangedAndIsCheckedAgain() throws Exception {
        ArtifactStore cache = new ArtifactStore(dir);
        Artifact a = cache.get(key, "ulaw", () -> wav);
        Files.write(a.path(), new byte[wav.length / 2]);
        assertFalse(cache.unchanged(a));
        assertArrayEquals(wav, cache.get(key, "ulaw", () -> wav).readAllBytes());
        assertEquals(1, cache.health().failedVerification());
    }

    @Test
    void aFileAnotherOriginWroteInPlaceOfTheOneVerifiedIsNeitherDeletedNorRefused() throws Exception {
        ArtifactStore ours = new ArtifactStore(dir);
        ArtifactStore theirs = new ArtifactStore(dir); // a second server on the same cache folder
        Artifact served = ours.get(key, "wav", () -> wav);
        // The other origin made the same file at the same moment and renamed its copy in last (as AtomicWrite does):
        // the same bytes, a new file.
        Path copy = served.path().resolveSibling(served.path().getFileName() + ".p1.theirs.tmp");
        Files.write(copy, wav);
        Files.move(copy, served.path(), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Artifact written = theirs.get(key, "wav", () -> {
            throw new AssertionError("the other origin's file is there to be found");
        });
        assertFalse(ours.unchanged(served));
        // What a reader that finds its file changed does: it must not delete the other origin's good file...
        ours.discard(served, "changed on disk just before it was served");
        assertTrue(Files.isRegularFile(written.path()), "the other origin's file was deleted");
        assertTrue(theirs.unchanged(written));
        // ...and it can serve that file, verified, at once.
        Artifact now = ours.current(served).orElseThrow();
        assertTrue(ours.unchanged(now));
        assertArrayEquals(wav, now.readAllBytes());
        assertEquals(0, ours.health().failedVerification());
    }

    @Test
    void aFileDamagedInPlaceIsNotCurrentAndIsMadeAgain() throws Exception {
        ArtifactStore cache = new ArtifactStore(dir);
        Artifact a = cache.get(key, "wav", () -> wav);
        byte[] damaged = wav.clone();
        damaged[damaged.length / 2] ^= 0x10;
        Files.write(a.path(), damaged);
        Files.setLastModifiedTime(a.path(), FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(cache.current(a).isEmpty());
        assertFalse(Files.exists(a.path()), "the damaged file is removed");
        assertEquals(1, cache.health().failedVerification());
        assertArrayEquals(wav, cache.get(key, "wav", () -> wav).readAllBytes());
    }

    @Test
    void memoryFallbackIsSizedFromTheHeap() {
        assertEquals(Runtime.getRuntime().maxMemory() / 8, ArtifactStore.defaultMemoryLimit());
    }

    @Test
    void aNewCacheOnTheSameRootFindsTheFile() {
        new ArtifactStore(dir).get(key, "wav", () -> wav);
        ArtifactStore restarted = new ArtifactStore(dir);
        restarted.get(key, "wav", () -> {
            throw new AssertionError("should have been a hit");
        });
        assertEquals(1, restarted.counts().hits());
    }

    @Test
    void sixteenThreadsAskingForOneMissingKeyCauseOneProduction() throws Exception {
        ArtifactStore cache = new ArtifactStore(dir);
        int threads = 16;
        CountDownLatch allAsking = new CountDownLatch(threads);
        AtomicInteger calls = new AtomicInteger();
        Supplier<byte[]> producer = () -> {
            calls.incrementAndGet();
            await(allAsking); // hold the production open until every thread is about to ask
            return wav;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Artifact>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    allAsking.countDown();
                    return cache.get(key, "wav", producer);
                }));
            }
            for (Future<Artifact> result : results) assertArrayEquals(wav, result.get(30, TimeUnit.SECONDS).readAllBytes());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, calls.get());
        assertEquals(1, cache.counts().productions());
        assertEquals(threads, cache.counts().hits() + cache.counts().misses());
    }

    @Test
    void differentKeysAreProducedInParallel() throws Exception {
        ArtifactStore cache = new ArtifactStore(dir);
        CountDownLatch secondStarted = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The first producer can only finish once the second has started: a cache-wide lock would deadlock.
            Future<Artifact> first = pool.submit(() -> cache.get(ArtifactStore.key("a"), "wav", () -> {
                await(secondStarted);
                return wav;
            }));
            Future<Artifact> second = pool.submit(() -> cache.get(ArtifactStore.key("b"), "wav", () -> {
                secondStarted.countDown();
                return wav;
            }));
            assertFalse(first.get(30, TimeUnit.SECONDS).inMemory());
            assertFalse(second.get(30, TimeUnit.SECONDS).inMemory());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void producerFailureReachesTheCallerAndTheNextCallTriesAgain() {
        ArtifactStore cache = new ArtifactStore(dir);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cache.get(key, "wav", () -> {
                    throw new IllegalStateException("voice crashed");
                }));
        assertEquals("voice crashed", e.getMessage());
        assertFalse(cache.get(key, "wav", () -> wav).inMemory());
        assertEquals(2, cache.counts().productions());
    }

    @Test
    void invalidProducerOutputIsRefusedAndNotCached() {
        ArtifactStore cache = new ArtifactStore(dir);
        assertThrows(IllegalStateException.class, () -> cache.get(key, "wav", () -> new byte[]{1, 2, 3}));
        assertFalse(Files.exists(cache.pathFor(key, "wav")));
    }

    @Test
    void truncatedFileOnDiskIsDetectedAndProducedAgain() throws IOException {
        ArtifactStore cache = new ArtifactStore(dir);
        Path file = cache.get(key, "wav", () -> wav).path();
        Files.write(file, Arrays.copyOf(wav, wav.length / 2));
        Artifact again = cache.get(key, "wav", () -> wav);
        assertEquals(2, cache.counts().productions());
        assertEquals(wav.length, again.size());
        assertEquals(Wav.inspect(wav), Wav.inspect(file));
    }

    @Test
    void truncatedFileFoundAtStartIsProducedAgain() throws IOException {
        Path file = new ArtifactStore(dir).get(key, "wav", () -> wav).path();
        Files.write(file, Arrays.copyOf(wav, 30));
        ArtifactStore restarted = new ArtifactStore(dir);
        assertArrayEquals(wav, restarted.get(key, "wav", () -> wav).readAllBytes());
        assertEquals(1, restarted.counts().productions());
    }

    @Test
    void strayTempFileFromACrashIsRemovedOnStart() throws IOException {
        Path shard = Files.createDirectories(dir.resolve(key.substring(0, 2)));
        Path stray = Files.write(shard.resolve(key + ".wav.k3j9.tmp"), new byte[]{1, 2});
        Files.setLastModifiedTime(stray, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        new ArtifactStore(dir);
        assertFalse(Files.exists(stray));
    }

    @Test
    void rootThatIsARegularFileStillServesTheBytesFromMemory() throws IOException {
        // Tests run as root, so permission bits cannot make a directory unwritable; a file where the
        // directory should be makes every write fail with an IOException instead.
        Path notADirectory = Files.write(dir.resolve("audio-cache"), new byte[]{0});
        ArtifactStore cache = new ArtifactStore(notADirectory);
        Counting producer = new Counting(wav);
        Artifact first = cache.get(key, "wav", producer);
        Artifact second = cache.get(key, "wav", producer);
        assertTrue(first.inMemory());
        assertArrayEquals(wav, second.readAllBytes());
        assertEquals(1, producer.calls.get());
        assertEquals(wav.length, cache.memoryBytes());
    }

    @Test
    void shardDirectoryThatCannotBeCreatedFallsBackToMemory() throws IOException {
        Files.write(dir.resolve(key.substring(0, 2)), new byte[]{0}); // blocks root/<shard>/
        Artifact audio = new ArtifactStore(dir).get(key, "ulaw", () -> new byte[]{(byte) 0xFF});
        assertTrue(audio.inMemory());
        assertEquals(1, audio.size());
    }

    @Test
    void memoryFallbackKeepsOnlyTheMostRecentEntriesWithinItsLimit() throws IOException {
        Path notADirectory = Files.write(dir.resolve("audio-cache"), new byte[]{0});
        ArtifactStore cache = new ArtifactStore(notADirectory, 100, Map.of());
        for (String part : List.of("a", "b", "c")) cache.get(ArtifactStore.key(part), "ulaw", () -> new byte[60]);
        assertEquals(60, cache.memoryBytes());
    }

    @Test
    void keysThatCouldEscapeTheRootAreRejected() {
        ArtifactStore cache = new ArtifactStore(dir);
        for (String bad : new String[]{"../../etc/passwd", "..", key.toUpperCase(), key.substring(1), key + "0", "", null}) {
            assertThrows(IllegalArgumentException.class, () -> cache.get(bad, "wav", () -> wav), String.valueOf(bad));
        }
        assertEquals(0, cache.counts().productions());
    }

    @Test
    void extensionsThatCouldEscapeTheRootAreRejected() {
        ArtifactStore cache = new ArtifactStore(dir);
        for (String bad : new String[]{"../x", "wav/..", "/wav", ".wav", "wav.", "a..b", "WAV", "tmp", "wav.tmp",
                "abcdefghijklm", "wav\u0000", "", null}) {
            assertThrows(IllegalArgumentException.class, () -> cache.get(key, bad, () -> wav), String.valueOf(bad));
        }
        assertEquals(0, cache.counts().productions());
    }

    @Test
    void lastModifiedAndSizeDescribeTheFile() throws IOException {
        Artifact audio = new ArtifactStore(dir).get(key, "wav", () -> wav);
        assertEquals(Files.size(audio.path()), audio.size());
        assertEquals(Files.getLastModifiedTime(audio.path()).toInstant(), audio.lastModified());
    }

    @Test
    void inMemoryBytesCannotBeChangedByAReader() throws IOException {
        Path notADirectory = Files.write(dir.resolve("audio-cache"), new byte[]{0});
        ArtifactStore cache = new ArtifactStore(notADirectory);
        Artifact audio = cache.get(key, "wav", () -> wav.clone());
        assertTrue(audio.bytes().isReadOnly());
        audio.bytes().position(10);
        assertEquals(0, cache.get(key, "wav", () -> wav).bytes().position());
    }

    private static final class Counting implements Supplier<byte[]> {
        final AtomicInteger calls = new AtomicInteger();
        final byte[] bytes;

        Counting(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public byte[] get() {
            calls.incrementAndGet();
            return bytes;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("latch never opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
