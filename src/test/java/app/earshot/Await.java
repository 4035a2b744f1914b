package app.earshot;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition another thread makes true, for tests: the one place that polls, so no test sleeps to
 * synchronise. A condition still false at the limit fails the test with {@code what}; it never passes by timing out.
 */
public final class Await {
    private static final long PAUSE_NANOS = Duration.ofMillis(20).toNanos();

    private Await() {}

    /** Returns once {@code condition} holds; fails with "timed out after ..: {@code what}" if it does not within {@code limit}. */
    public static void until(Duration limit, BooleanSupplier condition, String what) {
        value(limit, () -> condition.getAsBoolean(), Boolean::booleanValue, what);
    }

    /** The first value of {@code supplier} that {@code accepted} takes, asking again until {@code limit} has passed. */
    public static <T> T value(Duration limit, Supplier<T> supplier, Predicate<? super T> accepted, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T value = supplier.get();
            if (accepted.test(value)) return value;
            if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out after " + limit + ": " + what + " (last: " + value + ")");
            LockSupport.parkNanos(PAUSE_NANOS);
            if (Thread.interrupted()) throw new AssertionError("interrupted while waiting: " + what);
        }
    }
}
