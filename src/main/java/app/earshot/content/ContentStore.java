package app.earshot.content;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the content snapshot being served and the problems of the last failed reload; a reload swaps
 * in a whole new snapshot atomically, and a broken edit leaves the last good snapshot in place.
 */
public final class ContentStore {
    private final AtomicReference<Site> current;
    private final AtomicReference<List<String>> problems = new AtomicReference<>(List.of());
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public ContentStore(Site initial) {
        this.current = new AtomicReference<>(initial);
    }

    public Site current() {
        return current.get();
    }

    /** Serves {@code site} from now on and clears any problems. */
    public void replace(Site site) {
        current.set(site);
        generation.incrementAndGet();
        problems.set(List.of());
    }

    /** Goes up by one with every {@link #replace}: anything prepared from older content is stale. */
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
