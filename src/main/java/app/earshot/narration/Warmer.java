package app.earshot.narration;

import app.earshot.content.Page;
import app.earshot.content.Site;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every page's normal-speed audio in the background after start-up or a reload (as background work of the
 * narration's {@link app.earshot.making.Maker}, behind every person), and remembers how the latest run went, so
 * {@code /healthz} can say that warming stopped and why.
 */
public final class Warmer {
    /** How the latest warming run went. */
    public enum State { IDLE, RUNNING, DONE, STOPPED }

    /** The state and, once stopped, the reason. */
    public record Status(State state, String reason) {}

    private static final Logger LOG = LoggerFactory.getLogger(Warmer.class);

    private final Narrator narrator;
    private final long delayMillis;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.IDLE, null));

    /** Warms with {@code narrator}, starting each run after {@code delayMillis} so start-up and first visitors go first. */
    public Warmer(Narrator narrator, long delayMillis) {
        this.narrator = narrator;
        this.delayMillis = delayMillis;
    }

    /**
     * Makes every file of {@code page} at the normal speed that is not yet stored: per section the WAV, captions
     * and MP3, then the whole page's WAV and MP3. Other speeds are made when first asked for.
     */
    public void page(Voicing v, Page page, Runnable afterEachSection) {
        if (narrator.noVoice(v, page).isPresent()) return; // served as text: nothing to make
        Clips clips = narrator.clips();
        for (app.earshot.content.Section section : page.sections()) {
            Clips.Made wav = clips.made(v, page, section, app.earshot.content.Speed.NORMAL);
            narrator.captions().sectionCues(v, page, section, app.earshot.content.Speed.NORMAL);
            clips.mp3(wav);
            afterEachSection.run();
        }
        clips.pageWav(v, page, app.earshot.content.Speed.NORMAL);
        clips.pageMp3(v, page, app.earshot.content.Speed.NORMAL);
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

    /** Warms {@code site} on the calling thread. */
    public void run(Voicing voicing, Site site) {
        long start = System.nanoTime();
        status.set(new Status(State.RUNNING, null));
        try {
            Thread.sleep(delayMillis);
            for (Page page : site.pages()) {
                if (narrator.maker().stopping()) {
                    status.set(new Status(State.STOPPED, "the server is stopping"));
                    return;
                }
                page(voicing, page, () -> {});
            }
            status.set(new Status(State.DONE, null));
            LOG.info("Audio ready for {} section(s) in {} s ({} synthesized, the rest from the cache)",
                    site.sectionCount(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9),
                    narrator.recorder().syntheses());
        } catch (RuntimeException e) {
            status.set(new Status(State.STOPPED, String.valueOf(e.getMessage())));
            LOG.warn("Background warming stopped: {}; audio will be made on request", e.getMessage());
        } catch (OutOfMemoryError e) {
            // A clip too long for this heap: what it held is garbage now, so the server goes on; warming does not.
            status.set(new Status(State.STOPPED, "out of memory"));
            LOG.warn("Background warming stopped: out of memory (raise the heap: JAVA_OPTS=-Xmx...); audio will be made on request");
        } catch (InterruptedException e) {
            status.set(new Status(State.STOPPED, "interrupted"));
            Thread.currentThread().interrupt();
        }
    }
}
