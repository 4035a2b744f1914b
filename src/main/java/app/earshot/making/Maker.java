package app.earshot.making;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that makes audio. Every production (synthesis, encoding, whole pages, books) passes
 * {@link #make}: a person's request runs on its own thread at once or waits briefly, and is refused with {@link Busy}
 * (503 and {@code Retry-After}) only in a real storm of people; work queued with {@link #later} (warming, the phone
 * lines' clips, the API's completion) runs on the maker's one background thread, in a bounded queue, and only in
 * capacity no person is using; {@link #later(Duration, String, Runnable)} queues it so after a wait (warming's
 * retries), on a timer the maker owns, so a stop drops what is waiting as it drops what is queued. Routes never
 * schedule work of their own: they ask, and wait or get "busy".
 */
public final class Maker {
    /** Background jobs that may wait at most; more are refused (whoever asks again queues them again). */
    public static final int MAX_QUEUED = 256;
    private static final Logger LOG = LoggerFactory.getLogger(Maker.class);

    private final ProductionGate gate;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Boolean> onBackgroundThread = ThreadLocal.withInitial(() -> false);
    // One background thread at most, gone when idle: background work is done one job at a time, behind every person.
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_QUEUED), r -> {
                Thread t = new Thread(r, "earshot-maker");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });
    // Waits before background work is queued (warming's retries): one daemon thread at most, made on first use and gone
    // when nothing waits, so the many patient makers of commands and tests cost no thread.
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "earshot-maker-timer");
        t.setDaemon(true);
        return t;
    });
    // Each stop starts a new era: a wait begun before it never queues its work after it.
    private final AtomicLong era = new AtomicLong();
    // The era the background job running on this thread was queued in.
    private final ThreadLocal<Long> jobEra = new ThreadLocal<>();
    private volatile boolean stopping;
    private volatile boolean closed;
    private final long stopWaitMillis;
    private final Object jobs = new Object();
    private int running;

    /**
     * A maker whose people's productions run at most {@code slots} at once, each waiting at most
     * {@code maxWaitMillis} with at most {@code maxQueue} people waiting.
     */
    public Maker(int slots, long maxWaitMillis, int maxQueue) {
        this(new ProductionGate(slots, maxWaitMillis, maxQueue), 10_000);
    }

    /** As {@link #Maker(int, long, int)}, but a stop waits at most {@code stopWait} for the job under way (tests). */
    public Maker(int slots, long maxWaitMillis, int maxQueue, java.time.Duration stopWait) {
        this(new ProductionGate(slots, maxWaitMillis, maxQueue), stopWait.toMillis());
    }

    private Maker(ProductionGate gate, long stopWaitMillis) {
        this.gate = gate;
        this.stopWaitMillis = stopWaitMillis;
        background.allowCoreThreadTimeOut(true);
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** No limit at all: for commands (warm, export) and tests, where every caller is patient. */
    public static Maker open() {
        return new Maker(new ProductionGate(Integer.MAX_VALUE, Long.MAX_VALUE / 1_000_000, Integer.MAX_VALUE), 10_000);
    }

    /**
     * Runs the production {@code work} on this thread in a slot: a person's, or a background one if this is the
     * maker's background thread. A production may make its inputs inside its own slot.
     *
     * @throws Busy if a person would wait too long
     */
    public <T> T make(Supplier<T> work) {
        return gate.admit(onBackgroundThread.get(), work);
    }

    /**
     * Queues {@code work} for the background thread unless work named {@code what} is already queued or running,
     * the queue is full, or the maker is stopping.
     *
     * @return true if queued now
     */
    public boolean later(String what, Runnable work) {
        if (stopping || closed || queued.size() >= MAX_QUEUED || !queued.add(what)) return false;
        long queuedIn = era.get();
        try {
            background.execute(() -> {
                onBackgroundThread.set(true);
                jobEra.set(queuedIn);
                synchronized (jobs) {
                    running++;
                }
                try {
                    // A job queued before a stop never starts after it, even if it left the queue as the stop began.
                    if (!stopping()) work.run();
                } catch (RuntimeException e) {
                    LOG.warn("Background work stopped ({}): {}", what.length() > 80 ? what.substring(0, 80) : what, e.toString());
                } finally {
                    onBackgroundThread.set(false);
                    jobEra.remove();
                    queued.remove(what);
                    synchronized (jobs) {
                        running--;
                        jobs.notifyAll();
                    }
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            queued.remove(what);
            return false;
        }
    }

    /**
     * Queues {@code work} as {@link #later(String, Runnable)} does once {@code delay} has passed; if it cannot be queued
     * then (the queue is full, or work named {@code what} is still queued or running), asks again after the same delay.
     * A stop ({@link #quiesce}, {@link #close}) before then drops it.
     *
     * @return false if the maker is stopping or closed, so nothing will run
     */
    public boolean later(Duration delay, String what, Runnable work) {
        if (stopping || closed) return false;
        long startedIn = era.get();
        try {
            timer.schedule(() -> {
                if (era.get() != startedIn || stopping || closed) return;
                if (!later(what, work)) later(delay, what, work);
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // closed meanwhile
        }
    }

    /**
     * True while the server is stopping, and for good on the background thread for a job queued before a stop: long
     * background work stops at its next step, even a step that outlived the stop's wait.
     */
    public boolean stopping() {
        if (stopping) return true;
        Long mine = jobEra.get();
        return mine != null && mine != era.get();
    }

    /** True if productions are not limited ({@link #open()}: every caller is patient). */
    public boolean patient() {
        return gate.open();
    }

    /** Productions running now, people's and background. */
    public int running() {
        return gate.running();
    }

    /** People waiting for a production slot now. */
    public int waiting() {
        return gate.waiting();
    }

    /**
     * The server is stopping: drops queued background work and waits (up to 10 s, or the stop wait given) for the job
     * under way to reach its next step; then takes work again (a test may start another server on the same maker). Never
     * interrupts: a production stopped halfway could leave a pooled voice or a file write broken.
     */
    public void quiesce() {
        stopping = true;
        era.incrementAndGet();
        try {
            timer.getQueue().clear();
            background.getQueue().clear();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stopWaitMillis);
            synchronized (jobs) {
                for (long left; running > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                    jobs.wait(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queued.clear();
            stopping = false;
        }
    }

    /**
     * Stops for good: as {@link #quiesce}, then nothing queued, waiting or asked for later runs, and the maker's
     * background and timer threads end. People's productions ({@link #make}) still run on their own threads.
     */
    public void close() {
        closed = true;
        quiesce();
        timer.shutdownNow();
        background.shutdown();
    }
}
