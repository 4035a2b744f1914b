package app.earshot.snapshot;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the snapshot being served and the problems of the last failed reload; a reload swaps in a whole new snapshot
 * in one reference, and a broken edit leaves the last good snapshot in place.
 */
public final class SnapshotStore {
    private final AtomicReference<Snapshot> current;
    private final AtomicReference<List<String>> problems = new AtomicReference<>(List.of());
    private final AtomicLong generation = new AtomicLong();

    public SnapshotStore(Snapshot initial) {
        this.current = new AtomicReference<>(initial);
    }

    /** The snapshot served now: read it once per request and pass it down. */
    public Snapshot current() {
        return current.get();
    }

    /** Serves {@code snapshot} from now on and clears any problems. */
    public void replace(Snapshot snapshot) {
        current.set(snapshot);
        generation.incrementAndGet();
        problems.set(List.of());
    }

    /** Goes up by one with every {@link #replace}: anything prepared from an older snapshot is stale. */
    public long generation() {
        return generation.get();
    }

    /** Keeps serving the current snapshot, and records why the newer content could not be used. */
    public void reject(List<String> newProblems) {
        problems.set(List.copyOf(newProblems));
    }

    /** Problems of the latest edit that could not be served; empty when the content on disk is what is served. */
    public List<String> problems() {
        return problems.get();
    }
}
