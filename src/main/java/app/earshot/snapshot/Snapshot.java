package app.earshot.snapshot;

import app.earshot.content.Site;
import app.earshot.messages.Catalogues;
import app.earshot.messages.Messages;
import app.earshot.content.SpeechSettings;
import app.earshot.narration.Voicing;
import app.earshot.speech.Lexicon;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.SpeechNormalizer;
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
    private final Catalogues messages;

    private Snapshot(Site site, Lexicon lexicon, Voicing voicing, Catalogues messages) {
        this.site = site;
        this.messages = messages;
        this.lexicon = lexicon;
        this.voicing = voicing;
    }

    /** The snapshot of a loaded site and its lexicon; the voicing is made here, once per load. */
    public static Snapshot of(Site site, Lexicon lexicon) {
        return of(site, lexicon, Catalogues.bundled());
    }

    /** As {@link #of(Site, Lexicon)}, with the interface words of this load (bundled and the site's own). */
    public static Snapshot of(Site site, Lexicon lexicon, Catalogues messages) {
        return of(site, lexicon, messages, java.util.List.of());
    }

    /** As above, with the lexicons of other languages ({@code lexicon.es.pls}) for pages in them. */
    public static Snapshot of(Site site, Lexicon lexicon, Catalogues messages, java.util.List<Lexicon> otherLexicons) {
        return new Snapshot(site, lexicon, new Voicing(new ScriptWriter(new SpeechNormalizer(), lexicon, otherLexicons), site.speech()),
                messages);
    }

    /** The interface words for {@code language} (a BCP 47 tag): its catalogue, else its primary language's, else English. */
    public Messages messages(String language) {
        return messages.forLanguage(language);
    }

    /** Every language's interface words in this load. */
    public Catalogues catalogues() {
        return messages;
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
     * The value {@code make} derives from this load alone, made once per load and key (by one thread while others
     * wait) in the site's {@link app.earshot.content.Memos}, the one memo mechanism; a reload makes a new site, so
     * nothing made here outlives the content it came from.
     */
    public <T> T memo(String key, Supplier<T> make) {
        return site.memos().get(key, make);
    }

    /** How this load is spoken: its script writer and voices. */
    public Voicing voicing() {
        return voicing;
    }
}
