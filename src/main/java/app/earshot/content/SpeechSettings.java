package app.earshot.content;

/**
 * Narration settings from {@code site.yaml}'s {@code speech} block.
 *
 * @param voice   FreeTTS voice name
 * @param rate    normal speaking rate, words per minute
 * @param pitch   baseline pitch in Hz
 */
public record SpeechSettings(String voice, int rate, float pitch) {
    public static final SpeechSettings DEFAULT = new SpeechSettings("kevin16", 150, 100f);
}
