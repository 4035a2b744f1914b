package app.earshot.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up's clean-up of temp files beside a second server that is writing into the same cache right now (found when
 * two test JVMs shared one cache: a server failed to start with NoSuchFileException because a temp file it had listed
 * was renamed into place by the other process before the walk read its attributes).
 */
class TempFilesTest {
    @TempDir Path cache;

    @Test
    void aTempFileThatAnotherWriterRenamesDuringTheWalkDoesNotStopTheStart() throws Exception {
        Path shard = Files.createDirectories(cache.resolve("ab"));
        AtomicBoolean writing = new AtomicBoolean(true);
        // Another live process's writes: temp files appear and are renamed to their final name at once, over and over.
        long otherPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Thread writer = new Thread(() -> {
            int n = 0;
            while (writing.get()) {
                Path temp = shard.resolve("ab" + n + ".wav.p" + otherPid + ".x" + n + Keys.TEMP_SUFFIX);
                try {
                    Files.writeString(temp, "x");
                    Files.move(temp, shard.resolve("ab" + (n % 64) + ".wav"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                n++;
            }
        });
        writer.start();
        try {
            for (int i = 0; i < 2_000; i++) {
                assertDoesNotThrow(() -> TempFiles.removeStale(cache, Instant.EPOCH));
            }
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void aCrashedWritersTempFileIsRemovedAndALiveWritersIsKept() throws Exception {
        Path shard = Files.createDirectories(cache.resolve("cd"));
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path alive = Files.writeString(shard.resolve("cd1.wav.p" + live + ".a1" + Keys.TEMP_SUFFIX), "x");
        Path crashed = Files.writeString(shard.resolve("cd2.wav.p" + Integer.MAX_VALUE + ".a2" + Keys.TEMP_SUFFIX), "x");
        TempFiles.removeStale(cache, Instant.EPOCH);
        assertTrue(Files.exists(alive), "a live writer's temp file is kept");
        assertFalse(Files.exists(crashed), "a gone writer's temp file is removed");
    }

    /**
     * Two stores on one cache in one process (test classes running concurrently in one JVM, each with its own server
     * on the run-wide cache): the second store's start-up must not take the first one's write under way for a crashed
     * writer's leftover just because the temp file carries this process's pid.
     */
    @Test
    void aSecondStoreStartingInTheSameProcessLeavesTheFirstStoresWriteInPlace() throws Exception {
        byte[] wav = app.earshot.audio.Wav.encode(app.earshot.audio.Signals.tone(16000, 440, 8000, 0.25));
        ArtifactStore first = new ArtifactStore(cache);
        CountDownLatch halfWritten = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<Artifact> made = CompletableFuture.supplyAsync(() -> first.get(ArtifactStore.key("one"), "wav", out -> {
            out.write(wav, 0, wav.length / 2);
            out.flush();
            halfWritten.countDown();
            try {
                assertTrue(secondStarted.await(60, TimeUnit.SECONDS), "the second store started");
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            out.write(wav, wav.length / 2, wav.length - wav.length / 2);
        }));
        assertTrue(halfWritten.await(60, TimeUnit.SECONDS), "the first store is writing");
        new ArtifactStore(cache);
        secondStarted.countDown();
        Artifact artifact = made.get(60, TimeUnit.SECONDS);
        assertFalse(artifact.inMemory(), "stored as a file, not held in memory after a failed write");
        assertArrayEquals(wav, Files.readAllBytes(artifact.file().orElseThrow()));
        assertTrue(first.health().writable(), "the first store's disk is still writable");
    }
}
