package app.earshot.content;

/**
 * Narration settings from {@code site.yaml}'s {@code speech} block.
 *
 * @param voice      FreeTTS voice name
 * @param rate       normal speaking rate, words per minute
 * @param pitch      baseline pitch in Hz
 * @param slowerRate the slower speaking rate, words per minute (below {@code rate})
 * @param fasterRate the faster speaking rate, words per minute (above {@code rate})
 * @param voices     the eSpeak NG voice chosen for a language other than English ({@code speech: voices: es: es}),
 *                   by lower-case language tag; a language not named here gets {@code speech/Voices}' choice
 */
public record SpeechSettings(String voice, int rate, float pitch, int slowerRate, int fasterRate, java.util.Map<String, String> voices) {
    /** Default rates: slower 120, normal 150, faster 190 words per minute. */
    public static final SpeechSettings DEFAULT = new SpeechSettings("kevin16", 150, 100f);

    public SpeechSettings {
        voices = java.util.Map.copyOf(voices);
    }

    /** Settings choosing no voice for any other language. */
    public SpeechSettings(String voice, int rate, float pitch, int slowerRate, int fasterRate) {
        this(voice, rate, pitch, slowerRate, fasterRate, java.util.Map.of());
    }

    /** Settings with the slower and faster rates in the default proportion to {@code rate} (120:150:190). */
    public SpeechSettings(String voice, int rate, float pitch) {
        this(voice, rate, pitch, defaultSlower(rate), defaultFaster(rate));
    }

    /** Words per minute at {@code speed}. */
    public int rate(Speed speed) {
        return switch (speed) {
            case SLOWER -> slowerRate;
            case NORMAL -> rate;
            case FASTER -> fasterRate;
        };
    }

    static int defaultSlower(int normal) {
        return Math.round(normal * 120f / 150f);
    }

    static int defaultFaster(int normal) {
        return Math.round(normal * 190f / 150f);
    }
}
