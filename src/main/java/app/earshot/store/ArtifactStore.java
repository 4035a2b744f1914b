package app.earshot.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.earshot.audio.Mp3;
import app.earshot.audio.Wav;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content-addressed audio files under one root: each (key, extension) is produced at most once at a time,
 * written atomically, re-validated when found on disk, and served from bounded memory if the disk refuses writes.
 *
 * <p>Layout: {@code root/<first two hex digits of key>/<key>.<extension>}. Keys and extensions are checked
 * against strict patterns, so no argument can name a path outside the root.
 */
public final class ArtifactStore {

    /** Checks a complete cached file; throwing rejects it (it is then deleted and produced again). */
    @FunctionalInterface
    public interface Validator {
        void check(Path file) throws IOException;

        /** Accepts any file: for headerless formats, where atomic writes are the only protection needed. */
        static Validator anyFile() {
            return file -> {
            };
        }

        /** Accepts only complete, well-formed WAV files ({@link Wav#inspect(Path)}). */
        static Validator wav() {
            return Wav::inspect;
        }

        /** Accepts only MP3 files whose LAME tag matches their length ({@link Mp3#inspect(Path)}). */
        static Validator mp3() {
            return Mp3::inspect;
        }

        /**
         * Accepts only complete ZIP files whose first entry is an uncompressed "mimetype" without an extra field,
         * as the EPUB container requires (reading systems look for it at a fixed offset).
         */
        static Validator epub() {
            return file -> {
                // Opening reads the central directory at the very end, so a truncated file fails here.
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                    if (zip.getEntry("mimetype") == null) throw new IOException("no mimetype entry");
                }
                byte[] head = new byte[38];
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    if (in.readNBytes(head, 0, head.length) < head.length) throw new IOException("too short for an EPUB");
                }
                ByteBuffer le = ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                boolean first = le.getInt(0) == 0x04034b50 && le.getShort(8) == 0 && le.getShort(26) == 8
                        && le.getShort(28) == 0 && new String(head, 30, 8, StandardCharsets.US_ASCII).equals("mimetype");
                if (!first) throw new IOException("the first entry is not an uncompressed mimetype");
            };
        }
    }

    /** Default ceiling for the in-memory fallback. */
    public static final long DEFAULT_MEMORY_LIMIT = 64L << 20;

    /**
     * Temp files younger than this at start-up are left alone: another process (say {@code earshot warm}
     * next to {@code earshot serve}) may be writing them right now.
     */
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactStore.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+)*");
    private static final String TEMP_SUFFIX = ".tmp";
    private static final long PID = ProcessHandle.current().pid();
    private static final Pattern TEMP_WRITER = Pattern.compile(".*\\.p(\\d+)\\.[0-9a-z]+\\.tmp");

    private final Path root;
    private final Map<String, Validator> validators;
    private final MemoryStore memory;
    private final ConcurrentHashMap<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();
    // Files already validated, so a hit costs one stat instead of re-reading the header.
    private final ConcurrentHashMap<String, Artifact> verified = new ConcurrentHashMap<>();
    private final AtomicBoolean warnedAboutDisk = new AtomicBoolean();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong productions = new AtomicLong();

    /**
     * A cache under {@code root} that validates ".wav", ".mp3" and ".epub" files and keeps up to 64 MB in memory if
     * the disk fails.
     */
    public ArtifactStore(Path root) {
        this(root, DEFAULT_MEMORY_LIMIT, Map.of("wav", Validator.wav(), "mp3", Validator.mp3(), "epub", Validator.epub()));
    }

    /**
     * A cache under {@code root}. Creates the root if missing and deletes temp files a crashed writer left behind.
     * An unusable root is logged, not thrown: audio is then served from memory.
     *
     * @param memoryLimitBytes ceiling for the in-memory fallback (least recently used entries go first)
     * @param validators       validator per extension; extensions not listed accept any file
     */
    public ArtifactStore(Path root, long memoryLimitBytes, Map<String, Validator> validators) {
        this.root = root.toAbsolutePath().normalize();
        this.validators = Map.copyOf(validators);
        this.memory = new MemoryStore(memoryLimitBytes);
        try {
            Files.createDirectories(this.root);
            removeStaleTempFiles(Instant.now().minus(STALE_TEMP_AGE));
        } catch (IOException e) {
            warnDiskUnusable(e);
        }
    }

    /** SHA-256 hex of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ. */
    public static String key(String... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (int i = 0; i < parts.length; i++) {
            byte[] utf8 = Objects.requireNonNull(parts[i], "key part " + i + " is null").getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
            sha.update(utf8);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The audio for {@code key} and {@code extension}: the cached file if it exists and validates; otherwise
     * {@code producer}'s bytes, written atomically (or kept in memory if the write fails). Concurrent callers
     * for the same key and extension share one producer call; if it throws, they all get its exception and
     * the next call tries again. A producer must not call back into this cache for the same entry.
     *
     * @param key       64 lower-case hex digits, as made by {@link #key(String...)}
     * @param extension lower-case letters and digits, dot-separated, at most 12 characters, not "tmp"
     * @throws IllegalArgumentException for a malformed key or extension
     * @throws IllegalStateException    if the producer's bytes fail this extension's validator
     */
    public Artifact get(String key, String extension, Supplier<byte[]> producer) {
        Path file = pathFor(key, extension);
        Objects.requireNonNull(producer, "producer");
        String name = key + "." + extension;

        Artifact known = verified.get(name);
        if (known != null) {
            if (unchanged(known)) {
                hits.incrementAndGet();
                return known;
            }
            verified.remove(name, known);
        }
        Artifact remembered = memory.get(name);
        if (remembered != null) {
            hits.incrementAndGet();
            return remembered;
        }

        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(name, mine);
        if (running != null) {
            try {
                return count(await(running));
            } catch (RuntimeException | Error e) {
                misses.incrementAndGet();
                throw e;
            }
        }
        try {
            Outcome outcome = loadOrProduce(key, extension, name, file, producer);
            mine.complete(outcome);
            return count(outcome);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            misses.incrementAndGet();
            throw e;
        } finally {
            inFlight.remove(name, mine);
        }
    }

    /** Where {@code key}.{@code extension} lives (whether or not it exists yet). */
    public Path pathFor(String key, String extension) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("cache key must be 64 lower-case hex digits: " + abbreviate(key));
        }
        if (extension == null || extension.length() > 12 || !EXTENSION.matcher(extension).matches()
                || extension.equals("tmp") || extension.endsWith(TEMP_SUFFIX)) {
            throw new IllegalArgumentException("cache extension must be 1-12 of [a-z0-9.] (no empty parts, not tmp): "
                    + abbreviate(extension));
        }
        return root.resolve(key.substring(0, 2)).resolve(key + "." + extension);
    }

    /** The cache directory. */
    public Path root() {
        return root;
    }

    /** Calls answered from disk or memory without producing. */
    public long hits() {
        return hits.get();
    }

    /** Calls that found nothing valid cached (they produced, or waited for another caller's production). */
    public long misses() {
        return misses.get();
    }

    /** Producer invocations. */
    public long productions() {
        return productions.get();
    }

    /** Bytes currently held by the in-memory fallback. */
    public long memoryBytes() {
        return memory.bytes();
    }

    private record Outcome(Artifact audio, boolean produced) {
    }

    private Artifact count(Outcome outcome) {
        (outcome.produced() ? misses : hits).incrementAndGet();
        return outcome.audio();
    }

    private static Outcome await(CompletableFuture<Outcome> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw e;
        }
    }

    private Outcome loadOrProduce(String key, String extension, String name, Path file, Supplier<byte[]> producer) {
        // Re-check: the previous production may have finished between our fast-path miss and taking the flight.
        if (Files.isRegularFile(file)) {
            try {
                validator(extension).check(file);
                return new Outcome(remember(key, extension, name, file), false);
            } catch (IOException e) {
                LOG.warn("Discarding invalid cached file {}: {}", file, e.getMessage());
                deleteQuietly(file);
            }
        }
        Artifact remembered = memory.get(name);
        if (remembered != null) return new Outcome(remembered, false);

        productions.incrementAndGet();
        byte[] bytes = Objects.requireNonNull(producer.get(), "producer returned null");
        return new Outcome(store(key, extension, name, file, bytes), true);
    }

    /** Stat the validated file once and keep the result, so later hits can tell whether it changed under us. */
    private Artifact remember(String key, String extension, String name, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Artifact entry = Artifact.onDisk(key, extension, file, attributes.size(), attributes.lastModifiedTime().toInstant());
        verified.put(name, entry);
        return entry;
    }

    private boolean unchanged(Artifact known) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(known.path(), BasicFileAttributes.class);
            return attributes.isRegularFile() && attributes.size() == known.size()
                    && attributes.lastModifiedTime().toInstant().equals(known.lastModified());
        } catch (IOException e) {
            return false;
        }
    }

    private Artifact store(String key, String extension, String name, Path file, byte[] bytes) {
        Path directory = file.getParent();
        // The writer's process id is in the name, so a later start can tell a crashed writer's leftovers from live work.
        Path temp = directory.resolve(name + ".p" + PID + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX);
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) channel.write(buffer);
                // Without this, a power cut after the rename can leave a zero-length file under the final name.
                channel.force(true);
            }
            checkProduced(extension, temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
            return remember(key, extension, name, file);
        } catch (IOException e) {
            deleteQuietly(temp);
            warnDiskUnusable(e);
            Artifact held = Artifact.inMemory(key, extension, bytes, Instant.now());
            memory.put(name, held);
            return held;
        }
    }

    private void checkProduced(String extension, Path temp) {
        try {
            validator(extension).check(temp);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new IllegalStateException("producer made an invalid ." + extension + " file: " + e.getMessage(), e);
        }
    }

    private Validator validator(String extension) {
        return validators.getOrDefault(extension, Validator.anyFile());
    }

    private void warnDiskUnusable(IOException e) {
        if (warnedAboutDisk.compareAndSet(false, true)) {
            LOG.warn("Audio cache {} cannot be written ({}); serving audio from memory, up to {} MB",
                    root, e.toString(), memory.limit() >> 20);
        } else {
            LOG.debug("Audio cache write failed again: {}", e.toString());
        }
    }

    private void removeStaleTempFiles(Instant before) throws IOException {
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                Path path = it.next();
                if (!path.getFileName().toString().endsWith(TEMP_SUFFIX)) continue;
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    if (attributes.isRegularFile() && (writerIsGone(path) || attributes.lastModifiedTime().toInstant().isBefore(before))) {
                        Files.deleteIfExists(path);
                        LOG.info("Removed temp file left by an interrupted write: {}", path);
                    }
                } catch (IOException e) {
                    LOG.debug("Could not remove stale temp file {}: {}", path, e.toString());
                }
            }
        }
    }

    /**
     * True if the process that wrote this temp file no longer runs (killed mid-write), or is this very
     * process: at start-up none of our own writes are under way, so such a file is a reused pid's leftover.
     */
    private static boolean writerIsGone(Path temp) {
        java.util.regex.Matcher m = TEMP_WRITER.matcher(temp.getFileName().toString());
        if (!m.matches()) return false;
        long pid;
        try {
            pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return false;
        }
        return pid == PID || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    private static void forceDirectory(Path directory) {
        // Makes the rename itself durable on Linux; some platforms cannot open directories, which is fine.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Could not sync directory {}: {}", directory, e.toString());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", path, e.toString());
        }
    }

    private static String abbreviate(String s) {
        if (s == null) return "null";
        return "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
    }

    /** Least-recently-used byte store with a size ceiling; entries larger than the ceiling are not kept. */
    private static final class MemoryStore {
        private final long limit;
        private final LinkedHashMap<String, Artifact> entries = new LinkedHashMap<>(16, 0.75f, true);
        private long bytes;

        MemoryStore(long limit) {
            if (limit < 0) throw new IllegalArgumentException("memory limit must not be negative: " + limit);
            this.limit = limit;
        }

        long limit() {
            return limit;
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized Artifact get(String name) {
            return entries.get(name);
        }

        synchronized void put(String name, Artifact audio) {
            if (audio.size() > limit) return;
            Artifact previous = entries.put(name, audio);
            if (previous != null) bytes -= previous.size();
            bytes += audio.size();
            for (Iterator<Artifact> it = entries.values().iterator(); bytes > limit && it.hasNext(); ) {
                bytes -= it.next().size();
                it.remove();
            }
        }
    }
}
