package app.earshot.speech;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool that lends each of at most {@code size} objects to one thread at a time, creating them on first
 * demand and throwing {@link SynthesisException} "synthesis pool busy" when none frees up within the wait.
 */
final class VoicePool<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VoicePool.class);

    private final String name;
    private final int size;
    private final Duration maxWait;
    private final Supplier<T> create;
    private final Consumer<T> destroy;
    private final LinkedBlockingQueue<T> idle = new LinkedBlockingQueue<>();
    private int created;
    private boolean closed;

    /**
     * @param name    what is pooled, for messages ("kevin16 voice")
     * @param size    most objects ever alive at once; at least 1
     * @param maxWait how long {@link #borrow()} waits for a free object before giving up
     * @param create  makes a new object (may be slow: a FreeTTS voice takes ~0.4 s)
     * @param destroy releases an object that leaves the pool
     */
    VoicePool(String name, int size, Duration maxWait, Supplier<T> create, Consumer<T> destroy) {
        if (size < 1) throw new IllegalArgumentException("pool size must be at least 1: " + size);
        if (maxWait.isNegative()) throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
        this.name = Objects.requireNonNull(name);
        this.size = size;
        this.maxWait = maxWait;
        this.create = Objects.requireNonNull(create);
        this.destroy = Objects.requireNonNull(destroy);
    }

    /** An object for the calling thread's sole use until it is {@link #release released} or {@link #discard discarded}. */
    T borrow() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            T ready = idle.poll();
            if (ready != null) return ready;
            if (reserveSlot()) {
                // Creation happens outside the lock so a slow allocation does not block threads returning objects.
                try {
                    return create.get();
                } catch (RuntimeException | Error e) {
                    freeSlot();
                    throw e;
                }
            }
            awaitReleaseOrFreeSlot(deadline);
        }
    }

    /** Waits until an object is released or a slot freed (a discard), or fails at the deadline. */
    private synchronized void awaitReleaseOrFreeSlot(long deadline) {
        try {
            while (idle.isEmpty() && created >= size && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SynthesisException("synthesis pool busy: no " + name + " free within " + maxWait.toMillis()
                            + " ms (" + size + " in use)");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthesisException("interrupted while waiting for a " + name, e);
        }
    }

    /** Gives a healthy object back for the next borrower. */
    void release(T object) {
        synchronized (this) {
            if (!closed) {
                idle.add(object);
                notifyAll();
                return;
            }
        }
        destroyQuietly(object);
    }

    /** Drops an object that may be broken; a fresh one is created on later demand, and a waiting borrower wakes to make it. */
    void discard(T object) {
        freeSlot();
        destroyQuietly(object);
    }

    /** Destroys idle objects now and borrowed ones when they come back; later borrows fail. */
    @Override
    public void close() {
        List<T> drained = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.drainTo(drained);
            notifyAll();
        }
        drained.forEach(this::destroyQuietly);
    }

    private synchronized boolean reserveSlot() {
        if (closed) throw new IllegalStateException("synthesizer is closed");
        if (created >= size) return false;
        created++;
        return true;
    }

    private synchronized void freeSlot() {
        created--;
        notifyAll();
    }

    private void destroyQuietly(T object) {
        try {
            destroy.accept(object);
        } catch (RuntimeException e) {
            // A failure to free one object must not stop close() from freeing the others.
            LOG.warn("could not release a {}: {}", name, e.toString());
        }
    }
}
