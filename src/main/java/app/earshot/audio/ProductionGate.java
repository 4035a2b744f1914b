package app.earshot.audio;

import java.util.function.Supplier;

/**
 * Admission control for making artifacts (synthesis, encoding, assembling whole pages): at most {@code slots}
 * productions run at once, so the CPU and heap they need stay bounded and pages and cached files never wait behind
 * them. A caller on a request waits in a bounded queue; when its expected wait is longer than {@code maxWaitMillis}
 * (or the wait runs out) it is refused at once with {@link Busy}, which the web layer answers with 503 and
 * {@code Retry-After}. Work marked {@link #inBackground background} (warming) waits as long as it must and yields
 * to every waiting request. A thread already holding a slot re-enters freely (a production may make its inputs).
 */
public final class ProductionGate {
    /** No limit at all: for commands (warm, export) and tests, where every caller is patient. */
    public static final ProductionGate OPEN = new ProductionGate(Integer.MAX_VALUE, Long.MAX_VALUE / 1_000_000, Integer.MAX_VALUE);

    /** Refusal: the production would wait too long; try again after {@link #retryAfterSeconds()}. */
    public static final class Busy extends RuntimeException {
        private final int retryAfterSeconds;

        Busy(int retryAfterSeconds) {
            super("busy making audio; retry after " + retryAfterSeconds + " s", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final int slots;
    private final long maxWaitNanos;
    private final int maxQueue;
    private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);
    private final ThreadLocal<Boolean> background = ThreadLocal.withInitial(() -> false);
    private int running;
    private int waitingRequests;
    // Mean production time, smoothed: what a newcomer expects to wait per production ahead of it per slot.
    private double meanNanos = 250e6;

    /**
     * @param slots         productions that may run at once (the cores: synthesis and encoding are CPU-bound)
     * @param maxWaitMillis longest a request may wait for a slot, expected or actual
     * @param maxQueue      requests that may wait at once
     */
    public ProductionGate(int slots, long maxWaitMillis, int maxQueue) {
        if (slots < 1 || maxWaitMillis < 0 || maxQueue < 0) throw new IllegalArgumentException("slots >= 1, waits >= 0");
        this.slots = slots;
        this.maxWaitNanos = maxWaitMillis * 1_000_000;
        this.maxQueue = maxQueue;
    }

    /** Runs {@code work} in a production slot, waiting for one if need be; throws {@link Busy} if that takes too long. */
    public <T> T admit(Supplier<T> work) {
        int[] depth = held.get();
        if (depth[0] > 0 || slots == Integer.MAX_VALUE) return work.get();
        // A heap that stays nearly full even after collection cannot take another production: refuse before it runs out.
        if (!background.get() && heapTight()) throw new Busy(5);
        acquire();
        depth[0]++;
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            depth[0]--;
            release(System.nanoTime() - start);
        }
    }

    /** Runs {@code work} (warming) so that its productions wait patiently and let requests go first. */
    public void inBackground(Runnable work) {
        background.set(true);
        try {
            work.run();
        } finally {
            background.set(false);
        }
    }

    /** Productions running now. */
    public synchronized int running() {
        return running;
    }

    /** Requests waiting for a slot now. */
    public synchronized int waiting() {
        return waitingRequests;
    }

    private synchronized void acquire() {
        if (background.get()) {
            while (running >= slots || waitingRequests > 0) waitQuietly(100);
            running++;
            return;
        }
        if (running < slots && waitingRequests == 0) {
            running++;
            return;
        }
        long expected = expectedWaitNanos(waitingRequests + 1);
        if (waitingRequests >= maxQueue || expected > maxWaitNanos) throw new Busy(retryAfter(expected));
        long deadline = System.nanoTime() + maxWaitNanos;
        waitingRequests++;
        try {
            while (running >= slots) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new Busy(retryAfter(expectedWaitNanos(waitingRequests)));
                waitQuietly(Math.max(1, left / 1_000_000));
            }
            running++;
        } finally {
            waitingRequests--;
        }
    }

    private synchronized void release(long nanos) {
        running--;
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

    /** Time until the production at {@code position} in the queue starts, if each takes the recent mean. */
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
