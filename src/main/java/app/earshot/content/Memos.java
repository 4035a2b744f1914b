package app.earshot.content;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values derived from one content load (a search index, a rendered home page, recent results pages), each made once
 * on first use and dropped together with the load, so a reload can never leave one of them stale.
 *
 * <p>A {@link Site} holds one; nothing derived from content is kept in a static or in a map that outlives a load.
 * Memos are not content: any two are {@link #equals equal}, so two loads of the same files still compare equal.
 */
public final class Memos {
    /**
     * Names one memo and the type of its value; compared by identity, so each user declares its own constant.
     *
     * @param <T> the value's type
     */
    public static final class Key<T> {
        private final String name;

        public Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final ConcurrentHashMap<Object, Slot<?>> slots = new ConcurrentHashMap<>();

    /**
     * The value for {@code key}, made by {@code make} the first time it is asked for; threads asking while it is
     * being made wait for that one result rather than making it again.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key, Supplier<? extends T> make) {
        Slot<T> slot = (Slot<T>) slots.computeIfAbsent(key, k -> new Slot<>());
        return slot.get(make);
    }

    /**
     * As {@link #get(Key, Supplier)}, for a memo named by a string made at run time (one per page, say): the name is
     * the key, so the caller must keep names apart and always ask a name for the same type.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String name, Supplier<? extends T> make) {
        Slot<T> slot = (Slot<T>) slots.computeIfAbsent("named:" + name, k -> new Slot<>());
        return slot.get(make);
    }

    /** True once {@code key}'s value has been made (for tests and diagnostics). */
    public boolean has(Key<?> key) {
        Slot<?> slot = slots.get(key);
        return slot != null && slot.value != null;
    }

    /** One value, made at most once (unless making it fails, when the next caller tries again). */
    private static final class Slot<T> {
        private volatile T value;

        T get(Supplier<? extends T> make) {
            T v = value;
            if (v != null) return v;
            synchronized (this) {
                if (value == null) value = java.util.Objects.requireNonNull(make.get(), "a memo cannot be null");
                return value;
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Memos;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "Memos";
    }
}
