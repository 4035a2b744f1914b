package app.earshot.narration;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Speed;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every page's normal-speed audio in the background after start-up or a reload (as background work of the
 * narration's {@link app.earshot.making.Maker}, behind every person), and remembers how the latest run went, so
 * {@code /healthz} can say that warming stopped and why. An item (a section, or a page's whole-page audio) that fails on
 * the disk (a cached file that cannot be read) is skipped, logged once, and tried again later, less often each time
 * ({@link #retryDelay}), until it is made: the rest of the library is warmed meanwhile.
 */
public final class Warmer {
    /** How the latest warming run went: {@code RETRYING} once it ended with items skipped, until they are made. */
    public enum State { IDLE, RUNNING, DONE, RETRYING, STOPPED }

    /**
     * The state; once stopped, the reason; while retrying, each skipped item ("page/section", or "page" for its
     * whole-page audio) with why, and when they are tried again.
     */
    public record Status(State state, String reason, Map<String, String> skipped, Instant nextTry) {
        Status(State state, String reason) {
            this(state, reason, Map.of(), null);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Warmer.class);
    /** The longest wait between two tries of skipped items. */
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

    private final Narrator narrator;
    private final long delayMillis;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.IDLE, null));
    // Each run (start-up, a reload) is a generation; a retry of an older one is dropped.
    private final AtomicLong generation = new AtomicLong();
    // The reason last logged per skipped item: a skip is logged once, not once per try.
    private final Map<String, String> logged = new ConcurrentHashMap<>();

    /** Warms with {@code narrator}, starting each run after {@code delayMillis} so start-up and first visitors go first. */
    public Warmer(Narrator narrator, long delayMillis) {
        this.narrator = narrator;
        this.delayMillis = delayMillis;
    }

    /**
     * Makes every file of {@code page} at the normal speed that is not yet stored: per section the WAV, captions
     * and MP3, then the whole page's WAV and MP3. Other speeds are made when first asked for. Any failure is thrown.
     */
    public void page(Voicing v, Page page, Runnable afterEachSection) {
        page(v, page, afterEachSection, (item, failure) -> {
            throw failure;
        });
    }

    private interface Skip {
        void skip(String item, RuntimeException failure);
    }

    /** As {@link #page(Voicing, Page, Runnable)}, giving each item's failure to {@code onFailure} and going on. */
    private void page(Voicing v, Page page, Runnable afterEachSection, Skip onFailure) {
        if (narrator.noVoice(v, page).isPresent()) return; // served as text: nothing to make
        Clips clips = narrator.clips();
        boolean allMade = true;
        for (Section section : page.sections()) {
            allMade &= item(page.slug() + "/" + section.id(), onFailure, () -> {
                Clips.Made wav = clips.made(v, page, section, Speed.NORMAL);
                narrator.captions().sectionCues(v, page, section, Speed.NORMAL);
                clips.mp3(wav);
            });
            afterEachSection.run();
        }
        // The whole page is made from its sections: with one skipped, it waits for the page's next try.
        if (allMade) {
            item(page.slug(), onFailure, () -> {
                clips.pageWav(v, page, Speed.NORMAL);
                clips.pageMp3(v, page, Speed.NORMAL);
            });
        }
    }

    /** Runs {@code work}; false if it failed and {@code onFailure} skipped it. */
    private static boolean item(String name, Skip onFailure, Runnable work) {
        try {
            work.run();
            return true;
        } catch (RuntimeException e) {
            onFailure.skip(name, e);
            return false;
        }
    }

    public Status status() {
        return status.get();
    }

    /**
     * Queues warming {@code site} as {@code voicing} speaks it on the maker's background thread; failures are
     * recorded and logged, never fatal. False if it could not be queued (the maker's queue is full or it is stopping).
     */
    public boolean start(Voicing voicing, Site site) {
        return narrator.maker().later("warm " + System.identityHashCode(site), () -> run(voicing, site));
    }

    /** Warms {@code site} on the calling thread; items skipped are tried again later on the maker's background thread. */
    public void run(Voicing voicing, Site site) {
        long run = generation.incrementAndGet();
        status.set(new Status(State.RUNNING, null));
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            status.set(new Status(State.STOPPED, "interrupted"));
            Thread.currentThread().interrupt();
            return;
        }
        warm(run, voicing, site, site.pages(), 0);
    }

    /** Warms {@code pages} of {@code site}; {@code tries} earlier runs of generation {@code run} skipped some of them. */
    private void warm(long run, Voicing voicing, Site site, List<Page> pages, int tries) {
        long start = System.nanoTime();
        long synthesesBefore = narrator.recorder().syntheses();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<Page> again = new ArrayList<>();
        try {
            for (Page page : pages) {
                if (narrator.maker().stopping() || generation.get() != run) {
                    if (generation.get() == run) status.set(new Status(State.STOPPED, "the server is stopping"));
                    return;
                }
                int before = skipped.size();
                page(voicing, page, () -> {}, (item, failure) -> skip(item, failure, skipped));
                if (skipped.size() > before) again.add(page);
            }
        } catch (RuntimeException e) {
            status.set(new Status(State.STOPPED, String.valueOf(e.getMessage())));
            LOG.warn("Background warming stopped: {}; audio will be made on request", e.getMessage());
            return;
        } catch (OutOfMemoryError e) {
            // A clip too long for this heap: what it held is garbage now, so the server goes on; warming does not.
            status.set(new Status(State.STOPPED, "out of memory"));
            LOG.warn("Background warming stopped: out of memory (raise the heap: JAVA_OPTS=-Xmx...); audio will be made on request");
            return;
        }
        logged.keySet().retainAll(skipped.keySet()); // an item made since is logged again if it fails again
        if (again.isEmpty()) {
            status.set(new Status(State.DONE, null));
            LOG.info("Audio ready for {} section(s) in {} s ({} synthesized, the rest from the cache)",
                    site.sectionCount(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9),
                    narrator.recorder().syntheses() - synthesesBefore);
            return;
        }
        Duration delay = retryDelay(tries);
        status.set(new Status(State.RETRYING, null, Map.copyOf(skipped), Instant.now().plus(delay)));
        retryLater(run, voicing, site, List.copyOf(again), tries + 1, delay);
    }

    /**
     * Tries {@code pages} again after {@code delay}, queued behind every person as warming is, on the maker's timer (a
     * server that stops drops the wait); a full queue is asked again after the same wait. A newer run drops it.
     */
    private void retryLater(long run, Voicing voicing, Site site, List<Page> pages, int tries, Duration delay) {
        narrator.maker().later(delay, "warm again " + System.identityHashCode(site), () -> {
            if (generation.get() == run) warm(run, voicing, site, pages, tries);
        });
    }

    /**
     * Records a skipped item; a failure that is not the disk's (the engine, a bug) is thrown, and stops the run as
     * before. Logged once per item and reason, with the file's place in the cache rather than the server's folders.
     */
    private void skip(String item, RuntimeException failure, Map<String, String> skipped) {
        if (!diskFault(failure)) throw failure;
        String why = describe(failure, narrator.store().root());
        skipped.put(item, why);
        if (!why.equals(logged.put(item, why))) {
            LOG.warn("Warming skipped {}: {}; it is tried again later, the rest is warmed meanwhile", item, why);
        }
    }

    /**
     * The wait before try {@code tries + 1} of skipped items: the system property {@code earshot.warm.retry} (an
     * ISO-8601 duration, 15 seconds by default), doubled after each try that fails again, at most
     * {@link #MAX_RETRY_DELAY} (or the property, if longer).
     */
    static Duration retryDelay(int tries) {
        Duration base = Duration.ofSeconds(15);
        String configured = System.getProperty("earshot.warm.retry");
        if (configured != null && !configured.isBlank()) {
            try {
                Duration parsed = Duration.parse(configured.strip());
                if (parsed.isNegative() || parsed.isZero()) throw new java.time.format.DateTimeParseException("not positive", configured, 0);
                base = parsed;
            } catch (java.time.format.DateTimeParseException e) {
                LOG.warn("earshot.warm.retry={} is not a positive duration such as PT15S; using 15 seconds", configured);
            }
        }
        Duration max = base.compareTo(MAX_RETRY_DELAY) > 0 ? base : MAX_RETRY_DELAY;
        Duration delay = base.multipliedBy(1L << Math.min(tries, 20));
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }

    /** True if the failure is the disk's: an I/O failure anywhere in its causes (an unreadable cached file, say). */
    static boolean diskFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) return true;
        }
        return false;
    }

    /**
     * Why an item failed, in words an operator can act on: a file's place relative to the cache ("cannot read
     * c9/c980...wav (permission denied)"), never the server's folders.
     */
    static String describe(Throwable failure, Path cacheRoot) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof app.earshot.store.Unreadable unreadable) return unreadable.getMessage();
            if (t instanceof FileSystemException fs && fs.getFile() != null) {
                Path file = Path.of(fs.getFile()).toAbsolutePath().normalize();
                String place = file.startsWith(cacheRoot) ? cacheRoot.relativize(file).toString() : String.valueOf(file.getFileName());
                String reason = t instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(fs.getReason());
                return "cannot read " + place + " (" + reason + ")";
            }
        }
        return String.valueOf(failure.getMessage()).replace(cacheRoot + "/", "");
    }
}
