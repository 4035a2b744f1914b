package app.earshot.speech;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which engine speaks which language, in one place: English ({@code en}, {@code en-*}) is FreeTTS's, exactly as before
 * (same voice, same cache keys); every other language is eSpeak NG's. A synthesizer itself, it sends each script to
 * the engine its voice names, so the rest of the pipeline (loudness, MP3, telephone, captions) never asks which.
 *
 * <p>Spanish is eSpeak NG's {@code es-419} (Latin American Spanish), not {@code es} (Spain): most Spanish-speaking
 * patients in the United States speak a Latin American variety (seseo, "ustedes"), and US health services write for it.
 */
public final class Voices implements Synthesizer {
    /** Prefix of an eSpeak NG voice name in {@link VoiceSettings#voice()}, e.g. {@code espeak-ng:es-419}. */
    public static final String ESPEAK = "espeak-ng:";

    private final Synthesizer english;
    private final EspeakSynthesizer espeak;
    private final String missing;
    // Whether eSpeak NG has each voice asked about: asked once per voice, as the library does not change under us.
    private final java.util.Map<String, Boolean> known = new java.util.concurrent.ConcurrentHashMap<>();

    private Voices(Synthesizer english, EspeakSynthesizer espeak, String missing) {
        this.english = Objects.requireNonNull(english, "english");
        this.espeak = espeak;
        this.missing = missing;
    }

    /**
     * FreeTTS for English and eSpeak NG (loaded as {@link EspeakSynthesizer#open()} does) for the rest; without the
     * library, English still works and other languages have no voice.
     */
    public static Voices of(Synthesizer english) {
        try {
            return new Voices(english, EspeakSynthesizer.open(), null);
        } catch (SynthesisException e) {
            return new Voices(english, null, e.getMessage());
        }
    }

    /** The voice for {@code language}: {@code english} itself for English, else eSpeak NG's at the same rate and pitch. */
    public static VoiceSettings forLanguage(String language, VoiceSettings english) {
        return forLanguage(language, english, java.util.Map.of());
    }

    /**
     * As {@link #forLanguage(String, VoiceSettings)}, with the eSpeak NG voice the site chose for a language
     * ({@code speech: voices:} in site.yaml, by lower-case tag) where it chose one.
     */
    public static VoiceSettings forLanguage(String language, VoiceSettings english, java.util.Map<String, String> chosen) {
        if (app.earshot.content.Languages.isEnglish(language)) return english;
        return new VoiceSettings(ESPEAK + espeakVoice(language, chosen), english.rateWpm(), english.pitchHz());
    }

    /**
     * eSpeak NG's voice for a BCP 47 tag: the site's choice, else {@code es-419} for {@code es} (see the class
     * comment), else the tag as written.
     */
    static String espeakVoice(String language, java.util.Map<String, String> chosen) {
        String tag = language.toLowerCase(Locale.ROOT);
        String named = chosen.get(tag);
        if (named != null) return named;
        return tag.equals("es") ? "es-419" : tag;
    }

    @Override
    public Speech speak(String script, VoiceSettings voice) {
        if (!voice.voice().startsWith(ESPEAK)) return english.speak(script, voice);
        if (espeak == null) throw new SynthesisException("no voice '" + voice.voice() + "': " + missing);
        return espeak.speak(script, new VoiceSettings(voice.voice().substring(ESPEAK.length()), voice.rateWpm(), voice.pitchHz()));
    }

    /** FreeTTS's: the engine of the site's own voice. */
    @Override
    public String engineId() {
        return english.engineId();
    }

    @Override
    public String engineId(String voice) {
        if (!voice.startsWith(ESPEAK)) return english.engineId(voice);
        return espeak == null ? "espeak-ng-missing" : espeak.engineId();
    }

    @Override
    public Optional<String> unavailable(String voice) {
        if (!voice.startsWith(ESPEAK)) return english.unavailable(voice);
        if (espeak == null) return Optional.of(missing);
        String name = voice.substring(ESPEAK.length());
        return known.computeIfAbsent(name, espeak::hasVoice) ? Optional.empty()
                : Optional.of("eSpeak NG has no voice '" + name + "'");
    }

    /**
     * What {@code check} says of {@code language}: empty when it has a voice here, else why not and what to install
     * ("no voice for es: install espeak-ng ..."). Loads eSpeak NG only for a language that needs it.
     */
    public static Optional<String> missingVoice(String language) {
        return missingVoice(language, java.util.Map.of());
    }

    /** {@link #missingVoice(String)} of the voice the site chose for {@code language}, if it chose one. */
    public static Optional<String> missingVoice(String language, java.util.Map<String, String> chosen) {
        if (app.earshot.content.Languages.isEnglish(language)) return Optional.empty();
        String name = espeakVoice(language, chosen);
        try {
            return EspeakSynthesizer.open().hasVoice(name) ? Optional.empty()
                    : Optional.of("no voice for " + language + ": eSpeak NG has no voice '" + name + "'");
        } catch (SynthesisException e) {
            return Optional.of("no voice for " + language + ": " + e.getMessage());
        }
    }

    /** Closes FreeTTS; eSpeak NG's library stays loaded for the process. */
    @Override
    public void close() {
        english.close();
    }
}
