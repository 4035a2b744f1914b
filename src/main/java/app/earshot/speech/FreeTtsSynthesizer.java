package app.earshot.speech;

import app.earshot.sound.Pcm;
import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.en.us.CMULexicon;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import com.sun.speech.freetts.lexicon.Lexicon;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sound.sampled.AudioFormat;

/**
 * Speaks scripts with FreeTTS's bundled 16 kHz voices into 16 kHz mono PCM plus one timing per written token, using a
 * pool of voices so that each voice serves one thread at a time. With {@link FreeTtsVoice} (one allocated voice) and
 * {@link FreeTtsPlayer} (its audio collector), the only classes in Earshot that touch FreeTTS.
 *
 * <p>Paragraphs (separated by blank lines) are spoken one after another with {@value #PARAGRAPH_PAUSE_SECONDS} s of
 * silence inserted between them, on top of the ~0.3 s the voice leaves between sentences. A blank script gives
 * {@value #PARAGRAPH_PAUSE_SECONDS} s of silence and no words (so callers always get a playable clip).
 */
public final class FreeTtsSynthesizer implements Synthesizer, Pronouncer {

    /** Bump the suffix whenever what we do around FreeTTS (pauses, timing rules) changes the output. */
    public static final String ENGINE_ID = "freetts-1.2.2/kevin16-v1";

    /** Silence added between paragraphs so a listener hears the break. */
    public static final double PARAGRAPH_PAUSE_SECONDS = 0.4;

    static final int SAMPLE_RATE = 16_000;
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private final int poolSize;
    private final Duration maxWait;
    private final Set<String> knownVoices;
    private final Map<String, VoicePool<FreeTtsVoice>> pools = new HashMap<>();
    private final Map<String, String> unusableVoices = new ConcurrentHashMap<>();
    private boolean closed;
    // The full CMU dictionary (105,000 words), loaded on first use by the pronunciation report and preview only
    // (check --speech on the bundled page: 4.8 s and 115 MB RSS, against 1.8 s and 61 MB for check).
    private Lexicon fullDictionary;

    /** One voice per available core, waiting up to 30 s for a free voice. */
    public FreeTtsSynthesizer() {
        this(Runtime.getRuntime().availableProcessors(), DEFAULT_WAIT);
    }

    /**
     * @param poolSize most voices of one name alive at once (each costs ~8 MB and ~0.4 s to allocate, on first need)
     * @param maxWait  how long a request waits for a free voice before failing with "synthesis pool busy"
     */
    public FreeTtsSynthesizer(int poolSize, Duration maxWait) {
        if (poolSize < 1) throw new IllegalArgumentException("pool size must be at least 1: " + poolSize);
        this.poolSize = poolSize;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.knownVoices = new TreeSet<>();
        for (Voice v : new KevinVoiceDirectory().getVoices()) knownVoices.add(v.getName());
    }

    /**
     * Speaks {@code script} with the voice, rate and pitch in {@code settings}.
     *
     * @return 16 kHz mono audio and one {@link WordTiming} per spoken token, in order and inside the clip
     * @throws SynthesisException       for an unknown or unsuitable voice, a busy pool or an engine failure
     * @throws IllegalArgumentException for a rate outside 1-999 wpm or a pitch that is not a positive number
     * @throws IllegalStateException    after {@link #close()}
     */
    @Override
    public Speech speak(String script, VoiceSettings settings) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(settings, "settings");
        // FreeTTS silently ignores rates outside (0, 1000); failing loudly beats speaking at a stale rate.
        if (settings.rateWpm() < 1 || settings.rateWpm() > 999) {
            throw new IllegalArgumentException("rate must be 1-999 words per minute: " + settings.rateWpm());
        }
        if (!(settings.pitchHz() > 0) || Float.isInfinite(settings.pitchHz())) {
            throw new IllegalArgumentException("pitch must be a positive number of Hz: " + settings.pitchHz());
        }
        VoicePool<FreeTtsVoice> pool = poolFor(settings.voice());
        List<String> paragraphs = Paragraphs.of(script);
        if (paragraphs.isEmpty()) return silence();

