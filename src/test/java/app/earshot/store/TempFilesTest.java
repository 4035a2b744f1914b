package app.earshot.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
}
