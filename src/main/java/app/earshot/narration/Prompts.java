package app.earshot.narration;

import app.earshot.speech.SpeechScript;
import app.earshot.speech.VoiceSettings;
import app.earshot.store.Artifact;
import app.earshot.store.ArtifactStore;

/**
 * Short prompts spoken by Earshot's own voice (IVR menus, "not an option", goodbye, the authors' preview), stored like
 * sections so that a phone platform never needs its own text-to-speech.
 */
public final class Prompts {
    private final Recorder recorder;
    private final ArtifactStore store;
    private final RenderingKeys keys;

    Prompts(Recorder recorder, ArtifactStore store, RenderingKeys keys) {
        this.recorder = recorder;
        this.store = store;
        this.keys = keys;
    }

    /** {@code words} spoken with {@code v}'s prompt voice, as WAV. */
    public Clip prompt(Voicing v, String words) {
        VoiceSettings voice = v.promptVoice();
        SpeechScript script = v.prompt(words);
        Artifact wav = store.get(keys.prompt(voice, script), "wav", () -> recorder.prompt(script, voice));
        return new Clip(wav, Format.WAV.mediaType(), Clips.seconds(wav));
    }

    /**
     * {@code words} in {@code language}, spoken by that language's voice ({@link Voicing#promptVoice(String)}): English
     * as {@link #prompt(Voicing, String)}, same key; another language by its eSpeak NG voice, whose engine is in the key.
     */
    public Clip prompt(Voicing v, String words, String language) {
        VoiceSettings voice = v.promptVoice(language);
        SpeechScript script = v.prompt(words, language);
        Artifact wav = store.get(keys.prompt(voice, script), "wav", () -> recorder.prompt(script, voice));
        return new Clip(wav, Format.WAV.mediaType(), Clips.seconds(wav));
    }

    /** The prompt's clip if it is already stored; never synthesizes (a phone line says the words meanwhile). */
    public java.util.Optional<Clip> stored(Voicing v, String words) {
        return stored(v, words, "en");
    }

    /** As {@link #stored(Voicing, String)} for a prompt in {@code language}. */
    public java.util.Optional<Clip> stored(Voicing v, String words, String language) {
        return store.find(keys.prompt(v.promptVoice(language), v.prompt(words, language)), "wav")
                .map(wav -> new Clip(wav, Format.WAV.mediaType(), Clips.seconds(wav)));
    }
}
