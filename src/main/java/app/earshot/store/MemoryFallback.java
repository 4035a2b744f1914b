package app.earshot.store;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Where artifacts go when the disk refuses writes: least recently used first out, under a ceiling in bytes.
 * Our own small map rather than Caffeine: the ceiling must hold at every put (Caffeine evicts asynchronously, so its
 * weighted size may overshoot for a moment), and a fallback used only on a failing disk is not worth a dependency.
 */
final class MemoryFallback {
    private final long limit;
    private final LinkedHashMap<String, Artifact> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    MemoryFallback(long limit) {
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

    /** Keeps {@code artifact} unless it alone is larger than the ceiling; drops the least recently used beyond it. */
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
