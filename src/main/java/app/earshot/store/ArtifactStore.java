package app.earshot.store;

import app.earshot.audio.Mp3;
import app.earshot.audio.Wav;
import app.earshot.making.Maker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one content-addressed store of everything derived from the content (clips, telephone audio, MP3s, captions,
 * books): each (key, extension) is produced at most once at a time, written atomically with a record of its length
 * and SHA-256, verified in full the first time this process uses it and by size, modification time and file identity
 * on every later use; anything that fails is discarded and produced again. If the disk refuses writes, artifacts are
 * kept in a bounded memory fallback sized from the heap.
 *
 * <p>Layout: {@code root/<first two hex digits of key>/<key>.<extension>}, and beside it
 * {@code <key>.<extension>.sum} holding {@code earshot-sum-1 <length> <sha-256 hex>}. Keys and extensions are checked
 * against strict patterns, so no argument can name a path outside the root.
 */
public final class ArtifactStore {

    /** Checks a complete file's format; throwing rejects it (it is then deleted and produced again). */
    @FunctionalInterface
    public interface Validator {
        void check(Path file) throws IOException;

        /** Accepts any file: for headerless formats, whose length and checksum are all there is to check. */
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

        /** Accepts only a well-formed JSON document (captions sidecars). */
        static Validator json() {
            return file -> {
                try {
                    JSON.readTree(file.toFile());
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    throw new IOException("not valid JSON: " + e.getOriginalMessage());
                }
            };
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
                try (InputStream in = Files.newInputStream(file)) {
                    if (in.readNBytes(head, 0, head.length) < head.length) throw new IOException("too short for an EPUB");
                }
                ByteBuffer le = ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                boolean first = le.getInt(0) == 0x04034b50 && le.getShort(8) == 0 && le.getShort(26) == 8
                        && le.getShort(28) == 0 && new String(head, 30, 8, StandardCharsets.US_ASCII).equals("mimetype");
                if (!first) throw new IOException("the first entry is not an uncompressed mimetype");
            };
        }
    }

    /** Writes an artifact's bytes in pieces, so long audio never needs to be one array. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * What the store has seen since it started, for {@code /healthz} and metrics.
     *
     * @param writable           false once the disk refused a write (artifacts are then held in memory)
     * @param verified           files verified in full by this process
     * @param failedVerification files found damaged and discarded
     * @param lastFailure        the latest discarded file's name and why, or null
     * @param failingAgain       artifacts discarded more than once by this process: made again, damaged again
     */
    public record Health(boolean writable, long verified, long failedVerification, String lastFailure,
                         java.util.List<String> failingAgain) {}

    /**
     * Temp files younger than this at start-up are left alone: another process (say {@code earshot warm}
     * next to {@code earshot serve}) may be writing them right now.
     */
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);
    /** Suffix of the file recording an artifact's length and checksum. */
    static final String SUM_SUFFIX = ".sum";
    private static final String SUM_FORMAT = "earshot-sum-1";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactStore.class);
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+)*");
    private static final Pattern SUM = Pattern.compile(SUM_FORMAT + " (\\d{1,15}) ([0-9a-f]{64})\\n?");
    private static final String TEMP_SUFFIX = ".tmp";
    private static final long PID = ProcessHandle.current().pid();
    private static final Pattern TEMP_WRITER = Pattern.compile(".*\\.p(\\d+)\\.[0-9a-z]+\\.tmp");

    private final Path root;
    private final Maker maker;
    private final Map<String, Validator> validators;
    private final MemoryStore memory;
    private final ConcurrentHashMap<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();
    // Artifacts verified in full by this process, with the file's identity then, so a later use costs one stat.
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final AtomicBoolean diskRefused = new AtomicBoolean();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong productions = new AtomicLong();
    private final AtomicLong verifications = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    // Discards per artifact name: bounded, since only damaged files get in and a few are enough to tell.
    private final ConcurrentHashMap<String, Integer> discards = new ConcurrentHashMap<>();
    private static final int MAX_TRACKED_DISCARDS = 1024;

    private record Verified(Artifact artifact, Object fileKey) {}

    /** Thrown inside {@link #storedOnly} for an artifact that is not stored: it would have had to be made (or waited for). */
    public static final class NotStored extends RuntimeException {
        NotStored(String name) {
            super(name + " is not made yet", null, false, false);
        }
    }

    // True on a thread running storedOnly(...): per store, so another store (a test's, an export's) is not affected.
    private final ThreadLocal<Boolean> storedOnly = ThreadLocal.withInitial(() -> false);

    /**
     * A store under {@code root} that checks the formats of ".wav", ".mp3", ".epub" and ".cues.json" files and keeps
     * up to an eighth of the heap in memory if the disk fails.
     */
    public ArtifactStore(Path root) {
        this(root, defaultMemoryLimit(), Map.of("wav", Validator.wav(), "mp3", Validator.mp3(), "epub", Validator.epub(),
                "cues.json", Validator.json()));
    }

    /**
     * A store under {@code root}. Creates the root if missing and deletes temp files a crashed writer left behind.
     * An unusable root is logged, not thrown: artifacts are then served from memory.
     *
     * @param memoryLimitBytes ceiling for the in-memory fallback (least recently used entries go first)
     * @param validators       format check per extension; extensions not listed are checked by length and sum only
     */
    public ArtifactStore(Path root, long memoryLimitBytes, Map<String, Validator> validators) {
        this(root, memoryLimitBytes, validators, Maker.open());
    }

    /** The default store under {@code root} whose productions (not its hits) are admitted by {@code maker} (load shedding). */
    public ArtifactStore(Path root, Maker maker) {
        this(root, defaultMemoryLimit(), Map.of("wav", Validator.wav(), "mp3", Validator.mp3(), "epub", Validator.epub(),
                "cues.json", Validator.json()), maker);
    }

    private ArtifactStore(Path root, long memoryLimitBytes, Map<String, Validator> validators, Maker maker) {
        this.maker = maker;
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

    /** An eighth of the most heap this JVM may use: what the memory fallback may hold when the disk refuses writes. */
    public static long defaultMemoryLimit() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    /** SHA-256 hex of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ. */
    public static String key(String... parts) {
        MessageDigest sha = sha256();
        for (int i = 0; i < parts.length; i++) {
            byte[] utf8 = Objects.requireNonNull(parts[i], "key part " + i + " is null").getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
            sha.update(utf8);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The artifact for {@code key} and {@code extension}: the stored file if it exists and verifies; otherwise
     * {@code producer}'s bytes, written atomically with their sum (or kept in memory if the write fails). Concurrent
     * callers for the same key and extension share one producer call; if it throws, they all get its exception and
     * the next call tries again. A producer must not call back into this store for the same entry.
     *
     * @param key       64 lower-case hex digits, as made by {@link #key(String...)}
     * @param extension lower-case letters and digits, dot-separated, at most 12 characters, not "tmp" or "sum"
     * @throws IllegalArgumentException for a malformed key or extension
     * @throws IllegalStateException    if the producer's bytes fail this extension's validator
     */
    public Artifact get(String key, String extension, Supplier<byte[]> producer) {
        Objects.requireNonNull(producer, "producer");
        return get(key, extension, (Writer) out -> out.write(Objects.requireNonNull(producer.get(), "producer returned null")));
    }

    /** As {@link #get(String, String, Supplier)}, with a producer that writes its bytes in pieces. */
    public Artifact get(String key, String extension, Writer producer) {
        Path file = pathFor(key, extension);
        Objects.requireNonNull(producer, "producer");
        String name = key + "." + extension;

        Artifact known = known(name);
        if (known != null) {
            hits.incrementAndGet();
            return known;
        }
        if (storedOnly.get()) return find(key, extension).orElseThrow(() -> new NotStored(name));
        if (!inFlight.containsKey(name) && !Files.isRegularFile(file)) {
            // Making it takes a production slot, taken before joining the flight, so every flight is really running
            // and a caller that waits for one never waits behind a queue.
            return maker.make(() -> fly(key, extension, name, file, producer));
        }
        return fly(key, extension, name, file, producer);
    }

    /** Produces (or loads and verifies) the entry once for all concurrent callers. */
    private Artifact fly(String key, String extension, String name, Path file, Writer producer) {
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

    /** The maker that admits this store's productions. */
    public Maker maker() {
        return maker;
    }

    /**
     * Runs {@code work} so that every artifact it asks this store for comes only from what is stored (verified first
     * if need be): one that would have to be made, or is being made right now, throws {@link NotStored} at once
     * instead of being produced or waited for. For answers that describe what is ready without making anything.
     */
    public <T> T storedOnly(Supplier<T> work) {
        boolean outer = storedOnly.get();
        storedOnly.set(true);
        try {
            return work.get();
        } finally {
            storedOnly.set(outer);
        }
    }

    /**
     * The artifact if it is stored and verifies (verifying it in full if this process has not yet); never produces.
     * A stored file that fails is discarded.
     */
    public Optional<Artifact> find(String key, String extension) {
        Path file = pathFor(key, extension);
        String name = key + "." + extension;
        Artifact known = known(name);
        if (known != null) return Optional.of(known);
        if (!Files.isRegularFile(file)) return Optional.empty();
        return Optional.ofNullable(loadVerified(key, extension, name, file));
    }

    /** True if the stored artifact is known and still the very file that was verified (one stat; no reading). */
    public boolean contains(String key, String extension) {
        return known(key + "." + extension) != null;
    }

    /**
     * True while {@code artifact} is still exactly what was verified: held in memory, or on disk with the same size,
     * modification time and file identity. Costs one stat. Call it before serving bytes prepared earlier.
     */
    public boolean unchanged(Artifact artifact) {
        if (artifact.inMemory()) return true;
        Verified v = verified.get(artifact.key() + "." + artifact.extension());
        return v != null && v.artifact() == artifact && sameFile(v);
    }

    /**
     * Forgets and deletes {@code artifact} because bytes read from it did not match its sum (damage between
     * verification and use); the next {@link #get} produces it again.
     */
    public void discard(Artifact artifact, String reason) {
        String name = artifact.key() + "." + artifact.extension();
        Verified v = verified.get(name);
        if (v != null && v.artifact() == artifact && verified.remove(name, v) && artifact.path() != null) {
            failed(artifact.path(), reason);
            deleteQuietly(artifact.path());
            deleteQuietly(sumFile(artifact.path()));
        }
    }

    /** Where {@code key}.{@code extension} lives (whether or not it exists yet). */
    public Path pathFor(String key, String extension) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("cache key must be 64 lower-case hex digits: " + abbreviate(key));
        }
        if (extension == null || extension.length() > 12 || !EXTENSION.matcher(extension).matches()
                || extension.equals("tmp") || extension.endsWith(TEMP_SUFFIX) || extension.equals("sum")
                || extension.endsWith(SUM_SUFFIX)) {
            throw new IllegalArgumentException("cache extension must be 1-12 of [a-z0-9.] (no empty parts, not tmp or sum): "
                    + abbreviate(extension));
        }
        return root.resolve(key.substring(0, 2)).resolve(key + "." + extension);
    }

    /** The store's directory. */
    public Path root() {
        return root;
    }

    /** Calls answered from disk or memory without producing. */
    public long hits() {
        return hits.get();
    }

    /** Calls that found nothing valid stored (they produced, or waited for another caller's production). */
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

    /** Whether the disk takes writes, how many files were verified and how many failed (and the latest reason). */
    public Health health() {
        java.util.List<String> again = discards.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .sorted().limit(10).toList();
        return new Health(!diskRefused.get(), verifications.get(), failures.get(), lastFailure.get(), again);
    }

    private record Outcome(Artifact artifact, boolean produced) {
    }

    private Artifact count(Outcome outcome) {
        (outcome.produced() ? misses : hits).incrementAndGet();
        return outcome.artifact();
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

    /** The verified artifact if its file is unchanged since (one stat), or the memory copy; else null. */
    private Artifact known(String name) {
        Verified v = verified.get(name);
        if (v != null) {
            if (sameFile(v)) return v.artifact();
            verified.remove(name, v);
            LOG.warn("Cached file {} changed on disk since it was verified; checking it again", v.artifact().path());
        }
        return memory.get(name);
    }

    private static boolean sameFile(Verified v) {
        try {
            BasicFileAttributes a = Files.readAttributes(v.artifact().path(), BasicFileAttributes.class);
            return a.isRegularFile() && a.size() == v.artifact().size()
                    && a.lastModifiedTime().toInstant().equals(v.artifact().lastModified())
                    && Objects.equals(a.fileKey(), v.fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    private Outcome loadOrProduce(String key, String extension, String name, Path file, Writer producer) {
        // Re-check: the previous production may have finished between our miss and taking the flight.
        Artifact known = known(name);
        if (known != null) return new Outcome(known, false);
        if (Files.isRegularFile(file)) {
            Artifact loaded = loadVerified(key, extension, name, file);
            if (loaded != null) return new Outcome(loaded, false);
        }
        productions.incrementAndGet();
        return new Outcome(store(key, extension, name, file, producer), true);
    }

    /** Reads the whole file against its recorded length and sum, then its format; a failure deletes both files. */
    private Artifact loadVerified(String key, String extension, String name, Path file) {
        try {
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
            Sum recorded = readSum(sumFile(file));
            Sum actual = sumOf(file);
            if (actual.length() != recorded.length()) {
                throw new IOException("length " + actual.length() + " but " + recorded.length() + " were written");
            }
            if (!actual.sha256().equals(recorded.sha256())) throw new IOException("checksum differs from the one recorded");
            validator(extension).check(file);
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            if (after.size() != before.size() || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
                throw new IOException("changed while it was being verified");
            }
            verifications.incrementAndGet();
            return remember(key, extension, name, file, after, recorded.sha256());
        } catch (NoSuchFileException e) {
            if (e.getFile() != null && e.getFile().endsWith(SUM_SUFFIX) && Files.exists(file)) {
                discardFile(file, "no recorded length and checksum");
            }
            return null;
        } catch (IOException e) {
            discardFile(file, e.getMessage());
            return null;
        }
    }

    private void discardFile(Path file, String reason) {
        failed(file, reason);
        deleteQuietly(file);
        deleteQuietly(sumFile(file));
    }

    private void failed(Path file, String reason) {
        failures.incrementAndGet();
        if (discards.size() < MAX_TRACKED_DISCARDS) discards.merge(file.getFileName().toString(), 1, Integer::sum);
        lastFailure.set(file.getFileName() + ": " + reason);
        LOG.warn("Discarding cached file {}: {}; it will be made again", file, reason);
    }

    private Artifact remember(String key, String extension, String name, Path file, BasicFileAttributes attributes,
                              String sha256) {
        Artifact artifact = Artifact.onDisk(key, extension, file, attributes.size(), attributes.lastModifiedTime().toInstant(), sha256);
        verified.put(name, new Verified(artifact, attributes.fileKey()));
        return artifact;
    }

    private Artifact store(String key, String extension, String name, Path file, Writer producer) {
        Path directory = file.getParent();
        // The writer's process id is in the name, so a later start can tell a crashed writer's leftovers from live work.
        String unique = ".p" + PID + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + TEMP_SUFFIX;
        Path temp = directory.resolve(name + unique);
        Path sumTemp = directory.resolve(name + SUM_SUFFIX + unique);
        MessageDigest sha = sha256();
        long length;
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                CountingStream counted = new CountingStream(new DigestOutputStream(
                        new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16), sha));
                producer.writeTo(counted);
                counted.flush();
                length = counted.count;
                // Without this, a power cut after the rename can leave a zero-length file under the final name.
                channel.force(true);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            warnDiskUnusable(e);
            return inMemory(key, extension, name, producer);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        checkProduced(extension, temp);
        try {
            // The sum goes in place first: a crash between the two renames leaves a sum without a file (harmless),
            // never a file without its sum.
            Files.write(sumTemp, (SUM_FORMAT + " " + length + " " + hex + "\n").getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(sumTemp, sumFile(file), StandardCopyOption.ATOMIC_MOVE);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory);
            return remember(key, extension, name, file, Files.readAttributes(file, BasicFileAttributes.class), hex);
        } catch (IOException e) {
            deleteQuietly(temp);
            deleteQuietly(sumTemp);
            warnDiskUnusable(e);
            return inMemory(key, extension, name, producer);
        }
    }

    private Artifact inMemory(String key, String extension, String name, Writer producer) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            producer.writeTo(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("producing " + name, e);
        }
        byte[] made = bytes.toByteArray();
        Artifact held = Artifact.inMemory(key, extension, made, Instant.now(), HexFormat.of().formatHex(sha256().digest(made)));
        memory.put(name, held);
        return held;
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
        if (diskRefused.compareAndSet(false, true)) {
            LOG.warn("Artifact store {} cannot be written ({}); serving from memory, up to {} MB",
                    root, e.toString(), memory.limit() >> 20);
        } else {
            LOG.debug("Artifact store write failed again: {}", e.toString());
        }
    }

    record Sum(long length, String sha256) {}

    static Path sumFile(Path file) {
        return file.resolveSibling(file.getFileName() + SUM_SUFFIX);
    }

    private static Sum readSum(Path sumFile) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(sumFile)) {
            bytes = in.readNBytes(200);
        }
        Matcher m = SUM.matcher(new String(bytes, StandardCharsets.US_ASCII));
        if (!m.matches()) throw new IOException("its record of length and checksum is unreadable");
        return new Sum(Long.parseLong(m.group(1)), m.group(2));
    }

    /** Length and SHA-256 of a whole file, read once in 64 KB pieces. */
    static Sum sumOf(Path file) throws IOException {
        MessageDigest sha = sha256();
        long length = 0;
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = channel.read(buffer)) >= 0) {
                buffer.flip();
                sha.update(buffer);
                buffer.clear();
                length += n;
            }
        }
        return new Sum(length, HexFormat.of().formatHex(sha.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
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
        Matcher m = TEMP_WRITER.matcher(temp.getFileName().toString());
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

    /** Counts what passes through, so the recorded length is what was written. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
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

        synchronized void put(String name, Artifact artifact) {
            if (artifact.size() > limit) return;
            Artifact previous = entries.put(name, artifact);
            if (previous != null) bytes -= previous.size();
            bytes += artifact.size();
            for (Iterator<Artifact> it = entries.values().iterator(); bytes > limit && it.hasNext(); ) {
                bytes -= it.next().size();
                it.remove();
            }
        }
    }
}
