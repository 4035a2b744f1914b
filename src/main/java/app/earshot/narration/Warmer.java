package app.earshot.narration;

import app.earshot.audio.ProductionGate;
import app.earshot.content.Page;
import app.earshot.content.Site;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every page's normal-speed audio in the background after start-up or a reload, and remembers how the latest
 * run went, so {@code /healthz} can say that warming stopped and why.
 */
public final class Warmer {
    /** How the latest warming run went. */
    public enum State { IDLE, RUNNING, DONE, STOPPED }

    /** The state and, once stopped, the reason. */
    public record Status(State state, String reason) {}

    private static final Logger LOG = LoggerFactory.getLogger(Warmer.class);

    private final Narrator narrator;
    private final long delayMillis;
    private final ProductionGate gate;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.IDLE, null));

    /** Warms with {@code narrator}, starting each run after {@code delayMillis} so start-up and first visitors go first. */
    public Warmer(Narrator narrator, long delayMillis) {
        this(narrator, delayMillis, ProductionGate.OPEN);
    }

    /** As above, its productions passing {@code gate} in the background: they wait patiently and let requests go first. */
    public Warmer(Narrator narrator, long delayMillis, ProductionGate gate) {
        this.narrator = narrator;
        this.delayMillis = delayMillis;
        this.gate = gate;
    }

    public Status status() {
        return status.get();
    }

    /** Starts a low-priority daemon thread that warms {@code site}; failures are recorded and logged, never fatal. */
    public Thread start(Site site) {
        Thread t = new Thread(() -> gate.inBackground(() -> run(site)), "earshot-warm");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Warms {@code site} on the calling thread. */
    public void run(Site site) {
        long start = System.nanoTime();
        status.set(new Status(State.RUNNING, null));
        try {
            Thread.sleep(delayMillis);
            for (Page page : site.pages()) narrator.warm(page, () -> {});
            status.set(new Status(State.DONE, null));
            LOG.info("Audio ready for {} section(s) in {} s ({} synthesized, the rest from the cache)",
                    site.sectionCount(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9),
                    narrator.syntheses());
        } catch (RuntimeException e) {
            status.set(new Status(State.STOPPED, String.valueOf(e.getMessage())));
            LOG.warn("Background warming stopped: {}; audio will be made on request", e.getMessage());
        } catch (InterruptedException e) {
            status.set(new Status(State.STOPPED, "interrupted"));
            Thread.currentThread().interrupt();
        }
    }
}
