package app.earshot.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The one bounded cache every in-memory copy uses (the store's memory fallback, the fast path's prepared answers,
 * recent search results, logged error causes): least recently used first out, under a ceiling in entries and one in
 * weight (bytes), both holding after every put. Thread-safe.
 *
 * <p>Our own rather than Caffeine: Caffeine evicts in a maintenance step after the write, so its weighted size "may
 * temporarily exceed the threshold", and its admission policy may refuse a new entry in favour of frequent old ones;
 * these maps count direct and heap buffers against a budget taken from the heap size, and their tests and documents
 * promise plain least-recently-used order. Sixty lines over {@link LinkedHashMap}'s access order do that exactly,
 * without a dependency.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class BoundedMap<K, V> {
    private final int maxEntries;
    private final long maxWeight;
    private final ToLongFunction<? super V> weigher;
    private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    /**
     * A map of at most {@code maxEntries} entries whose values weigh at most {@code maxWeight} in all, each weighed by
     * {@code weigher} (a value's weight must not change while it is held).
     *
     * @throws IllegalArgumentException if either ceiling is negative
     */
    public BoundedMap(int maxEntries, long maxWeight, ToLongFunction<? super V> weigher) {
        if (maxEntries < 0 || maxWeight < 0) {
            throw new IllegalArgumentException("bounds must not be negative: " + maxEntries + " entries, " + maxWeight);
        }
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** A map bounded by the number of entries alone. */
    public static <K, V> BoundedMap<K, V> ofEntries(int maxEntries) {
        return new BoundedMap<>(maxEntries, Long.MAX_VALUE, v -> 0);
    }

    /** The value for {@code key}, now the most recently used, or null. */
    public synchronized V get(K key) {
        return entries.get(key);
    }

    /**
     * Holds {@code value} for {@code key} as the most recently used entry and lets the least recently used others go
     * until both ceilings hold; false (and nothing changed) if the value alone is too heavy.
     */
    public synchronized boolean put(K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight || maxEntries == 0) return false;
        V previous = entries.put(key, value);
        weight += w - (previous == null ? 0 : weigher.applyAsLong(previous));
        for (Iterator<Map.Entry<K, V>> it = entries.entrySet().iterator();
             (weight > maxWeight || entries.size() > maxEntries) && it.hasNext(); ) {
            Map.Entry<K, V> eldest = it.next();
            if (eldest.getKey().equals(key)) continue;
            weight -= weigher.applyAsLong(eldest.getValue());
            it.remove();
        }
        return true;
    }

    /** Holds {@code value} for {@code key} unless the key is held already; true if it was not. */
    public synchronized boolean putIfAbsent(K key, V value) {
        return !entries.containsKey(key) && put(key, value);
    }

    /** Lets {@code key} go, whatever its value. */
    public synchronized void remove(K key) {
        V previous = entries.remove(key);
        if (previous != null) weight -= weigher.applyAsLong(previous);
    }

    /** Lets {@code key} go if it still holds {@code value} (the same object); true if it did. */
    public synchronized boolean remove(K key, V value) {
        if (entries.get(key) != value) return false;
        remove(key);
        return true;
    }

    /** How many entries are held. */
    public synchronized int size() {
        return entries.size();
    }

    /** The weight of the values held. */
    public synchronized long weight() {
        return weight;
    }
}
