package app.earshot.narration;

import app.earshot.audio.ActiveSpeechLevel;
import app.earshot.store.ArtifactStore;
import app.earshot.store.Artifact;
import app.earshot.sound.Pcm;
import app.earshot.audio.Telephony;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.speech.Captions;
import app.earshot.speech.SentenceRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telephone renderings of the narration: each section (and each IVR prompt) as 8 kHz audio in every
 * {@link TelephoneFormat}, made from the cached 16 kHz clip by {@link Telephony#toNarrowband} and cached in turn.
 * A section longer than the part limit (5 minutes, Amazon Connect's cap) is split at sentence boundaries into
 * numbered parts. Cache keys derive from the 16 kHz clip's key, so a clip's URL version and ETag stay the same
 * while its sound does and change when it changes.
 */
public final class TelephoneAudio {
    /** Longest clip a phone platform is given (Amazon Connect rejects prompts over 5 minutes). */
    public static final double MAX_PART_SECONDS = 300;
    /** Bumped whenever conversion changes, so old cache entries are not reused. */
    static final String FORMAT_VERSION = "telephone-3:" + ActiveSpeechLevel.TELEPHONE_ID;

    private static final int WIDE = Telephony.WIDEBAND_RATE;

    private final Clips clips;
    private final Captioner captions;
    private final Prompts prompts;
    private final ArtifactStore cache;
    private final double maxPartSeconds;
    private final AtomicLong conversions = new AtomicLong();
    /**
     * Each section part's and prompt's version given out (in a phone document, TwiML or the API) for its place, and
     * what it was made from: a VoiceXML browser keeps a document for the whole call, so a clip it names must still play
     * after the clinic renames that section or removes its page, on this server after a restart or on another one on
     * the same cache. Notes in the store, not in this process.
     */
    private final GivenOut givenOut;

    /** Telephone audio for {@code narrator}'s clips, kept in its store, split at {@link #MAX_PART_SECONDS}. */
    public static TelephoneAudio of(Narrator narrator) {
        return of(narrator, MAX_PART_SECONDS);
    }

    /** As above with another part limit (tests use a short one to exercise splitting). */
    public static TelephoneAudio of(Narrator narrator, double maxPartSeconds) {
        return new TelephoneAudio(narrator.clips(), narrator.captions(), narrator.prompts(), narrator.store(), maxPartSeconds);
    }

    /** Telephone audio made from {@code clips} (split by {@code captions}) and {@code prompts}, kept in {@code store}. */
    public TelephoneAudio(Clips clips, Captioner captions, Prompts prompts, ArtifactStore store, double maxPartSeconds) {
        if (!(maxPartSeconds >= 1)) throw new IllegalArgumentException("part limit must be at least 1 s: " + maxPartSeconds);
        this.clips = clips;
        this.captions = captions;
        this.prompts = prompts;
        this.cache = store;
        this.maxPartSeconds = maxPartSeconds;
        this.givenOut = new GivenOut(store);
    }

    /**
     * One telephone clip of a section: the whole section, or one numbered part of a long one.
     *
     * @param number  1-based
     * @param count   parts the section is split into (1 when it is not split)
     * @param start   seconds into the 16 kHz clip where this part starts
     * @param end     seconds into the 16 kHz clip where it ends
     * @param version 16 hex digits that change exactly when this part's sound does (for cache-busting URLs)
     */
    public record Part(int number, int count, double start, double end, String version) {
        public double seconds() {
            return end - start;
        }
    }

    public double maxPartSeconds() {
        return maxPartSeconds;
    }

    /** The parts {@code section} is played in, in order; synthesizes the section if it is not cached. */
    public List<Part> parts(Voicing v, Page page, Section section) {
        Clip wide = clips.sectionWav(v, page, section, Speed.NORMAL);
        List<Part> parts = new ArrayList<>();
        List<int[]> spans = spans(v, wide, page, section);
        for (int i = 0; i < spans.size(); i++) {
            int[] s = spans.get(i);
            parts.add(new Part(i + 1, spans.size(), s[0] / (double) WIDE, s[1] / (double) WIDE,
                    published(page, section, i + 1, wide, s)));
        }
        return parts;
    }

    /**
     * Part {@code number} (1-based) of {@code section} in {@code format}, converted if not cached.
     *
     * @throws IllegalArgumentException if the section has no such part
     */
    public Clip section(Voicing v, Page page, Section section, int number, TelephoneFormat format) {
        Clips.Made made = clips.made(v, page, section, Speed.NORMAL);
        Clip wide = made.clip();
        List<int[]> spans = spans(v, wide, page, section);
        if (number < 1 || number > spans.size()) {
            throw new IllegalArgumentException("section '" + section.id() + "' has " + spans.size() + " part(s), not " + number);
        }
        return convert(wide, made.samples(), spans.get(number - 1), format);
    }

    /** A prompt spoken by Earshot's voice ({@link Prompts#prompt}) in {@code format}. */
    public Clip prompt(Voicing v, String words, TelephoneFormat format) {
        return prompt(v, words, "en", format);
    }

    /** A prompt in {@code language}, spoken by that language's voice ({@link Prompts#prompt(Voicing, String, String)}). */
    public Clip prompt(Voicing v, String words, String language, TelephoneFormat format) {
        Clip wide = prompts.prompt(v, words, language);
        return convert(wide, null, whole(wide), format);
    }

    /** The version of a prompt's telephone clips (as {@link Part#version()}); synthesizes it if not cached. */
    public String promptVersion(Voicing v, String words) {
        return promptVersion(v, words, "en");
    }

    /** As {@link #promptVersion(Voicing, String)} for a prompt in {@code language}. */
    public String promptVersion(Voicing v, String words, String language) {
        // Not remembered here: the prompt is keyed by the request's voice, so a voice or rate edit is heard at once.
        Clip wide = prompts.prompt(v, words, language);
        return version(wide, whole(wide));
    }

    /**
     * As {@link #promptVersion(Voicing, String, String)}, the version remembered as given out for {@code place} (the
     * prompt's path without its format, such as {@code /telephony/{slug}/prompts/menu}), so {@link #published(String,
     * String, TelephoneFormat)} finds it after the content changes.
     */
    public String promptVersion(Voicing v, String words, String language, String place) {
        Clip wide = prompts.prompt(v, words, language);
        return remembered(place, wide, whole(wide));
    }

    /**
     * The version of a prompt's telephone clip in {@code language} if it and its u-law WAV are already stored; never
     * makes either, so a phone line can say the words instead of waiting (and queue the clip with {@link #prompt}).
     */
    public Optional<String> readyPromptVersion(Voicing v, String words, String language, String place) {
        Optional<Clip> wide = prompts.stored(v, words, language);
        if (wide.isEmpty() || !stored(wide.get(), whole(wide.get()), TelephoneFormat.WAV_ULAW)) return Optional.empty();
        return Optional.of(remembered(place, wide.get(), whole(wide.get())));
    }

    /** The section's parts if its clip and every part's u-law WAV are already stored; never makes any. */
    public Optional<List<Part>> readyParts(Voicing v, Page page, Section section) {
        Clip wide;
        List<int[]> spans;
        try {
            wide = cache.storedOnly(() -> clips.sectionWav(v, page, section, Speed.NORMAL));
            spans = cache.storedOnly(() -> spans(v, wide, page, section));
        } catch (ArtifactStore.NotStored e) {
            return Optional.empty();
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            int[] s = spans.get(i);
            if (!stored(wide, s, TelephoneFormat.WAV_ULAW)) return Optional.empty();
            parts.add(new Part(i + 1, spans.size(), s[0] / (double) WIDE, s[1] / (double) WIDE, published(page, section, i + 1, wide, s)));
        }
        return Optional.of(parts);
    }

    /** The version of part {@code number} of {@code section}, remembered with where it came from. */
    private String published(Page page, Section section, int number, Clip wide, int[] span) {
        return remembered(sectionPlace(page.slug(), section.id(), number), wide, span);
    }

    /** The version of {@code span} of {@code wide}, noted in the store as given out for {@code place}. */
    private String remembered(String place, Clip wide, int[] span) {
        String version = version(wide, span);
        givenOut.note(new GivenOut.Note(place, version, wide.audio().key(), wide.audio().extension(), span[0], span[1]));
        return version;
    }

    /** What part {@code number} of a section's published versions are remembered for (its path, and the part). */
    public static String sectionPlace(String slug, String sectionId, int number) {
        return "/telephony/" + slug + "/" + sectionId + "#" + number;
    }

    /**
     * The clip given out as version {@code version} for {@code place} ({@link #sectionPlace}, or a prompt's as
     * {@link #promptVersion(Voicing, String, String, String)} was told), by this server or any other on the same store,
     * before or since a restart, in {@code format}, whatever the content says now (the section or page renamed, the
     * page removed): the stored telephone clip, else converted again from its stored 16 kHz clip. Never synthesizes.
     * Empty if no such version was given out for that place (or its note is gone, or names a clip this conversion does
     * not make), or neither clip is stored any longer.
     */
    public Optional<Clip> published(String version, String place, TelephoneFormat format) {
        Optional<GivenOut.Note> given = givenOut.of(place, version);
        if (given.isEmpty()) return Optional.empty();
        GivenOut.Note p = given.get();
        int[] span = {p.start(), p.end()};
        // A note whose clip and span are not what its version names (made by an older conversion) is not used.
        if (!version(p.wideKey(), span).equals(version)) return Optional.empty();
        Optional<Artifact> coded = cache.find(codedKey(p.wideKey(), span, format), format.wav() ? "wav" : format.extension());
        if (coded.isPresent()) return Optional.of(clip(coded.get(), format));
        return cache.find(p.wideKey(), p.wideExtension()).map(wide -> convert(wide, null, span, format));
    }

    private boolean stored(Clip wide, int[] span, TelephoneFormat format) {
        return cache.find(codedKey(wide, span, format), format.wav() ? "wav" : format.extension()).isPresent();
    }

    private static String codedKey(Clip wide, int[] span, TelephoneFormat format) {
        return codedKey(wide.audio().key(), span, format);
    }

    private static String codedKey(String wideKey, int[] span, TelephoneFormat format) {
        return ArtifactStore.key("telephone", FORMAT_VERSION, wideKey,
                Integer.toString(span[0]), Integer.toString(span[1]), format.id());
    }

    /** Conversions made (cache misses). */
    public long conversions() {
        return conversions.get();
    }

    /**
     * The telephone clip of {@code span} of {@code wide} in {@code format}, converted if not stored: from
     * {@code samples}, the wide clip's samples when this request just made it, else from its stored (verified) file.
     */
    private Clip convert(Clip wide, Pcm samples, int[] span, TelephoneFormat format) {
        return convert(wide.audio(), samples, span, format);
    }

    private Clip convert(Artifact wide, Pcm samples, int[] span, TelephoneFormat format) {
        String key = codedKey(wide.key(), span, format);
        // One step from the 16 kHz clip to the served bytes, and one cache write: no intermediate file, because
        // writing and re-reading one costs more than running the filter again for another codec.
        Artifact coded = cache.get(key, format.wav() ? "wav" : format.extension(), () -> counted(() -> {
            // The part is filtered straight from the whole clip's samples, or from its stored file's bytes: no copy of
            // the 16 kHz samples is made on the way.
            Pcm filtered = samples != null ? Telephony.toNarrowband(samples, span[0], span[1]) : narrowband(wide, span);
            // Telephone networks want speech at their own level (P.56 active level), not at podcast loudness.
            Pcm narrow = ActiveSpeechLevel.telephone(filtered);
            return format.wav() ? Telephony.wav(narrow, format.codec()) : Telephony.raw(narrow, format.codec());
        }));
        return clip(coded, format);
    }

    private static Clip clip(Artifact coded, TelephoneFormat format) {
        double seconds = format.wav() ? seconds(coded) : coded.size() / (double) Telephony.RATE;
        return new Clip(coded, format.mediaType(), seconds);
    }

    /** The version of a part: a hash of the 16 kHz clip's key and the span, the same for every format. */
    private static String version(Clip wide, int[] span) {
        return version(wide.audio().key(), span);
    }

    private static String version(String wideKey, int[] span) {
        return ArtifactStore.key("telephone", FORMAT_VERSION, "version", wideKey,
                Integer.toString(span[0]), Integer.toString(span[1])).substring(0, 16);
    }

    /** Sample ranges [start, end) of the 16 kHz clip, one per part. */
    private List<int[]> spans(Voicing v, Clip wide, Page page, Section section) {
        int samples = (int) Math.round(wide.seconds() * WIDE);
        if (wide.seconds() <= maxPartSeconds) return List.of(new int[]{0, samples});
        return split(samples, captions.sectionCues(v, page, section, Speed.NORMAL), maxPartSeconds);
    }

    private static int[] whole(Clip wide) {
        return new int[]{0, (int) Math.round(wide.seconds() * WIDE)};
    }

    /**
     * Cuts {@code samples} of 16 kHz audio into spans of at most {@code maxSeconds}. Each cut lies in the pause
     * between two caption cues, preferring the last pause after a sentence that still fits, then the last pause
     * between any cues, and only as a last resort (one unbroken phrase longer than the limit) at the limit itself.
     * Cuts fall on even samples, so the 8 kHz parts together are exactly as long as the 8 kHz whole.
     */
    static List<int[]> split(int samples, List<Captions.Cue> cues, double maxSeconds) {
        int limit = (int) Math.floor(maxSeconds * WIDE) & ~1;
        List<Integer> sentenceCuts = new ArrayList<>();
        List<Integer> cueCuts = new ArrayList<>();
        for (int i = 0; i + 1 < cues.size(); i++) {
            int cut = (int) Math.round((cues.get(i).end() + cues.get(i + 1).start()) / 2 * WIDE) & ~1;
            cueCuts.add(cut);
            if (SentenceRule.endsWithSentence(cues.get(i).text())) sentenceCuts.add(cut);
        }
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        while (samples - start > limit) {
            int cut = lastWithin(sentenceCuts, start, start + limit);
            if (cut < 0) cut = lastWithin(cueCuts, start, start + limit);
            if (cut < 0) cut = start + limit;
            spans.add(new int[]{start, cut});
            start = cut;
        }
        spans.add(new int[]{start, samples});
        return spans;
    }

    private static int lastWithin(List<Integer> cuts, int after, int atMost) {
        int best = -1;
        for (int cut : cuts) if (cut > after && cut <= atMost) best = cut;
        return best;
    }

    private byte[] counted(java.util.function.Supplier<byte[]> work) {
        byte[] made = work.get();
        conversions.incrementAndGet();
        return made;
    }

    private static Pcm narrowband(Artifact wav, int[] span) {
        try {
            return Telephony.toNarrowband(wav.readAllBytes(), span[0], span[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + wav.key(), e);
        }
    }

    private static double seconds(Artifact wav) {
        try {
            return wav.file().isPresent() ? Wav.inspect(wav.path()).seconds() : Wav.inspect(wav.readAllBytes()).seconds();
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + wav.key(), e);
        }
    }
}
