package app.earshot.narration;

/**
 * One machine's share of warming a library: shard {@code index} of {@code count}, chosen by cache key, so every
 * key belongs to exactly one shard on every machine and the shards' caches merge by plain copy.
 *
 * @param index 1 to {@code count}
 * @param count how many machines share the work, 1 to {@link #MAX_COUNT}
 */
public record Shard(int index, int count) {
    public static final int MAX_COUNT = 1000;
    /** All of it: one machine. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard must be I/N with 1 <= I <= N <= " + MAX_COUNT + ", such as 1/4, not " + index + "/" + count);
        }
    }

    /**
     * {@code "I/N"} as given on the command line.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("/", -1);
        try {
            if (parts.length != 2) throw new NumberFormatException();
            return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard must be I/N, such as 1/4 (this machine makes the first quarter), not '" + text + "'");
        }
    }

    /** Whether this shard makes the audio under {@code key} (a hex SHA-256 cache key): its first 60 bits modulo the count. */
    public boolean owns(String key) {
        long bits = Long.parseUnsignedLong(key.substring(0, 15), 16);
        return bits % count == index - 1;
    }
}
