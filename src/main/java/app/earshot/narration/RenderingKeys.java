package app.earshot.narration;

import app.earshot.audio.LoudnessNormaliser;
import app.earshot.audio.Mp3;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.speech.SpeechScript;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import app.earshot.store.ArtifactStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Names every narration rendering in the artifact store without making it: a key hashes everything that changes the
 * sound (the engine that speaks the voice and its version, voice, rate, pitch, spoken words, format version), so editing one section re-makes only it, and a
 * key computed from one {@link Voicing} names exactly what that voicing's synthesis makes.
 */
public final class RenderingKeys {
    /**
     * Bumped whenever the way clips are assembled changes, so old cache entries are not reused. Names the loudness
     * processing too, so changing it re-makes every clip once.
     */
    static final String FORMAT_VERSION = "narration-3:" + LoudnessNormaliser.ID;

    private final Synthesizer synthesizer;

    RenderingKeys(Synthesizer synthesizer) {
        this.synthesizer = synthesizer;
    }

    /** The key of the section's WAV (and its captions) at {@code speed}. */
    String section(Voicing voicing, Page page, Section section, Speed speed) {
        SpeechScript script = voicing.script(page, section);
        VoiceSettings v = voicing.voice(page, speed);
        return ArtifactStore.key("section", FORMAT_VERSION, synthesizer.engineId(v.voice()), v.voice(),
                Integer.toString(v.rateWpm()), Float.toString(v.pitchHz()), script.spoken(), script.text());
    }

    /**
     * The key of the section's MP3 at {@code speed}: it changes exactly when that MP3's bytes do, so renderings built
     * from the MP3 (the talking book) can be keyed by it.
     */
    public String sectionMp3(Voicing voicing, Page page, Section section, Speed speed) {
        return mp3(section(voicing, page, section, speed));
    }

    /** The key of the page's whole WAV at {@code speed}: {@code warm --shard} splits a library by it. */
    public String pageWav(Voicing voicing, Page page, Speed speed) {
        return page(page.sections().stream().map(s -> section(voicing, page, s, speed)).toList());
    }

    /** The key of a short prompt spoken with {@code voice}. */
    String prompt(VoiceSettings voice, SpeechScript script) {
        return ArtifactStore.key("prompt", FORMAT_VERSION, synthesizer.engineId(voice.voice()), voice.voice(),
                Integer.toString(voice.rateWpm()), Float.toString(voice.pitchHz()), script.spoken());
    }

    /** The key of the page WAV joined from sections with these keys. */
    static String page(List<String> sectionKeys) {
        List<String> parts = new ArrayList<>(List.of("page", FORMAT_VERSION, Double.toString(Clips.SECTION_PAUSE_SECONDS)));
        parts.addAll(sectionKeys);
        return ArtifactStore.key(parts.toArray(String[]::new));
    }

    /** The MP3 of a WAV: names the WAV and the encoder settings, so either changing makes a new one. */
    static String mp3(String wavKey) {
        return ArtifactStore.key("mp3", Mp3.FORMAT_ID, wavKey);
    }

    /**
     * The HLS segment plan of a page MP3 ({@code HlsSegments}): names the MP3, the digest of the very bytes the plan's
     * offsets point into (a key does not always name one sequence of bytes: eSpeak NG speaks a text differently each
     * time, so two origins on one cache can store two takes of one page MP3), and how segments are cut.
     */
    static String hlsPlan(String pageMp3Key, String pageMp3Digest) {
        return ArtifactStore.key("hls-plan", HLS_VERSION, pageMp3Key, pageMp3Digest);
    }

    /** HLS segment {@code n} of a page MP3 whose bytes have {@code pageMp3Digest}. */
    static String hlsSegment(String pageMp3Key, String pageMp3Digest, int n) {
        return ArtifactStore.key("hls-segment", HLS_VERSION, pageMp3Key, pageMp3Digest, Integer.toString(n));
    }

    /** Changes whenever the cutting or the tag before each segment changes. */
    private static final String HLS_VERSION = "hls-" + app.earshot.audio.HlsSegments.CUTTING_VERSION + ":" + app.earshot.audio.HlsSegments.TARGET_SECONDS + ":"
            + app.earshot.audio.HlsSegments.MAX_SECONDS + ":" + app.earshot.audio.HlsSegments.MIN_SECONDS;
}
