package app.earshot.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary files of the store: their names ({@code <name>.p<pid>.<random>.tmp}, so a later start can tell a crashed
 * writer's leftovers from live work), their removal, and the small file-system chores of an atomic write.
 */
final class TempFiles {
    /**
     * Temp files younger than this at start-up are left alone: another process (say {@code earshot warm}
     * next to {@code earshot serve}) may be writing them right now.
     */
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);
    private static final long PID = ProcessHandle.current().pid();
    private static final Pattern TEMP_WRITER = Pattern.compile(".*(\\.p(\\d+)\\.[0-9a-z]+\\.tmp)");
    /**
     * The suffixes of this process's writes under way. Process-wide, as the pid in the names is: a second store on the
     * same cache in this process (two servers in one JVM, as concurrent test classes have) must tell this process's
     * live writes from a reused pid's leftovers.
     */
    private static final Set<String> WRITING = ConcurrentHashMap.newKeySet();

    private TempFiles() {}

    /** A new unique suffix for this process's temp files, counted as a write under way until {@link #finished}. */
    static String uniqueSuffix() {
        String suffix = ".p" + PID + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + Keys.TEMP_SUFFIX;
        WRITING.add(suffix);
        return suffix;
    }

    /** The write that took {@code suffix} is over: its temp files are renamed or deleted. */
    static void finished(String suffix) {
        WRITING.remove(suffix);
    }

    /**
     * Deletes temp files under {@code root} whose writer is gone or that are older than {@code before}. Another
     * process may be writing into the same cache meanwhile: a file it renames or removes between the listing and the
     * look at it is simply no longer there, never a reason to fail the start.
     */
    static void removeStale(Path root, Instant before) throws IOException {
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), 2, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && path.getFileName().toString().endsWith(Keys.TEMP_SUFFIX)
                        && (writerIsGone(path) || attributes.lastModifiedTime().toInstant().isBefore(before))) {
                    try {
                        if (Files.deleteIfExists(path)) LOG.info("Removed temp file left by an interrupted write: {}", path);
                    } catch (IOException e) {
                        LOG.debug("Could not remove stale temp file {}: {}", path, e.toString());
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException e) throws IOException {
                if (e instanceof NoSuchFileException && !path.equals(root)) return FileVisitResult.CONTINUE;
                throw e;
            }
        });
    }

    /**
     * True if the process that wrote this temp file no longer runs (killed mid-write), or is this very process and no
     * write of ours under way has its name: then it is a reused pid's leftover.
     */
    private static boolean writerIsGone(Path temp) {
        Matcher m = TEMP_WRITER.matcher(temp.getFileName().toString());
        if (!m.matches()) return false;
        long pid;
        try {
            pid = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == PID) return !WRITING.contains(m.group(1));
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    static void forceDirectory(Path directory) {
        // Makes the rename itself durable on Linux; some platforms cannot open directories, which is fine.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Could not sync directory {}: {}", directory, e.toString());
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", path, e.toString());
        }
    }
}
