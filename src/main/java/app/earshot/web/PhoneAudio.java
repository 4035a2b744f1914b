package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.narration.Captioner;
import app.earshot.narration.Voicing;
import app.earshot.store.ArtifactStore;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.TelephoneFormat;
import app.earshot.speech.Captions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone lines' only way to audio: a prompt's or a section's telephone clip when it is already stored, else
 * nothing at once (the line says the words instead) while the clip is queued to be made in the background, through
 * the production gate's patient mode, so a caller never waits for synthesis nor hears a 503. Every call the phone
 * lines make into the narration is here. Without a production limit ({@code export}, where every caller is
 * patient and the static copy must hold every clip) clips are made on request as before.
 */
final class PhoneAudio {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneAudio.class);
    /** Clips waiting to be made at most; more are not queued (the next call that needs them queues them again). */
    static final int MAX_QUEUED = 256;

    private final Captioner captions;
    private final ArtifactStore store;
    private final TelephoneAudio telephone;
    private final SpokenScripts scripts;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    // One background thread at most, gone when idle: clips are made one at a time, behind every request.
    private final ThreadPoolExecutor maker = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "earshot-phone-audio");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    PhoneAudio(Captioner captions, ArtifactStore store, TelephoneAudio telephone, SpokenScripts scripts) {
        this.captions = captions;
        this.store = store;
        this.telephone = telephone;
        this.scripts = scripts;
        maker.allowCoreThreadTimeOut(true);
    }

    /** The version of the prompt's clip if it is stored; else empty, and the clip is queued. */
    Optional<String> promptVersion(Voicing v, String words) {
        if (store.patient()) return Optional.of(telephone.promptVersion(v, words));
        Optional<String> version = telephone.readyPromptVersion(v, words);
        if (version.isEmpty()) queue("prompt:" + words, () -> telephone.prompt(v, words, TelephoneFormat.WAV_ULAW));
        return version;
    }

    /** The section's parts if every one is stored; else empty, and they are queued. */
    Optional<List<TelephoneAudio.Part>> parts(Voicing v, Page page, Section section) {
        if (store.patient()) return Optional.of(telephone.parts(v, page, section));
        Optional<List<TelephoneAudio.Part>> parts = telephone.readyParts(v, page, section);
        if (parts.isEmpty()) {
            queue("section:" + page.slug() + "/" + section.id() + ":" + scripts.spoken(v, page, section).hashCode(), () -> {
                for (TelephoneAudio.Part part : telephone.parts(v, page, section)) {
                    telephone.section(v, page, section, part.number(), TelephoneFormat.WAV_ULAW);
                }
            });
        }
        return parts;
    }

    /** What the whole section says (the words a platform's own voice reads while its clip is made). */
    String words(Voicing v, Page page, Section section) {
        return scripts.spoken(v, page, section);
    }

    /** What a part says: the whole spoken script, or for one part of a split section the captions inside it. */
    String words(Voicing v, Page page, Section section, TelephoneAudio.Part part) {
        if (part.count() == 1) return scripts.spoken(v, page, section);
        return captions.sectionCues(v, page, section, app.earshot.content.Speed.NORMAL).stream()
                .filter(c -> c.start() >= part.start() && c.start() < part.end())
                .map(Captions.Cue::text)
                .collect(Collectors.joining(" "));
    }

    /** Drops what is queued and waits (a little) for the clip being made: the server is stopping. */
    void close() {
        maker.shutdownNow();
        try {
            maker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void queue(String key, Runnable make) {
        if (queued.size() >= MAX_QUEUED || !queued.add(key)) return;
        try {
            maker.execute(() -> {
                try {
                    store.inBackground(make);
                } catch (RuntimeException e) {
                    LOG.warn("Could not make phone audio ({}): {}", key.length() > 80 ? key.substring(0, 80) : key, e.toString());
                } finally {
                    queued.remove(key);
                }
            });
        } catch (RuntimeException e) {
            queued.remove(key);
        }
    }
}
