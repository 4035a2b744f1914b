package app.earshot.narration;

import app.earshot.content.Page;
import app.earshot.content.Speed;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import app.earshot.store.ArtifactStore;

/**
 * The narration parts, wired once over one synthesizer and one artifact store: {@link Clips} (audio),
 * {@link Captioner} (captions and chapters), {@link Readiness} (what is stored), {@link Prompts} (IVR prompts),
 * {@link RenderingKeys} (names) and the {@link Recorder} that makes the bytes and counts what it did. Holds no
 * content: every part takes the request's {@link Voicing}.
 */
public record Narrator(ArtifactStore store, Recorder recorder, RenderingKeys keys, Clips clips, Captioner captions,
                       Readiness readiness, Prompts prompts, Synthesizer synthesizer) {

    /** The parts over {@code synthesizer}, keeping what they make in {@code store}. */
    public static Narrator of(Synthesizer synthesizer, ArtifactStore store) {
        Recorder recorder = new Recorder(synthesizer);
        RenderingKeys keys = new RenderingKeys(synthesizer);
        Clips clips = new Clips(recorder, store, keys);
        return new Narrator(store, recorder, keys, clips, new Captioner(recorder, store, keys, clips),
                new Readiness(store, keys), new Prompts(recorder, store, keys), synthesizer);
    }

    /**
     * Why {@code page} cannot be heard on this machine ("no voice for es: install espeak-ng ..."), or empty when its
     * language has a voice: a page without one is served as text, with no listen controls and no audio.
     */
    public java.util.Optional<String> noVoice(Voicing voicing, Page page) {
        return noVoice(page.language(), voicing.voice(page, Speed.NORMAL));
    }

    /** As above, for a language and its voice ({@code /healthz} asks for each language the site lists). */
    public java.util.Optional<String> noVoice(String language, VoiceSettings voice) {
        return synthesizer.unavailable(voice.voice()).map(why -> "no voice for " + language + ": " + why);
    }

    /** The one place that makes audio, which admits this narration's productions and runs its background work. */
    public app.earshot.making.Maker maker() {
        return store.maker();
    }
}
