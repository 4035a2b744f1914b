package app.earshot.speech;

/**
 * Everything about the voice that changes the sound: part of every audio cache key.
 *
 * @param voice   FreeTTS voice name, e.g. {@code kevin16}
 * @param rateWpm speaking rate in words per minute as passed to FreeTTS {@code setRate}
 * @param pitchHz baseline pitch in Hz as passed to FreeTTS {@code setPitch}
 */
public record VoiceSettings(String voice, int rateWpm, float pitchHz) {
    public static final VoiceSettings DEFAULT = new VoiceSettings("kevin16", 150, 100f);
}
