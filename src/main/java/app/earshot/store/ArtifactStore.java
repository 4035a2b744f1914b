package app.earshot.store;

import app.earshot.audio.HlsSegments;
import app.earshot.audio.Mp3;
import app.earshot.audio.Wav;
import app.earshot.making.Maker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one content-addressed store of everything derived from the content (clips, telephone audio, MP3s, captions,
 * books), and its front door: each (key, extension) is produced at most once at a time ({@link Maker} admits the
 * production), written atomically with its record ({@link AtomicWrite}), checked before use ({@link Verification});
 * anything that fails is discarded and produced again. If the disk refuses writes, artifacts are kept in a bounded
 * {@link MemoryFallback} sized from the heap. Names and layout: {@link Keys}.
 */
public final class ArtifactStore {

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
     * @param failingAgain       artifacts discarded more than once within the health window: made again, damaged again
     * @param problems           each class of problem seen within the health window, with the latest seen of it
     * @param unreadable         stored files that can be neither read nor replaced now ({@link Unreadable})
     * @param unreadableFiles    up to ten of them, each as its place in the cache and why ("c9/c980...wav (permission denied)")
     */
    public record Health(boolean writable, long verified, long failedVerification, String lastFailure,
                         java.util.List<String> failingAgain, Map<Problem, String> problems, int unreadable,
                         java.util.List<String> unreadableFiles) {}

    /**
     * How long {@code /healthz} reports a problem after it was last seen: the system property
     * {@code earshot.health.window} (an ISO-8601 duration such as {@code PT30S}), a minute by default.
     */
    static Duration healthWindow() {
        String configured = System.getProperty("earshot.health.window");
        if (configured == null || configured.isBlank()) return Duration.ofMinutes(1);
        try {
            Duration window = Duration.parse(configured.strip());
            if (!window.isNegative()) return window;
        } catch (java.time.format.DateTimeParseException e) {
            // fall through to the warning below
        }
        LOG.warn("earshot.health.window={} is not a duration such as PT30S; using a minute", configured);
        return Duration.ofMinutes(1);
    }

    /**
     * The store's calls since it started.
     *
     * @param hits        calls answered from disk or memory without producing
     * @param misses      calls that found nothing valid stored (they produced, or waited for another caller's production)
     * @param productions producer invocations
     */
    public record Counts(long hits, long misses, long productions) {}

    /** Thrown inside {@link #storedOnly} for an artifact that is not stored: it would have had to be made (or waited for). */
    public static final class NotStored extends RuntimeException {
        NotStored(String name) {
            super(name + " is not made yet", null, false, false);
        }
    }

