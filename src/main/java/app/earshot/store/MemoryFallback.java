package app.earshot.store;

/**
 * Where artifacts go when the disk refuses writes: least recently used first out, under a ceiling in bytes (a
 * {@link BoundedMap}, whose ceiling holds at every put).
 */
final class MemoryFallback {
    private final long limit;
    private final BoundedMap<String, Artifact> entries;

    MemoryFallback(long limit) {
        if (limit < 0) throw new IllegalArgumentException("memory limit must not be negative: " + limit);
        this.limit = limit;
        this.entries = new BoundedMap<>(Integer.MAX_VALUE, limit, Artifact::size);
    }

    long limit() {
        return limit;
    }

    long bytes() {
        return entries.weight();
    }

    Artifact get(String name) {
        return entries.get(name);
    }

    /** Keeps {@code artifact} unless it alone is larger than the ceiling; drops the least recently used beyond it. */
    void put(String name, Artifact artifact) {
        entries.put(name, artifact);
    }
}
