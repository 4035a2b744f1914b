package app.earshot.speech;

import app.earshot.sound.Pcm;
import com.sun.speech.freetts.Item;
import com.sun.speech.freetts.ItemContents;
import com.sun.speech.freetts.OutputQueue;
import com.sun.speech.freetts.ProcessException;
import com.sun.speech.freetts.Relation;
import com.sun.speech.freetts.Tokenizer;
import com.sun.speech.freetts.Utterance;
import com.sun.speech.freetts.UtteranceProcessor;
import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.CMULexicon;
import com.sun.speech.freetts.en.us.TokenToWords;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import com.sun.speech.freetts.lexicon.Lexicon;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
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
 * pool of voices so that each voice serves one thread at a time; the only class in Earshot that touches FreeTTS.
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
    // Endings FreeTTS splits off a word ("you've" -> "you" + "'ve") and says as their one consonant; never a guess.
    private static final Set<String> ENDINGS = Set.of("'s", "'ll", "'ve", "'d");

    private final int poolSize;
    private final Duration maxWait;
    private final Set<String> knownVoices;
    private final Map<String, VoicePool<PooledVoice>> pools = new HashMap<>();
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
        VoicePool<PooledVoice> pool = poolFor(settings.voice());
        List<String> paragraphs = Paragraphs.of(script);
        if (paragraphs.isEmpty()) return silence();

        PooledVoice voice = pool.borrow();
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
                String[] phones = PooledVoice.known(pooled.voice.getLexicon(), full, word);
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

    private <T> T withVoice(String name, java.util.function.Function<PooledVoice, T> use) {
        VoicePool<PooledVoice> pool = poolFor(name);
        PooledVoice voice = pool.borrow();
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
        List<VoicePool<PooledVoice>> toClose;
        synchronized (this) {
            closed = true;
            toClose = List.copyOf(pools.values());
        }
        toClose.forEach(VoicePool::close);
    }

    private synchronized VoicePool<PooledVoice> poolFor(String name) {
        if (closed) throw new IllegalStateException("synthesizer is closed");
        if (name != null && unusableVoices.containsKey(name)) throw new SynthesisException(unusableVoices.get(name));
        if (name == null || !knownVoices.contains(name)) {
            throw new SynthesisException("unknown voice '" + name + "'; FreeTTS here offers " + knownVoices
                    + " and Earshot needs a 16 kHz one such as kevin16");
        }
        return pools.computeIfAbsent(name, n -> new VoicePool<>(n + " voice", poolSize, maxWait,
                () -> allocate(n), PooledVoice::deallocate));
    }

    private PooledVoice allocate(String name) {
        Voice voice = Arrays.stream(new KevinVoiceDirectory().getVoices())
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new SynthesisException("voice '" + name + "' vanished from the FreeTTS directory"));
        PooledVoice pooled = new PooledVoice(voice);
        // Speaking once proves the voice works and tells us its format (only known after speaking); it also warms
        // up the JIT so the first real request is not the slow one.
        try {
            pooled.speak(List.of("Ready."), VoiceSettings.DEFAULT);
        } catch (RuntimeException e) {
            pooled.deallocate();
            throw e;
        }
        AudioFormat f = pooled.player.format;
        if (f == null || f.getSampleRate() != SAMPLE_RATE || f.getChannels() != 1 || f.getSampleSizeInBits() != 16) {
            pooled.deallocate();
            String reason = "voice '" + name + "' speaks " + (f == null ? "no audio" : f.getSampleRate() + " Hz "
                    + f.getSampleSizeInBits() + "-bit audio") + "; Earshot needs 16 kHz 16-bit mono, e.g. kevin16";
            unusableVoices.put(name, reason);
            throw new SynthesisException(reason);
        }
        return pooled;
    }

    private static Speech silence() {
        return new Speech(Pcm.silence(SAMPLE_RATE, PARAGRAPH_PAUSE_SECONDS), List.of());
    }

    /** One allocated voice with its own audio collector and timing recorder; used by one thread at a time. */
    private static final class PooledVoice implements UtteranceProcessor {
        private static final Object ALLOCATION = new Object();
        private final Voice voice;
        private final CollectingPlayer player = new CollectingPlayer();
        private final List<WordTiming> timings = new ArrayList<>();

        PooledVoice(Voice voice) {
            this.voice = voice;
            voice.setAudioPlayer(player);
            try {
                // FreeTTS's allocation fills shared static tables (seen: IndexOutOfBoundsException when warm allocated
                // two voices at once), so voices are allocated one at a time in the whole JVM; speaking stays parallel.
                synchronized (ALLOCATION) {
                    voice.allocate();
                }
            } catch (RuntimeException | Error e) {
                throw new SynthesisException("FreeTTS could not allocate voice '" + voice.getName() + "': " + e, e);
            }
            // allocate() starts an output thread that writes audio while the next utterance is processed. Running
            // output on the caller's thread instead means our processor (last in the chain) sees exactly the audio
            // written before its utterance, which is the offset word timings need; it also saves a thread per voice.
            OutputQueue queue = voice.getOutputQueue();
            voice.setOutputQueue(null);
            if (queue != null) queue.close();
            voice.getUtteranceProcessors().add(this);
        }

        Speech speak(List<String> paragraphs, VoiceSettings settings) {
            player.startClip();
            timings.clear();
            // Voices are reused across requests, so every request sets both again.
            voice.setRate(settings.rateWpm());
            voice.setPitch(settings.pitchHz());
            for (int i = 0; i < paragraphs.size(); i++) {
                // Only between heard paragraphs: a silent first paragraph ("—") must not delay the speech.
                if (player.seconds() > 0) player.writeSilence(PARAGRAPH_PAUSE_SECONDS);
                boolean ok;
                try {
                    ok = voice.speak(paragraphs.get(i));
                } catch (RuntimeException e) {
                    throw new SynthesisException("FreeTTS failed on paragraph " + (i + 1) + ": " + e, e);
                }
                if (!ok) {
                    throw new SynthesisException("FreeTTS could not speak paragraph " + (i + 1) + " of "
                            + paragraphs.size());
                }
            }
            Pcm audio = player.pcm();
            if (audio.length() == 0) return silence();
            double clip = audio.seconds();
            // The voice keeps part of its closing pause, so clamping is a guard, not a correction.
            List<WordTiming> inside = timings.stream()
                    .map(t -> new WordTiming(t.token(), Math.min(t.start(), clip), Math.min(t.end(), clip)))
                    .toList();
            return new Speech(audio, inside);
        }

        /**
         * Records token timings for one utterance. Runs after FreeTTS has computed segment durations and just before
         * the utterance's audio is written, so the audio collected so far is this utterance's offset in the clip.
         * FreeTTS reports times from segment {@code end} features; the audio it writes per utterance is ~0.1 s
         * shorter than the last segment end (the closing pause is cut), so summing {@code end} values would drift.
         */
        @Override
        public void processUtterance(Utterance utterance) {
            Relation words = utterance.getRelation(Relation.WORD);
            if (words == null) return;
            double offset = player.seconds();
            ItemContents token = null;
            String text = null;
            double start = 0;
            double end = 0;
            for (Item word = words.getHead(); word != null; word = word.getNext()) {
                Item structure = word.getItemAs(Relation.SYLLABLE_STRUCTURE);
                Item firstSyllable = structure == null ? null : structure.getDaughter();
                Item lastSyllable = structure == null ? null : structure.getLastDaughter();
                Item firstSegment = firstSyllable == null ? null : firstSyllable.getDaughter();
                Item lastSegment = lastSyllable == null ? null : lastSyllable.getLastDaughter();
                Item inTokens = word.getItemAs(Relation.TOKEN);
                Item wordToken = inTokens == null ? null : inTokens.getParent();
                // Words with no sound (a lone dash) have no segments; they get no timing.
                if (firstSegment == null || lastSegment == null || wordToken == null) continue;

                Item before = firstSegment.getItemAs(Relation.SEGMENT).getPrevious();
                double wordStart = before == null ? 0 : before.getFeatures().getFloat("end");
                double wordEnd = lastSegment.getFeatures().getFloat("end");
                // "2019" is spoken as three words that share one token: extend rather than add a timing.
                if (wordToken.getSharedContents() == token) {
                    end = wordEnd;
                    continue;
                }
                if (token != null) timings.add(timing(text, offset + start, offset + end));
                token = wordToken.getSharedContents();
                text = wordToken.getFeatures().getString("name");
                start = wordStart;
                end = wordEnd;
            }
            if (token != null) timings.add(timing(text, offset + start, offset + end));
        }

        /** Rounded to the microsecond so FreeTTS's float noise (0.20000000298) does not leak into APIs. */
        private static WordTiming timing(String token, double start, double end) {
            return new WordTiming(token, Math.round(start * 1e6) / 1e6, Math.round(end * 1e6) / 1e6);
        }

        /** Phones of {@code word} from the voice's lexicon or the full dictionary, never from letter-to-sound rules. */
        static String[] known(Lexicon voiceLexicon, Lexicon full, String word) {
            String[] phones = voiceLexicon.getPhones(word, null, false);
            return phones != null ? phones : full.getPhones(word, null, false);
        }

        List<Pronouncer.Token> pronounce(String text, Lexicon full) {
            Tokenizer tokenizer = voice.getTokenizer();
            tokenizer.setInputText(text);
            List<com.sun.speech.freetts.Token> tokens = new ArrayList<>();
            while (tokenizer.hasMoreTokens()) {
                com.sun.speech.freetts.Token token = tokenizer.getNextToken();
                if (token != null && token.getWord() != null && !token.getWord().isEmpty()) tokens.add(token);
            }
            if (tokens.isEmpty()) return List.of();
            Utterance utterance = new Utterance(voice, tokens);
            try {
                for (Object processor : voice.getUtteranceProcessors()) {
                    ((UtteranceProcessor) processor).processUtterance(utterance);
                    if (processor instanceof TokenToWords) break;
                }
            } catch (ProcessException | RuntimeException e) {
                throw new SynthesisException("FreeTTS could not read \"" + text + "\": " + e, e);
            }
            Lexicon lexicon = voice.getLexicon();
            List<Pronouncer.Token> out = new ArrayList<>();
            Item currentToken = null;
            List<Pronouncer.Word> words = new ArrayList<>();
            Relation wordRelation = utterance.getRelation(Relation.WORD);
            for (Item word = wordRelation == null ? null : wordRelation.getHead(); word != null; word = word.getNext()) {
                Item inTokens = word.getItemAs(Relation.TOKEN);
                Item token = inTokens == null ? null : inTokens.getParent();
                if (token != currentToken && currentToken != null) {
                    out.add(new Pronouncer.Token(currentToken.toString(), words));
                    words = new ArrayList<>();
                }
                currentToken = token;
                String name = word.toString();
                // The voice says what its own lexicon (or failing that, its rules) gives, even for a word only the full
                // dictionary knows: flite dropped such words because the rules say them the same way.
                String[] phones = lexicon.getPhones(name, null, true);
                boolean knownWord = known(lexicon, full, name) != null || ENDINGS.contains(name);
                words.add(new Pronouncer.Word(name, phones == null ? List.of() : Arrays.asList(phones), knownWord));
            }
            if (currentToken != null) out.add(new Pronouncer.Token(currentToken.toString(), words));
            return out;
        }

        void deallocate() {
            voice.deallocate();
        }
    }

    /**
     * Collects the voice's audio in memory. FreeTTS's own players need a sound device (and hang headless) or pad each
     * utterance with silence; this one keeps exactly what the voice wrote. Calls arrive on the speaking thread only.
     */
    private static final class CollectingPlayer implements AudioPlayer {
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private AudioFormat format;

        void startClip() {
            // A fresh buffer per clip, so one long request does not pin its memory in an idle voice.
            bytes = new ByteArrayOutputStream();
        }

        double seconds() {
            return format == null ? 0 : bytes.size() / (double) format.getFrameSize() / format.getSampleRate();
        }

        void writeSilence(double seconds) {
            if (format == null) return;
            int frames = (int) Math.round(seconds * format.getSampleRate());
            bytes.writeBytes(new byte[frames * format.getFrameSize()]);
        }

        Pcm pcm() {
            byte[] raw = bytes.toByteArray();
            short[] samples = new short[raw.length / 2];
            boolean bigEndian = format == null || format.isBigEndian();
            for (int i = 0; i < samples.length; i++) {
                int hi = bigEndian ? raw[2 * i] : raw[2 * i + 1];
                int lo = bigEndian ? raw[2 * i + 1] : raw[2 * i];
                samples[i] = (short) ((hi << 8) | (lo & 0xff));
            }
            return new Pcm(SAMPLE_RATE, samples);
        }

        @Override public void setAudioFormat(AudioFormat format) { this.format = format; }
        @Override public AudioFormat getAudioFormat() { return format; }
        @Override public boolean write(byte[] audio) { return write(audio, 0, audio.length); }
        @Override public boolean write(byte[] audio, int offset, int length) {
            bytes.write(audio, offset, length);
            return true;
        }
        // FreeTTS calls reset() at the start of every speak(); the clip spans several speaks, so it must not clear.
        @Override public void reset() {}
        @Override public void pause() {}
        @Override public void resume() {}
        @Override public boolean drain() { return true; }
        @Override public void begin(int size) {}
        @Override public boolean end() { return true; }
        @Override public void cancel() {}
        @Override public void close() {}
        @Override public float getVolume() { return 1f; }
        @Override public void setVolume(float volume) {}
        @Override public long getTime() { return 0; }
        @Override public void resetTime() {}
        @Override public void startFirstSampleTimer() {}
        @Override public void showMetrics() {}
    }
}