    /** The format checks the store knows without help: the audio formats below it. */
    static final Map<String, Validator> AUDIO_CHECKS = Map.of("wav", Wav::inspect, "mp3", Mp3::inspect,
            "hls.mp3", HlsSegments::inspect,
            "hls.txt", file -> HlsSegments.Plan.parse(Files.readString(file, java.nio.charset.StandardCharsets.UTF_8)));

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactStore.class);

    private final Path root;
    private final Maker maker;
    private final Map<String, Validator> validators;
    private final MemoryFallback memory;
    private final Seal seal;
    private final Verification verification;
    private final ConcurrentHashMap<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean diskRefused = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicReference<String> firstRefusal = new java.util.concurrent.atomic.AtomicReference<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong productions = new AtomicLong();
    // True on a thread running storedOnly(...): per store, so another store (a test's, an export's) is not affected.
    private final ThreadLocal<Boolean> storedOnly = ThreadLocal.withInitial(() -> false);

    /**
     * For tests: a store under {@code root} that checks the audio formats and keeps up to an eighth of the heap in
     * memory if the disk fails; productions are not limited, records not signed.
     */
    ArtifactStore(Path root) {
        this(root, defaultMemoryLimit(), AUDIO_CHECKS, Maker.open(), Seal.NONE);
    }

    /**
     * A store under {@code root} whose productions (not its hits) are admitted by {@code maker}, checking files with
     * {@code checks} per extension besides the audio formats, signing every record with {@code seal} and refusing
     * (discarding, making again) any it does not sign ({@link Seal#NONE}: unsigned). Creates the root if missing and
     * deletes temp files a crashed writer left behind. An unusable root is logged, not thrown: artifacts are then
     * served from memory.
     */
    public ArtifactStore(Path root, Maker maker, Map<String, Validator> checks, Seal seal) {
        this(root, defaultMemoryLimit(), merged(checks), maker, seal);
    }

    /** For tests: a store with {@code memoryLimitBytes} of memory fallback and only {@code validators}' checks. */
    ArtifactStore(Path root, long memoryLimitBytes, Map<String, Validator> validators) {
        this(root, memoryLimitBytes, validators, Maker.open(), Seal.NONE);
    }

    private ArtifactStore(Path root, long memoryLimitBytes, Map<String, Validator> validators, Maker maker, Seal seal) {
        this.maker = maker;
        this.seal = Objects.requireNonNull(seal, "seal");
        this.verification = new Verification(healthWindow(), seal);
        this.root = root.toAbsolutePath().normalize();
        this.validators = Map.copyOf(validators);
        this.memory = new MemoryFallback(memoryLimitBytes);
        try {
            Files.createDirectories(this.root);
            TempFiles.removeStale(this.root, Instant.now().minus(TempFiles.STALE_TEMP_AGE));
        } catch (IOException e) {
            warnDiskUnusable(e);
        }
    }

    private static Map<String, Validator> merged(Map<String, Validator> checks) {
        Map<String, Validator> all = new java.util.HashMap<>(AUDIO_CHECKS);
        all.putAll(checks);
        return all;
    }

    /** An eighth of the most heap this JVM may use: what the memory fallback may hold when the disk refuses writes. */
    static long defaultMemoryLimit() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    /** The content key of {@code parts} ({@link Keys#of}). */
    public static String key(String... parts) {
        return Keys.of(parts);
    }

    /**
     * The artifact for {@code key} and {@code extension}: the stored file if it exists and verifies; otherwise
     * {@code producer}'s bytes, written atomically with their record (or kept in memory if the write fails).
     * Concurrent callers for the same key and extension share one producer call; if it throws, they all get its
     * exception and the next call tries again. A producer must not call back into this store for the same entry.
     *
     * @param key       64 lower-case hex digits, as made by {@link Keys#of(String...)}
     * @param extension lower-case letters and digits, dot-separated, at most 12 characters, not "tmp" or "sum"
     * @throws IllegalArgumentException for a malformed key or extension
     * @throws IllegalStateException    if the producer's bytes fail this extension's validator
     * @throws app.earshot.making.Busy  if a person's production would wait too long
     * @throws Unreadable               if the stored file can be neither read nor replaced
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
        if (!inFlight.containsKey(name) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            // Making it takes a production slot, taken before joining the flight, so every flight is really running
            // and a caller that waits for one never waits behind a queue.
            return maker.make(() -> fly(key, extension, name, file, producer, true));
        }
        return fly(key, extension, name, file, producer, true);
    }

    /**
     * Keeps {@code bytes} as {@code key}.{@code extension} unless that is already stored and verifies, and returns the
     * stored artifact: for the small notes a request writes about what it gave out (a few hundred bytes, made from
     * nothing), which must be stored before the answer that gives it out is sent. A note is not a production: no
     * {@link Maker} admits it (it never waits for a slot, nor is refused in a storm), it is written inside
     * {@link #storedOnly} too, and it is not counted in {@link #counts()} (it changes no answer prepared from them).
     * Otherwise it is kept as every artifact is: written atomically with its record, verified, single-flight, held in
     * memory when the disk refuses writes.
     *
     * @throws IllegalArgumentException for a malformed key or extension
     * @throws IllegalStateException    if the bytes fail this extension's validator
     * @throws Unreadable               if the stored file can be neither read nor replaced
     */
    public Artifact note(String key, String extension, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        Path file = pathFor(key, extension);
        String name = key + "." + extension;
        Artifact known = known(name);
        if (known != null) return known;
        return fly(key, extension, name, file, out -> out.write(bytes), false);
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
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        return Optional.ofNullable(verification.load(key, extension, name, file, validator(extension)));
    }

    /**
     * The artifact now stored in {@code artifact}'s place: {@code artifact} itself while it is unchanged; else the file
     * that replaced it (another origin on the same cache renamed its copy in), verified in full first; empty if what is
     * there now fails verification (it is discarded, so the next {@link #get} makes it again) or nothing is there.
     */
    public Optional<Artifact> current(Artifact artifact) {
        if (unchanged(artifact)) return Optional.of(artifact);
        return find(artifact.key(), artifact.extension());
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
        return verification.unchanged(artifact);
    }

    /**
     * Forgets and deletes {@code artifact} because bytes read from it did not match its record (damage between
     * verification and use); the next {@link #get} produces it again.
     */
    public void discard(Artifact artifact, String reason) {
        verification.discard(artifact, reason, Problem.VERIFICATION_FAILED);
    }

    /**
     * Forgets and deletes {@code artifact} because reading it failed with {@code failure} (a file this process may not
     * read, a read error): counted as unreadable or damaged, and made again by the next {@link #get}.
     */
    public void discard(Artifact artifact, IOException failure) {
        verification.discard(artifact, "could not be read: " + failure.getMessage(), Problem.of(failure));
    }

    /**
     * Runs {@code listener} after each stored file found damaged or unreadable is deleted (on the thread that found it,
     * often a request's: it must only queue work), so that what it held can be made again before anyone asks for it.
     */
    public void whenDiscarded(Runnable listener) {
        verification.afterDiscard(listener);
    }

    /** Where {@code key}.{@code extension} lives (whether or not it exists yet). */
    Path pathFor(String key, String extension) {
        return Keys.pathFor(root, key, extension);
    }

    /** The store's directory. */
    public Path root() {
        return root;
    }

    /** How often this store was asked, answered without producing, and produced, since it started. */
    public Counts counts() {
        return new Counts(hits.get(), misses.get(), productions.get());
    }

    /** Bytes currently held by the in-memory fallback. */
    long memoryBytes() {
        return memory.bytes();
    }

    /** Whether the disk takes writes, how many files were verified and how many failed (and the latest reason). */
    public Health health() {
        return verification.health();
    }

    private record Outcome(Artifact artifact, boolean produced) {}

    /**
     * Produces (or loads and verifies) the entry once for all concurrent callers; {@code counted} false for a
     * {@link #note}, which is left out of {@link #counts()}.
     */
    private Artifact fly(String key, String extension, String name, Path file, Writer producer, boolean counted) {
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(name, mine);
        if (running != null) {
            try {
                return count(await(running), counted);
            } catch (RuntimeException | Error e) {
                if (counted) misses.incrementAndGet();
                throw e;
            }
        }
        try {
            Outcome outcome = loadOrProduce(key, extension, name, file, producer, counted);
            mine.complete(outcome);
            return count(outcome, counted);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            if (counted) misses.incrementAndGet();
            throw e;
        } finally {
            inFlight.remove(name, mine);
        }
    }

    private Artifact count(Outcome outcome, boolean counted) {
        if (counted) (outcome.produced() ? misses : hits).incrementAndGet();
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
        Artifact onDisk = verification.known(name);
        return onDisk != null ? onDisk : memory.get(name);
    }

    private Outcome loadOrProduce(String key, String extension, String name, Path file, Writer producer, boolean counted) {
        // Re-check: the previous production may have finished between our miss and taking the flight.
        Artifact known = known(name);
        if (known != null) return new Outcome(known, false);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            // Anything but a regular file (a symlink above all) is discarded here and made again.
            Artifact loaded = verification.load(key, extension, name, file, validator(extension));
            if (loaded != null) return new Outcome(loaded, false);
            verification.throwIfStuck(name);
        }
        if (counted) productions.incrementAndGet();
        return new Outcome(store(key, extension, name, file, producer), true);
    }

    private Artifact store(String key, String extension, String name, Path file, Writer producer) {
        try {
            Record record = AtomicWrite.write(file, producer, validator(extension), extension, seal);
            return verification.remember(key, extension, name, file, record);
        } catch (IOException e) {
            warnDiskUnusable(e);
            return inMemory(key, extension, name, producer);
        }
    }

    private Artifact inMemory(String key, String extension, String name, Writer producer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            producer.writeTo(bytes);
        } catch (IOException e) {
            // The producer itself needs the disk (a scratch file), or could not read what it is made from.
            if (Problem.diskFull(e)) verification.seen(Problem.DISK_FULL, name + ": " + e.getMessage());
            throw new UncheckedIOException("producing " + name, e);
        }
        byte[] made = bytes.toByteArray();
        Artifact held = Artifact.inMemory(key, extension, made, Instant.now(), Pieces.wholeOf(java.nio.ByteBuffer.wrap(made), Pieces.Kind.CRC32C));
        memory.put(name, held);
        return held;
    }

    private Validator validator(String extension) {
        return validators.getOrDefault(extension, Validator.anyFile());
    }

    /**
     * Why the disk first refused a write since this store started (the folder could not be made, or a file could not
     * be written: what was made is then held in memory only), such as {@code /cache/c9: Not a directory}; empty if it
     * never did. Unlike {@link #health()}, this does not forget after the health window: {@code warm}, which exists
     * to fill the cache, fails on it.
     */
    public java.util.Optional<String> writeRefusal() {
        return java.util.Optional.ofNullable(firstRefusal.get());
    }

    private void warnDiskUnusable(IOException e) {
        verification.seen(Problem.ofWrite(e), String.valueOf(e.getMessage()));
        firstRefusal.compareAndSet(null, Problem.reason(e));
        if (diskRefused.compareAndSet(false, true)) {
            LOG.warn("Artifact store {} cannot be written ({}); serving from memory, up to {} MB",
                    root, e.toString(), memory.limit() >> 20);
        } else {
            LOG.debug("Artifact store write failed again: {}", e.toString());
        }
    }
}
