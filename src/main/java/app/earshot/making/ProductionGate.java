package app.earshot.making;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Admission control for making artifacts (synthesis, encoding, assembling whole pages), counting people and
 * background work apart. A person's production runs at once while fewer than {@code slots} people's productions run,
 * whatever background work is under way; otherwise it waits in a bounded queue, and when its expected wait is longer
 * than {@code maxWaitMillis} (or the wait runs out) it is refused with {@link Busy}. Background work (warming, the
 * phone lines' clips, the API's completion) only takes capacity no one else is using: it starts when people and
 * background together hold fewer than {@code slots} and no person waits, so it can delay a person by at most the one
 * background production already running, never refuse one. A thread already holding a slot re-enters freely (a
 * production may make its inputs).
 */
final class ProductionGate {
    private final int slots;
    private final long maxWaitNanos;
    private final int maxQueue;
    private final BooleanSupplier heapTight;
    private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);
    private int people;
    private int background;
    private int waitingPeople;
    // Mean production time, smoothed: what a newcomer expects to wait per production ahead of it per slot.
    private double meanNanos = 250e6;

    /**
     * @param slots         people's productions that may run at once (the cores: synthesis and encoding are CPU-bound)
     * @param maxWaitMillis longest a person may wait for a slot, expected or actual
     * @param maxQueue      people who may wait at once
     */
    ProductionGate(int slots, long maxWaitMillis, int maxQueue) {
        this(slots, maxWaitMillis, maxQueue, ProductionGate::heapTight);
    }

    /** As above, reading whether the heap is nearly full after collection from {@code heapTight}. */
    ProductionGate(int slots, long maxWaitMillis, int maxQueue, BooleanSupplier heapTight) {
        this.heapTight = heapTight;
        if (slots < 1 || maxWaitMillis < 0 || maxQueue < 0) throw new IllegalArgumentException("slots >= 1, waits >= 0");
        this.slots = slots;
        this.maxWaitNanos = maxWaitMillis * 1_000_000;
        this.maxQueue = maxQueue;
    }

    /** True if nothing is limited (every caller patient). */
    boolean open() {
        return slots == Integer.MAX_VALUE;
    }

    /** Runs {@code work} in a slot, a person's or (if {@code inBackground}) a background one. */
    <T> T admit(boolean inBackground, Supplier<T> work) {
        int[] depth = held.get();
        if (depth[0] > 0 || open()) return work.get();
        // A heap that stays nearly full even after collection cannot take another production: refuse before it runs out.
        // Only while other productions run (they hold that memory, and free it as they end): with none running a
        // refusal frees nothing, and the reading (from the last full collection, which a refused, idle server never
        // makes again) would refuse a lone listener for ever.
        if (!inBackground && running() > 0 && heapTight.getAsBoolean()) throw new Busy(5);
        if (inBackground) acquireBackground();
        else acquirePerson();
        depth[0]++;
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            depth[0]--;
            release(inBackground, System.nanoTime() - start);
        }
    }

    /** Productions running now, people's and background. */
    synchronized int running() {
        return people + background;
    }

    /** People waiting for a slot now. */
    synchronized int waiting() {
        return waitingPeople;
    }

    private synchronized void acquireBackground() {
        while (people + background >= slots || waitingPeople > 0) waitQuietly(100);
        background++;
    }

    private synchronized void acquirePerson() {
        if (people < slots && waitingPeople == 0) {
            people++;
            return;
        }
        long expected = expectedWaitNanos(waitingPeople + 1);
        if (waitingPeople >= maxQueue || expected > maxWaitNanos) throw new Busy(retryAfter(expected));
        long deadline = System.nanoTime() + maxWaitNanos;
        waitingPeople++;
        try {
            while (people >= slots) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new Busy(retryAfter(expectedWaitNanos(waitingPeople)));
                waitQuietly(Math.max(1, left / 1_000_000));
            }
            people++;
        } finally {
            waitingPeople--;
        }
    }

    private synchronized void release(boolean inBackground, long nanos) {
        if (inBackground) background--;
        else people--;
        meanNanos = 0.8 * meanNanos + 0.2 * nanos;
        notifyAll();
    }

    /** True if some heap pool (the old generation) held more than 85% of its maximum when last collected. */
    static boolean heapTight() {
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != java.lang.management.MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) continue;
            java.lang.management.MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc != null && afterGc.getMax() > 0 && afterGc.getUsed() > 0.85 * afterGc.getMax()) return true;
        }
        return false;
    }

    /** Time until the production at {@code position} in the people's queue starts, if each takes the recent mean. */
    private long expectedWaitNanos(int position) {
        return (long) (Math.ceil((double) position / slots) * meanNanos);
    }

    private static int retryAfter(long expectedNanos) {
        return (int) Math.max(1, Math.min(60, Math.ceil(expectedNanos / 1e9)));
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy(1);
        }
    }
}
