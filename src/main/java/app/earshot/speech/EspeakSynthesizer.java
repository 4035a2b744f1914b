package app.earshot.speech;

import app.earshot.sound.Pcm;
import app.earshot.sound.Resampler;
import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Speaks scripts with eSpeak NG's C library ({@code libespeak-ng.so.1}, Debian's {@code espeak-ng}) through JNA, for
 * every language FreeTTS cannot speak: 16 kHz mono PCM (resampled once from the library's own rate) and one true
 * {@link WordTiming} per written word, from the library's word events (text position, length, audio position).
 *
 * <p>The C library keeps one voice, one set of parameters and one callback for the whole process and is not
 * thread-safe, so every call into it holds one process-wide lock: syntheses run one at a time (eSpeak speaks about a
 * hundred times faster than real time, so the queue is short). Paragraphs are spoken one after another with
 * {@value FreeTtsSynthesizer#PARAGRAPH_PAUSE_SECONDS} s of silence between them, as FreeTTS's are.
 */
public final class EspeakSynthesizer implements Synthesizer {

    /** The library JNA loads unless the system property {@value #LIBRARY_PROPERTY} names another. */
    public static final String DEFAULT_LIBRARY = "libespeak-ng.so.1";
    /** Names the library file to load; a missing file simulates a machine without espeak-ng. */
    public static final String LIBRARY_PROPERTY = "earshot.espeak.library";

    static final int SAMPLE_RATE = 16_000;

    // espeak_AUDIO_OUTPUT, espeak_EVENT_TYPE, espeak_PARAMETER and flag values from speak_lib.h (API revision 12).
    private static final int AUDIO_OUTPUT_SYNCHRONOUS = 2;
    private static final int INITIALIZE_DONT_EXIT = 0x8000;
    private static final int POS_CHARACTER = 1;
    private static final int CHARS_UTF8 = 1;
    private static final int EVENT_LIST_TERMINATED = 0;
    private static final int EVENT_WORD = 1;
    private static final int EVENT_END = 5;
    private static final int EVENT_MSG_TERMINATED = 6;
    private static final int PARAMETER_RATE = 1;
    private static final int PARAMETER_PITCH = 3;
    private static final int NORMAL_RATE = 175; // espeakRATE_NORMAL
    // espeak_EVENT, field by field: type, unique_identifier, text_position, length, audio_position, sample (six
    // 4-byte ints, offsets 0-20), user_data (a pointer, at 24), then a union of int / const char* / char[8] (8 bytes,
    // pointer-aligned). 40 bytes on 64-bit.
    private static final int TEXT_POSITION = 8;
    private static final int LENGTH = 12;
    private static final int AUDIO_POSITION = 16;
    private static final int EVENT_SIZE = 24 + Native.POINTER_SIZE + 8;

    /** The C functions Earshot calls. */
    interface Espeak extends Library {
        int espeak_Initialize(int output, int buflength, String path, int options);

        void espeak_SetSynthCallback(SynthCallback callback);

        int espeak_SetVoiceByName(String name);

        int espeak_SetParameter(int parameter, int value, int relative);

        int espeak_Synth(Pointer text, NativeLong size, int position, int positionType, int endPosition, int flags,
                         Pointer uniqueIdentifier, Pointer userData);

        String espeak_Info(Pointer pathData);
    }

    /** {@code int SynthCallback(short *wav, int numsamples, espeak_EVENT *events)}. */
    interface SynthCallback extends Callback {
        int invoke(Pointer wav, int numSamples, Pointer events);
    }

    // The C library is one per process (one voice, one callback), so its lock and loaded state are too.
    private static final Object LOCK = new Object();
    private static Loaded loaded;

    private record Loaded(String name, Espeak library, int sampleRate, String version, Collector collector) {}

    private final Loaded engine;

    private EspeakSynthesizer(Loaded engine) {
        this.engine = engine;
    }

    /**
     * eSpeak NG from the library named by {@value #LIBRARY_PROPERTY} (or {@value #DEFAULT_LIBRARY}), initialised once
     * per process.
     *
     * @throws SynthesisException naming what to install when the library or its data cannot be loaded
     */
    public static EspeakSynthesizer open() {
        return open(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY));
    }

    static EspeakSynthesizer open(String libraryName) {
        synchronized (LOCK) {
            if (loaded == null || !loaded.name().equals(libraryName)) {
                Espeak library;
                try {
                    library = Native.load(libraryName, Espeak.class);
                } catch (UnsatisfiedLinkError e) {
                    throw new SynthesisException("install espeak-ng (apt-get install espeak-ng): its library " + libraryName
                            + " was not found", e);
                }
                int rate = library.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, null, INITIALIZE_DONT_EXIT);
                if (rate <= 0) throw new SynthesisException("install espeak-ng-data (apt-get install espeak-ng-data): eSpeak NG found no voice data");
                Collector collector = new Collector();
                library.espeak_SetSynthCallback(collector);
                loaded = new Loaded(libraryName, library, rate, library.espeak_Info(null), collector);
            }
            return new EspeakSynthesizer(loaded);
        }
    }

    /** The library's version, e.g. {@code 1.51}. */
    public String version() {
        return engine.version();
    }

    /** True if eSpeak NG has a voice by this name or language ({@code es-419}). */
    public boolean hasVoice(String name) {
        synchronized (LOCK) {
            return engine.library().espeak_SetVoiceByName(name) == 0;
        }
    }

    @Override
    public String engineId() {
        return "espeak-ng-" + engine.version() + "-v2";
    }

    /**
     * Speaks {@code script} with the eSpeak NG voice {@code settings.voice()} (a name or language, e.g. {@code es-419}),
     * at {@link #espeakRate} of {@code rateWpm} and a pitch of {@code pitchHz / 2} on eSpeak's 0-100 scale (100 Hz,
     * FreeTTS's baseline, is eSpeak's 50).
     *
     * @return 16 kHz mono audio and one timing per word eSpeak spoke, in order and inside the clip
     * @throws SynthesisException for an unknown voice or an engine failure
     */
    @Override
    public Speech speak(String script, VoiceSettings settings) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(settings, "settings");
        List<String> paragraphs = Paragraphs.of(script);
        List<short[]> audio = new ArrayList<>();
        List<WordTiming> words = new ArrayList<>();
        int rate = engine.sampleRate();
        long samples = 0;
        synchronized (LOCK) {
            Espeak lib = engine.library();
            if (lib.espeak_SetVoiceByName(settings.voice()) != 0) {
                throw new SynthesisException("eSpeak NG has no voice '" + settings.voice() + "'");
            }
            lib.espeak_SetParameter(PARAMETER_RATE, espeakRate(settings.rateWpm()), 0);
            lib.espeak_SetParameter(PARAMETER_PITCH, Math.max(0, Math.min(100, Math.round(settings.pitchHz() / 2))), 0);
            for (int i = 0; i < paragraphs.size(); i++) {
                if (samples > 0) {
                    short[] pause = new short[(int) Math.round(rate * FreeTtsSynthesizer.PARAGRAPH_PAUSE_SECONDS)];
                    audio.add(pause);
                    samples += pause.length;
                }
                String paragraph = paragraphs.get(i);
                Collector collector = engine.collector();
                collector.start();
                byte[] utf8 = paragraph.getBytes(StandardCharsets.UTF_8);
                Memory text = new Memory(utf8.length + 1L);
                text.write(0, utf8, 0, utf8.length);
                text.setByte(utf8.length, (byte) 0);
                int error = lib.espeak_Synth(text, new NativeLong(utf8.length + 1L), 0, POS_CHARACTER, 0, CHARS_UTF8, null, null);
                if (error != 0) throw new SynthesisException("eSpeak NG failed on paragraph " + (i + 1) + ": error " + error);
                words.addAll(timings(paragraph, collector.words(collector.samples.size() / (double) rate), samples / (double) rate));
                audio.add(collector.audio());
                samples += collector.samples.size();
            }
        }
        short[] all = new short[(int) samples];
        int at = 0;
        for (short[] part : audio) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        if (all.length == 0) return new Speech(Pcm.silence(SAMPLE_RATE, FreeTtsSynthesizer.PARAGRAPH_PAUSE_SECONDS), List.of());
        Pcm pcm = Resampler.to(new Pcm(rate, all), SAMPLE_RATE);
        double clip = pcm.seconds();
        return new Speech(pcm, words.stream()
                .map(w -> new WordTiming(w.token(), Math.min(w.start(), clip), Math.min(w.end(), clip))).toList());
    }

    /**
     * eSpeak NG's rate for a site rate: the site's normal 150 words per minute (FreeTTS's, heard at ~162) is eSpeak NG's
     * own normal, 175, and the other speeds scale with it; at 150 itself Spanish came out at 99-132 written words per
     * minute, slower than a patient hears from a person. Clamped to eSpeak NG's 80-450.
     */
    static int espeakRate(int siteWpm) {
        return Math.max(80, Math.min(450, (int) Math.round(siteWpm * NORMAL_RATE / 150.0)));
    }

    /**
     * One timing per written (whitespace-separated) word of {@code paragraph}: eSpeak reports a word event per spoken
     * word at its 1-based character position (code points), so "1960", said as three words, gives three events inside
     * one written word, which are joined. The token is the written word without its leading and trailing punctuation.
     */
    static List<WordTiming> timings(String paragraph, List<Collector.Word> spoken, double offset) {
        int[] codePoints = paragraph.codePoints().toArray();
        int[] wordOf = new int[codePoints.length + 1];
        List<String> written = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < codePoints.length; i++) {
            boolean space = Character.isWhitespace(codePoints[i]);
            if (space && current.length() > 0) {
                written.add(current.toString());
                current.setLength(0);
            }
            if (!space) current.appendCodePoint(codePoints[i]);
            wordOf[i] = space ? -1 : written.size();
        }
        if (current.length() > 0) written.add(current.toString());
        wordOf[codePoints.length] = -1;
        List<WordTiming> timings = new ArrayList<>();
        int last = -1;
        for (Collector.Word w : spoken) {
            int index = wordOf[Math.max(0, Math.min(w.position() - 1, codePoints.length))];
            if (index < 0 || index < last) continue;
            double start = round(offset + w.start());
            double end = round(offset + w.end());
            if (index == last) {
                WordTiming joined = timings.remove(timings.size() - 1);
                timings.add(new WordTiming(joined.token(), joined.start(), end));
            } else {
                timings.add(new WordTiming(bare(written.get(index)), start, end));
                last = index;
            }
        }
        return timings;
    }

    private static String bare(String word) {
        int from = 0;
        int to = word.length();
        while (from < to && !Character.isLetterOrDigit(word.codePointAt(from))) from += Character.charCount(word.codePointAt(from));
        while (to > from && !Character.isLetterOrDigit(word.codePointBefore(to))) to -= Character.charCount(word.codePointBefore(to));
        return from == to ? word : word.substring(from, to);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }

    /** Nothing to release: the library stays loaded for the life of the process (it cannot be unloaded safely). */
    @Override
    public void close() {}

    /** Collects one paragraph's samples and word events; called by the library on the thread inside espeak_Synth. */
    static final class Collector implements SynthCallback {
        record Word(int position, int length, double start, double end) {}

        private record Event(int type, int position, int length, double seconds) {}

        private final ShortList samples = new ShortList();
        private final List<Event> events = new ArrayList<>();

        void start() {
            samples.clear();
            events.clear();
        }

        @Override
        public int invoke(Pointer wav, int numSamples, Pointer list) {
            if (wav != null && numSamples > 0) samples.add(wav.getShortArray(0, numSamples));
            for (long at = 0; list != null; at += EVENT_SIZE) {
                int type = list.getInt(at);
                if (type == EVENT_LIST_TERMINATED) break;
                if (type == EVENT_WORD || type == EVENT_END || type == EVENT_MSG_TERMINATED) {
                    events.add(new Event(type, list.getInt(at + TEXT_POSITION), list.getInt(at + LENGTH),
                            list.getInt(at + AUDIO_POSITION) / 1000.0));
                }
            }
            return 0;
        }

        /** The words, each ending where the next word starts or its clause ends, the last at {@code clipEnd} at most. */
        List<Word> words(double clipEnd) {
            List<Word> words = new ArrayList<>();
            Event open = null;
            for (Event e : events) {
                if (open != null) {
                    words.add(new Word(open.position(), open.length(), open.seconds(), Math.min(clipEnd, Math.max(open.seconds(), e.seconds()))));
                    open = null;
                }
                if (e.type() == EVENT_WORD && e.length() > 0) open = e;
            }
            if (open != null) words.add(new Word(open.position(), open.length(), open.seconds(), clipEnd));
            return words;
        }

        short[] audio() {
            return samples.toArray();
        }
    }

    /** A growable array of samples without boxing. */
    private static final class ShortList {
        private short[] items = new short[1 << 16];
        private int size;

        void add(short[] more) {
            if (size + more.length > items.length) items = java.util.Arrays.copyOf(items, Math.max(items.length * 2, size + more.length));
            System.arraycopy(more, 0, items, size, more.length);
            size += more.length;
        }

        void clear() {
            size = 0;
        }

        int size() {
            return size;
        }

        short[] toArray() {
            return java.util.Arrays.copyOf(items, size);
        }
    }
}
