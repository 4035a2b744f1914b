package app.earshot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which stored files may be served: a file is verified in full (length and digests against its record, then its
 * format) the first time this process uses it, and by size, modification time and file identity (one stat) on every
 * later use; a file that fails is discarded with its record. Counts what it saw, for {@code /healthz}.
 */
final class Verification {
    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);
    // Discards per artifact name: bounded, since only damaged files get in and a few are enough to tell.
    private static final int MAX_TRACKED_DISCARDS = 1024;

    private record Verified(Artifact artifact, Object fileKey) {}

    // Artifacts verified in full by this process, with the file's identity then, so a later use costs one stat.
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final AtomicLong verifications = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private record Discards(int count, Instant last) {}

    private final ConcurrentHashMap<String, Discards> discards = new ConcurrentHashMap<>();
    // The latest time each class of problem was seen, with what was seen: /healthz names those seen within the window.
    private record Seen(Instant at, String detail) {}

    private final ConcurrentHashMap<Problem, Seen> problems = new ConcurrentHashMap<>();
    // Files that could not be read nor deleted (so nor made again), by name, with their place in the cache: what needs
    // one gets Unreadable until it can be read or is gone. Reported while they last, not for a window; logged once.
    private record Stuck(Path file, String place, String reason) {}

    private final ConcurrentHashMap<String, Stuck> stuck = new ConcurrentHashMap<>();
    private final Duration window;
    private final Seal seal;

    /**
     * @param window how long a problem is reported after it was last seen (then health returns to ok)
     * @param seal   the key records must be signed with ({@link Seal#NONE}: none)
     */
    /** Told after a damaged or unreadable stored file was deleted, so that it can be made again before anyone asks. */
    private volatile Runnable afterDiscard = () -> {};

    Verification(Duration window, Seal seal) {
        this.window = Objects.requireNonNull(window, "window");
        this.seal = Objects.requireNonNull(seal, "seal");
    }

    /** The verified artifact named {@code name} if its file is unchanged since (one stat); else null. */
    Artifact known(String name) {
        Verified v = verified.get(name);
        if (v == null) return null;
        switch (state(v)) {
            case SAME:
                return v.artifact();
            case UNREADABLE:
                // The very file verified, only not readable now (its mode, say): not served, but still known, so it is
                // ready again once it can be read, without being read again. A reader that needs it meanwhile loads
                // it, which discards and makes it again if it still cannot be read.
                return null;
            default:
                break;
        }
        verified.remove(name, v);
        Path file = v.artifact().path();
        LOG.warn("Cached file {} in the audio cache changed on disk since it was verified; checking it again",
                file.getParent().getFileName() + "/" + file.getFileName());
        return null;
    }

    /** Reads the whole file against its record, then its format; a failure deletes both files and gives null. */
    Artifact load(String key, String extension, String name, Path file, Validator check) {
        try {
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            // Never a symlink (it could point anywhere), a directory or a device: only a regular file is served.
            if (!before.isRegularFile()) throw new IOException("not a regular file");
            Record recorded = Record.read(Keys.recordFile(file), seal);
            if (!recorded.name().equals(name)) throw new IOException("its record was written for " + recorded.name());
            Record actual = Record.of(file, recorded);
            if (actual.length() != recorded.length()) {
                throw new IOException("length " + actual.length() + " but " + recorded.length() + " were written");
            }
            if (!actual.sha256().equals(recorded.sha256())) throw new IOException("checksum differs from the one recorded");
            if (!actual.pieces().equals(recorded.pieces())) throw new IOException("piece checksums differ from the ones recorded");
            check.check(file);
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (after.size() != before.size() || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
                throw new IOException("changed while it was being verified");
            }
            verifications.incrementAndGet();
            return remember(key, extension, name, file, recorded);
        } catch (NoSuchFileException e) {
            if (e.getFile() != null && e.getFile().endsWith(Keys.RECORD_SUFFIX) && Files.exists(file)) {
                discardFile(file, "no recorded length and checksum", Problem.VERIFICATION_FAILED);
            }
            return null;
        } catch (IOException e) {
            // Known to be stuck and logged already: try again quietly; if it can be deleted now, it is made again.
            if (stuck.containsKey(name) && Problem.of(e) == Problem.UNREADABLE) {
                TempFiles.deleteQuietly(file);
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) healed(name, "could be deleted; it is made again");
                return null;
            }
            // An AccessDeniedException's message is only the path: say what happened, with the file's name.
            String reason = e instanceof java.nio.file.AccessDeniedException denied
                    ? "permission denied reading " + Path.of(String.valueOf(denied.getFile())).getFileName() : e.getMessage();
            discardFile(file, reason, Problem.of(e));
            return null;
        }
    }

    /** Notes {@code file}, just written or verified with {@code record}, as verified; the artifact to serve. */
    Artifact remember(String key, String extension, String name, Path file, Record record) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        // Served under the current format's digest, whichever format the record is in: the pieces are the same.
        Artifact artifact = Artifact.onDisk(key, extension, file, attributes.size(), attributes.lastModifiedTime().toInstant(),
                Pieces.whole(record.length(), record.pieces()), record.pieces());
        verified.put(name, new Verified(artifact, attributes.fileKey()));
        healed(name, "was read and verified");
        return artifact;
    }

    /** True while {@code artifact} is on disk exactly as verified (one stat), or held in memory. */
    boolean unchanged(Artifact artifact) {
        if (artifact.inMemory()) return true;
        Verified v = verified.get(artifact.key() + "." + artifact.extension());
        return v != null && v.artifact() == artifact && sameFile(v);
    }

    /**
     * Forgets {@code artifact} if it is still the one verified, and deletes its file (with its record) if the file at its
     * place is still the very file verified (damaged in place or not). A file another origin on the same cache renamed
     * into that place since is not ours to judge: it is left, and verified in full when next asked for.
     */
    void discard(Artifact artifact, String reason, Problem kind) {
        String name = artifact.key() + "." + artifact.extension();
        Verified v = verified.get(name);
        if (v != null && v.artifact() == artifact && verified.remove(name, v) && artifact.path() != null) {
            if (replaced(v)) {
                LOG.debug("{} was replaced by another writer ({}); the new file is verified when next asked for", artifact.path(), reason);
            } else {
                discardFile(artifact.path(), reason, kind);
            }
        }
    }

    /**
     * Deletes a damaged or unreadable {@code file} and its record, and counts why. An unreadable file that cannot be
     * deleted either is remembered as stuck ({@link #throwIfStuck}) and logged once, by its place in the cache.
     */
    void discardFile(Path file, String reason, Problem kind) {
        failures.incrementAndGet();
        Instant now = Instant.now();
        String name = file.getFileName().toString();
        // Reported (log, health) by the file's place in the cache, never by the server's folders: an exception's
        // message is often a path.
        String place = file.getParent().getFileName() + "/" + name;
        Path folders = file.getParent().getParent();
        if (folders != null) reason = reason.replace(folders + java.io.File.separator, "");
        if (discards.size() < MAX_TRACKED_DISCARDS || discards.containsKey(name)) {
            // A discard long after the last one starts the count again: "keeps failing" means within the window.
            discards.merge(name, new Discards(1, now), (old, one) -> new Discards(recent(old.last(), now) ? old.count() + 1 : 1, now));
        }
        lastFailure.set(name + ": " + reason);
        // Not verified any more (an entry kept while the file was unreadable for a moment, say): the next use loads it.
        verified.remove(name);
        TempFiles.deleteQuietly(file);
        TempFiles.deleteQuietly(Keys.recordFile(file));
        if (kind == Problem.UNREADABLE && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            String why = reason.startsWith("permission denied") ? "permission denied" : reason;
            if (stuck.putIfAbsent(name, new Stuck(file, place, why)) == null) {
                LOG.warn("Cached file {} in the audio cache cannot be read ({}) nor replaced; what needs it answers 503 and is "
                        + "tried again until the file can be read or is removed", place, why);
            }
            return;
        }
        if (kind != Problem.VERIFICATION_FAILED) seen(kind, name + ": " + reason);
        LOG.warn("Discarding cached file {} in the audio cache: {}; it will be made again", place, reason);
        try {
            afterDiscard.run();
        } catch (RuntimeException e) {
            LOG.debug("after discarding {}: {}", place, e.toString());
        }
    }

    /** {@code listener} is run, on the thread that discarded it, after each damaged or unreadable file is deleted. */
    void afterDiscard(Runnable listener) {
        afterDiscard = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Throws {@link Unreadable} if the file named {@code name} can be neither read nor replaced. */
    void throwIfStuck(String name) {
        Stuck s = stuck.get(name);
        if (s != null) throw new Unreadable(s.place(), s.reason());
    }

    private void healed(String name, String how) {
        Stuck was = stuck.remove(name);
        if (was != null) LOG.info("Cached file {} in the audio cache {}", was.place(), how);
    }

    /** Notes a problem of class {@code kind} seen now (a refused write, say), for {@code /healthz}. */
    void seen(Problem kind, String detail) {
        problems.put(kind, new Seen(Instant.now(), detail));
    }

    private boolean recent(Instant at, Instant now) {
        return at.plus(window).isAfter(now);
    }

    /** What was seen, with each class of problem seen within the window (and nothing older). */
    ArtifactStore.Health health() {
        Instant now = Instant.now();
        List<String> again = discards.entrySet().stream().filter(e -> e.getValue().count() > 1 && recent(e.getValue().last(), now))
                .map(Map.Entry::getKey).sorted().limit(10).toList();
        Map<Problem, String> recentProblems = new java.util.EnumMap<>(Problem.class);
        problems.forEach((kind, seen) -> {
            if (recent(seen.at(), now)) recentProblems.put(kind, seen.detail());
        });
        if (!again.isEmpty()) recentProblems.put(Problem.VERIFICATION_FAILED, String.join(", ", again));
        // A stuck file that is readable again, or gone, is no longer a problem: the next use reads or makes it.
        stuck.forEach((name, s) -> {
            Path record = Keys.recordFile(s.file());
            boolean readable = Files.isReadable(s.file()) && (Files.isReadable(record) || !Files.exists(record, LinkOption.NOFOLLOW_LINKS));
            if (readable || !Files.exists(s.file(), LinkOption.NOFOLLOW_LINKS)) healed(name, "can be read again, or is gone");
        });
        List<String> unreadable = stuck.values().stream().map(s -> s.place() + " (" + s.reason() + ")").sorted().limit(10).toList();
        boolean writable = !recentProblems.containsKey(Problem.DISK_FULL) && !recentProblems.containsKey(Problem.UNWRITABLE);
        return new ArtifactStore.Health(writable, verifications.get(), failures.get(), lastFailure.get(), again, recentProblems,
                stuck.size(), unreadable);
    }

    private enum State { SAME, UNREADABLE, CHANGED }

    /** True if another file (another inode) now stands at the verified file's place; false if it is gone or the same. */
    private static boolean replaced(Verified v) {
        try {
            Object now = Files.readAttributes(v.artifact().path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return now != null && v.fileKey() != null && !now.equals(v.fileKey());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameFile(Verified v) {
        return state(v) == State.SAME;
    }

    /**
     * Whether the file is still the one verified (size, modification time and identity: one stat), and readable: a
     * mode change keeps size, time and identity, and a file this process cannot open must be checked again (and,
     * failing that, discarded and made again) rather than fail every request that reads it.
     */
    private static State state(Verified v) {
        try {
            BasicFileAttributes a = Files.readAttributes(v.artifact().path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean same = a.isRegularFile() && a.size() == v.artifact().size()
                    && a.lastModifiedTime().toInstant().equals(v.artifact().lastModified())
                    && Objects.equals(a.fileKey(), v.fileKey());
            if (!same) return State.CHANGED;
            return Files.isReadable(v.artifact().path()) ? State.SAME : State.UNREADABLE;
        } catch (IOException e) {
            return State.CHANGED;
        }
    }
}
