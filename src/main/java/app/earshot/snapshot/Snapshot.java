package app.earshot.snapshot;

import app.earshot.content.Site;
import app.earshot.content.SpeechSettings;
import app.earshot.narration.Voicing;
import app.earshot.speech.Lexicon;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.SpeechNormalizer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything one load of {@code content/} decides, as one immutable value: the site (pages, settings, base URL), the
 * lexicon, and the voicing made from them (script writer and voices at each speed). A request reads one snapshot once
 * and passes it down, so the page it renders, the script it speaks, the cache key it computes and the synthesis that
 * key names all come from the same load. Per-load memos (the voicing's scripts, and any the site holds) live inside it
 * and are dropped with it.
 */
public final class Snapshot {
    private final Site site;
    private final Lexicon lexicon;
    private final Voicing voicing;
    // Values derived from this load alone (e.g. the authors' pronunciation reports), dropped with the snapshot.
    private final ConcurrentHashMap<String, Object> memos = new ConcurrentHashMap<>();

    private Snapshot(Site site, Lexicon lexicon, Voicing voicing) {
        this.site = site;
        this.lexicon = lexicon;
        this.voicing = voicing;
    }

    /** The snapshot of a loaded site and its lexicon; the voicing is made here, once per load. */
    public static Snapshot of(Site site, Lexicon lexicon) {
        return of(site, lexicon, java.util.List.of());
    }

    /** As above, with the lexicons of other languages ({@code lexicon.es.pls}) for pages in them. */
    public static Snapshot of(Site site, Lexicon lexicon, java.util.List<Lexicon> otherLexicons) {
        return new Snapshot(site, lexicon, new Voicing(new ScriptWriter(new SpeechNormalizer(), lexicon, otherLexicons), site.speech()));
    }

    /** Pages and site settings. */
    public Site site() {
        return site;
    }

    /** The pronunciation lexicon of this load. */
    public Lexicon lexicon() {
        return lexicon;
    }

    /** The speech settings of this load (voice, rates, pitch). */
    public SpeechSettings speech() {
        return site.speech();
    }

    /** The configured base URL, or empty when each request's Host is used. */
    public String baseUrl() {
        return site.baseUrl();
    }

    /**
     * The value {@code make} derives from this snapshot alone, made once per snapshot and key; a reload makes a new
     * snapshot, so nothing made here outlives the content it came from.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, Supplier<T> make) {
        Object made = memos.get(key);
        if (made == null) {
            made = make.get();
            Object raced = memos.putIfAbsent(key, made);
            if (raced != null) made = raced;
        }
        return (T) made;
    }

    /** How this load is spoken: its script writer and voices. */
    public Voicing voicing() {
        return voicing;
    }
}