        FreeTtsVoice voice = pool.borrow();
        boolean healthy = false;
        try {
            Speech speech = voice.speak(paragraphs, settings);
            healthy = true;
            return speech;
        } finally {
            // A voice that failed mid-utterance may hold half-built state; replace it rather than reuse it.
            if (healthy) pool.release(voice); else pool.discard(voice);
        }
    }

    /**
     * How the voice says {@code text}, from its own tokenizer, token-to-words rules (numbers, Roman numerals, letters
     * of unpronounceable tokens) and lexicon, without making audio: a borrowed voice runs only the processors up to
     * token-to-words, then each word is looked up as the segmenter would.
     *
     * <p>A word counts as from the dictionary when the voice's lexicon has it or the full CMU dictionary bundled with
     * FreeTTS ({@code cmudict04}) does. The voice's own lexicon ({@code cmulex}, from flite) leaves out the ~40,000
     * words its letter-to-sound rules already say as the dictionary does ("spray", "percent"), so absence from it alone
     * would flag ordinary English; absence from both means the voice has never seen the word and is guessing.
     */
    @Override
    public List<Pronouncer.Token> pronounce(String text, String voice) {
        Objects.requireNonNull(text, "text");
        Lexicon full = fullDictionary();
        return withVoice(voice, pooled -> pooled.pronounce(text, full));
    }

    @Override
    public Map<String, List<String>> dictionaryPhones(java.util.Collection<String> words, String voice) {
        Lexicon full = fullDictionary();
        return withVoice(voice, pooled -> {
            Map<String, List<String>> known = new HashMap<>();
            for (String word : words) {
                String[] phones = FreeTtsVoice.known(pooled.lexicon(), full, word);
                if (phones != null) known.put(word, List.of(phones));
            }
            return known;
        });
    }

    private synchronized Lexicon fullDictionary() {
        if (fullDictionary == null) {
            try {
                CMULexicon lexicon = new CMULexicon("cmudict04", true);
                lexicon.load();
                fullDictionary = lexicon;
            } catch (java.io.IOException | RuntimeException e) {
                throw new SynthesisException("FreeTTS's CMU dictionary (cmudict04) could not be loaded: " + e, e);
            }
        }
        return fullDictionary;
    }

    private <T> T withVoice(String name, java.util.function.Function<FreeTtsVoice, T> use) {
        VoicePool<FreeTtsVoice> pool = poolFor(name);
        FreeTtsVoice voice = pool.borrow();
        boolean healthy = false;
        try {
            T result = use.apply(voice);
            healthy = true;
            return result;
        } finally {
            if (healthy) pool.release(voice); else pool.discard(voice);
        }
    }

    @Override
    public String engineId() {
        return ENGINE_ID;
    }

    /** Deallocates idle voices now and busy ones as their requests finish; later calls to speak fail. */
    @Override
    public void close() {
        List<VoicePool<FreeTtsVoice>> toClose;
        synchronized (this) {
            closed = true;
            toClose = List.copyOf(pools.values());
        }
        toClose.forEach(VoicePool::close);
    }

    private synchronized VoicePool<FreeTtsVoice> poolFor(String name) {
        if (closed) throw new IllegalStateException("synthesizer is closed");
        if (name != null && unusableVoices.containsKey(name)) throw new SynthesisException(unusableVoices.get(name));
        if (name == null || !knownVoices.contains(name)) {
            throw new SynthesisException("unknown voice '" + name + "'; FreeTTS here offers " + knownVoices
                    + " and Earshot needs a 16 kHz one such as kevin16");
        }
        return pools.computeIfAbsent(name, n -> new VoicePool<>(n + " voice", poolSize, maxWait,
                () -> allocate(n), FreeTtsVoice::deallocate));
    }

    private FreeTtsVoice allocate(String name) {
        Voice voice = Arrays.stream(new KevinVoiceDirectory().getVoices())
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new SynthesisException("voice '" + name + "' vanished from the FreeTTS directory"));
        FreeTtsVoice pooled = new FreeTtsVoice(voice);
        // Speaking once proves the voice works and tells us its format (only known after speaking); it also warms
        // up the JIT so the first real request is not the slow one.
        try {
            pooled.speak(List.of("Ready."), VoiceSettings.DEFAULT);
        } catch (RuntimeException e) {
            pooled.deallocate();
            throw e;
        }
        AudioFormat f = pooled.format();
        if (f == null || f.getSampleRate() != SAMPLE_RATE || f.getChannels() != 1 || f.getSampleSizeInBits() != 16) {
            pooled.deallocate();
            String reason = "voice '" + name + "' speaks " + (f == null ? "no audio" : f.getSampleRate() + " Hz "
                    + f.getSampleSizeInBits() + "-bit audio") + "; Earshot needs 16 kHz 16-bit mono, e.g. kevin16";
            unusableVoices.put(name, reason);
            throw new SynthesisException(reason);
        }
        return pooled;
    }

    static Speech silence() {
        return new Speech(Pcm.silence(SAMPLE_RATE, PARAGRAPH_PAUSE_SECONDS), List.of());
    }
}
