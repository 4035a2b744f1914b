package app.earshot.narration;

import app.earshot.store.ArtifactStore;
import app.earshot.store.Artifact;
import app.earshot.audio.LoudnessNormaliser;
import app.earshot.audio.Mp3;
import app.earshot.sound.Pcm;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.content.SpeechSettings;
import app.earshot.speech.Captions;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.SpeechScript;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Finds or makes every spoken rendering of the content in the artifact store: a clip (WAV and MP3) and captions per
 * section, and per page the sections joined with pauses, captions and chapters; each at the three {@link Speed}s.
 * Methods without a speed mean {@link Speed#NORMAL}. Its one job is naming renderings: keys hash everything that
 * changes the sound (so editing one section re-synthesizes only it) and come from one {@link Voicing} per call;
 * {@link Recorder} makes the bytes and {@link PageCaptions} lays out a page's timeline.
 * Synthesis failures surface as {@link app.earshot.speech.SynthesisException}.
 */
public final class Narrator {
    /** Silence between sections in whole-page audio. */
    public static final double SECTION_PAUSE_SECONDS = 0.8;
    /**
     * Bumped whenever the way clips are assembled changes, so old cache entries are not reused. Names the loudness
     * processing too, so changing it re-makes every clip once.
     */
    static final String FORMAT_VERSION = "narration-2:" + LoudnessNormaliser.ID;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Captions.Cue>> CUES = new TypeReference<>() {};

    private final Recorder recorder;
    private final ArtifactStore cache;
    // Swapped whole by reconfigure() when the lexicon or site.yaml's speech settings are edited; every public method
    // reads it once, so the key it computes and the synthesis it runs come from the same settings.
    private final AtomicReference<Voicing> voicing = new AtomicReference<>();

    public Narrator(Synthesizer synthesizer, ArtifactStore cache, ScriptWriter writer, SpeechSettings speech) {
        this.recorder = new Recorder(synthesizer);
        this.cache = cache;
        reconfigure(writer, speech);
    }

    /**
     * Uses a new script writer (lexicon) and voice settings from now on, after a content reload. Clips already
     * cached stay valid: their keys hold everything that shaped them, so only what now sounds different is made again.
     */
    public void reconfigure(ScriptWriter writer, SpeechSettings speech) {
        voicing.set(new Voicing(writer, speech));
    }

    /** How the content is spoken now; read it once per request and pass it on. */
    public Voicing voicing() {
        return voicing.get();
    }

    /** How scripts are written now (normaliser, acronyms, lexicon); replaced when the content is reloaded. */
    public ScriptWriter scriptWriter() {
        return voicing.get().writer();
    }

    /** What is said for {@code section}. */
    public SpeechScript script(Page page, Section section) {
        return voicing.get().script(page, section);
    }

    /** The paragraphs of {@link #script}, each with the block of the section it was made from. */
    public List<ScriptWriter.Passage> passages(Page page, Section section) {
        return voicing.get().passages(page, section);
    }

    /**
     * The cache key of the section's MP3 at {@code speed}, computed without synthesizing: it changes exactly when
     * that MP3's bytes do, so renderings built from the MP3 can be keyed by it.
     */
    public String sectionMp3Key(Page page, Section section, Speed speed) {
        return mp3Key(sectionKey(voicing.get(), page, section, speed));
    }

    /**
     * The cache key of the page's whole WAV at {@code speed}, computed without synthesizing: {@code warm --shard}
     * splits a library by it (it covers every section of the page).
     */
    public String pageWavKey(Page page, Speed speed) {
        Voicing now = voicing.get();
        return pageKey(page.sections().stream().map(s -> sectionKey(now, page, s, speed)).toList());
    }

    /** The section's clip: 16 kHz 16-bit mono PCM WAV, synthesized if not cached. */
    public Clip sectionWav(Page page, Section section) {
        return sectionWav(page, section, Speed.NORMAL);
    }

    /** The section's clip at {@code speed}: 16 kHz 16-bit mono PCM WAV, synthesized if not cached. */
    public Clip sectionWav(Page page, Section section, Speed speed) {
        return sectionWav(voicing.get(), page, section, speed);
    }

    private Clip sectionWav(Voicing v, Page page, Section section, Speed speed) {
        String key = sectionKey(v, page, section, speed);
        Artifact wav = cache.get(key, "wav", () -> {
            Recorder.Recorded rendered = recorder.section(v.script(page, section), v.voice(speed));
            // One synthesis gives the captions too: keep them, so asking for them later is a hit.
            cache.get(key, "cues.json", rendered::cues);
            return rendered.wav();
        });
        return new Clip(wav, Format.WAV.mediaType(), seconds(wav));
    }

    /** The section's clip at {@code speed} as MP3, encoded from its WAV (made first if need be). */
    public Clip sectionMp3(Page page, Section section, Speed speed) {
        return mp3(sectionWav(voicing.get(), page, section, speed));
    }

    /** The section's clip at {@code speed} in {@code format}. */
    public Clip section(Page page, Section section, Speed speed, Format format) {
        Clip wav = sectionWav(voicing.get(), page, section, speed);
        return format == Format.MP3 ? mp3(wav) : wav;
    }

    /** The section's captions as WebVTT, timed by the synthesizer's word timings. */
    public String sectionVtt(Page page, Section section) {
        return sectionVtt(page, section, Speed.NORMAL);
    }

    /** The section's captions at {@code speed} as WebVTT. */
    public String sectionVtt(Page page, Section section, Speed speed) {
        return Captions.webVtt(sectionCues(voicing.get(), page, section, speed));
    }

    /** The whole page: every section in order with {@link #SECTION_PAUSE_SECONDS} between them. */
    public Clip pageWav(Page page) {
        return pageWav(page, Speed.NORMAL);
    }

    /** The whole page at {@code speed} as WAV. */
    public Clip pageWav(Page page, Speed speed) {
        return pageWav(voicing.get(), page, speed);
    }

    private Clip pageWav(Voicing v, Page page, Speed speed) {
        List<Clip> sections = sectionClips(v, page, speed);
        String key = pageKey(page, sections);
        // Written piece by piece from the section files: a long page (or a slow speed) is never one array in memory.
        List<Artifact> parts = sections.stream().map(Clip::audio).toList();
        Artifact wav = cache.get(key, "wav", (ArtifactStore.Writer) out -> recorder.page(parts, SECTION_PAUSE_SECONDS, out));
        return new Clip(wav, Format.WAV.mediaType(), seconds(wav));
    }

    /** The whole page at {@code speed} as MP3, encoded from the page's WAV. */
    public Clip pageMp3(Page page, Speed speed) {
        return mp3(pageWav(voicing.get(), page, speed));
    }

    /** The whole page at {@code speed} in {@code format}. */
    public Clip page(Page page, Speed speed, Format format) {
        Clip wav = pageWav(voicing.get(), page, speed);
        return format == Format.MP3 ? mp3(wav) : wav;
    }

    /** Captions for the whole-page clip: each section's cues shifted to where the section starts. */
    public String pageVtt(Page page) {
        return pageVtt(page, Speed.NORMAL);
    }

    /** Captions for the whole-page clip at {@code speed}. */
    public String pageVtt(Page page, Speed speed) {
        Voicing v = voicing.get();
        List<Clip> clips = sectionClips(v, page, speed);
        List<List<Captions.Cue>> cues = new ArrayList<>();
        for (Section section : page.sections()) cues.add(sectionCues(v, page, section, speed));
        return PageCaptions.vtt(cues, clips.stream().map(Clip::seconds).toList(), SECTION_PAUSE_SECONDS);
    }

    /** WebVTT chapters for the whole-page clip, one per section. */
    public String chaptersVtt(Page page) {
        return chaptersVtt(page, Speed.NORMAL);
    }

    /** WebVTT chapters for the whole-page clip at {@code speed}. */
    public String chaptersVtt(Page page, Speed speed) {
        List<Clip> clips = sectionClips(voicing.get(), page, speed);
        return PageCaptions.chapters(page, clips.stream().map(Clip::seconds).toList(), SECTION_PAUSE_SECONDS);
    }

    /** Size and length of the section's clip at {@code speed} in {@code format} if already cached; never synthesizes. */
    public Optional<ClipFacts> cachedFacts(Page page, Section section, Speed speed, Format format) {
        return facts(sectionKey(voicing.get(), page, section, speed), format);
    }

    /** Size and length of the page's clip at {@code speed} in {@code format} if already cached; never synthesizes. */
    public Optional<ClipFacts> cachedFacts(Page page, Speed speed, Format format) {
        Voicing v = voicing.get();
        List<String> keys = new ArrayList<>();
        for (Section s : page.sections()) {
            String key = sectionKey(v, page, s, speed);
            if (cache.find(key, "wav").isEmpty()) return Optional.empty();
            keys.add(key);
        }
        return facts(pageKey(keys), format);
    }

    /**
     * Makes every file of {@code page} at the normal speed that is not yet cached: per section the WAV, captions
     * and MP3, then the whole page's WAV and MP3. Other speeds are made when first asked for.
     */
    public void warm(Page page, Runnable afterEachSection) {
        Voicing v = voicing.get();
        for (Section section : page.sections()) {
            Clip wav = sectionWav(v, page, section, Speed.NORMAL);
            sectionCues(v, page, section, Speed.NORMAL);
            mp3(wav);
            afterEachSection.run();
        }
        mp3(pageWav(v, page, Speed.NORMAL));
    }

    /** True if the section's clip, captions and MP3 at the normal speed are all stored and unchanged; never makes any. */
    public boolean ready(Page page, Section section) {
        String key = sectionKey(voicing.get(), page, section, Speed.NORMAL);
        return cache.contains(key, "wav") && cache.contains(key, "cues.json") && cache.contains(mp3Key(key), "mp3");
    }

    /** Sections and prompts synthesized by this process. */
    public long syntheses() {
        return recorder.syntheses();
    }

    /** Wall-clock seconds spent synthesizing. */
    public double synthesisSeconds() {
        return recorder.synthesisSeconds();
    }

    /** Wall-clock seconds spent encoding MP3. */
    public double mp3EncodeSeconds() {
        return recorder.mp3EncodeSeconds();
    }

    /** The artifact store the narration is kept in (for wiring the parts that share it). */
    public ArtifactStore store() {
        return cache;
    }

    /** Byte size and playing time of a clip. */
    public record ClipFacts(long size, double seconds) {}

    /**
     * A short prompt spoken by Earshot's own voice (IVR menus, "not an option", goodbye), cached like
     * sections so that a phone platform never needs its own text-to-speech.
     */
    public Clip prompt(String words) {
        Voicing v = voicing.get();
        VoiceSettings voice = v.promptVoice();
        SpeechScript script = v.prompt(words);
        Artifact wav = cache.get(promptKey(voice, script), "wav", () -> recorder.prompt(script, voice));
        return new Clip(wav, "audio/wav", seconds(wav));
    }

    /** The prompt's clip if it is already stored; never synthesizes (the phone line says the words meanwhile). */
    public Optional<Clip> cachedPrompt(String words) {
        Voicing v = voicing.get();
        return cache.find(promptKey(v.promptVoice(), v.prompt(words)), "wav").map(wav -> new Clip(wav, "audio/wav", seconds(wav)));
    }

    /** The section's normal-speed clip if it is already stored; never synthesizes. */
    public Optional<Clip> cachedSectionWav(Page page, Section section) {
        return cache.find(sectionKey(voicing.get(), page, section, Speed.NORMAL), "wav")
                .map(wav -> new Clip(wav, Format.WAV.mediaType(), seconds(wav)));
    }

    private String promptKey(VoiceSettings voice, SpeechScript script) {
        return ArtifactStore.key("prompt", FORMAT_VERSION, recorder.engineId(), voice.voice(),
                Integer.toString(voice.rateWpm()), Float.toString(voice.pitchHz()), script.spoken());
    }

    /** The section's caption cues (times in seconds from the start of its clip), synthesizing if needed. */
    public List<Captions.Cue> sectionCues(Page page, Section section) {
        return sectionCues(page, section, Speed.NORMAL);
    }

    /** The section's caption cues at {@code speed}. */
    public List<Captions.Cue> sectionCues(Page page, Section section, Speed speed) {
        return sectionCues(voicing.get(), page, section, speed);
    }

    private List<Captions.Cue> sectionCues(Voicing v, Page page, Section section, Speed speed) {
        String key = sectionKey(v, page, section, speed);
        Artifact cues = cache.get(key, "cues.json", () -> recorder.section(v.script(page, section), v.voice(speed)).cues());
        try {
            return JSON.readValue(cues.readAllBytes(), CUES);
        } catch (IOException e) {
            throw new UncheckedIOException("cached captions " + key, e);
        }
    }

    private List<Clip> sectionClips(Voicing v, Page page, Speed speed) {
        List<Clip> clips = new ArrayList<>();
        for (Section section : page.sections()) clips.add(sectionWav(v, page, section, speed));
        return clips;
    }

    /** The MP3 of a cached WAV; its key names the WAV and the encoder settings, so either changing makes a new one. */
    private Clip mp3(Clip wav) {
        Artifact mp3 = cache.get(mp3Key(wav.audio().key()), Format.MP3.extension(), () -> recorder.mp3(decode(wav.audio())));
        return new Clip(mp3, Format.MP3.mediaType(), mp3Seconds(mp3));
    }

    private static String mp3Key(String wavKey) {
        return ArtifactStore.key("mp3", Mp3.FORMAT_ID, wavKey);
    }

    private String sectionKey(Voicing voicing, Page page, Section section, Speed speed) {
        SpeechScript script = voicing.script(page, section);
        VoiceSettings v = voicing.voice(speed);
        return ArtifactStore.key("section", FORMAT_VERSION, recorder.engineId(), v.voice(),
                Integer.toString(v.rateWpm()), Float.toString(v.pitchHz()), script.spoken(), script.text());
    }

    private String pageKey(Page page, List<Clip> sections) {
        return pageKey(sections.stream().map(c -> c.audio().key()).toList());
    }

    private static String pageKey(List<String> sectionKeys) {
        List<String> parts = new ArrayList<>(List.of("page", FORMAT_VERSION, Double.toString(SECTION_PAUSE_SECONDS)));
        parts.addAll(sectionKeys);
        return ArtifactStore.key(parts.toArray(String[]::new));
    }

    private Optional<ClipFacts> facts(String wavKey, Format format) {
        Optional<Artifact> found = format == Format.MP3 ? cache.find(mp3Key(wavKey), "mp3") : cache.find(wavKey, "wav");
        return found.map(a -> new ClipFacts(a.size(), format == Format.MP3 ? mp3Seconds(a) : seconds(a)));
    }

    private static double mp3Seconds(Artifact mp3) {
        try {
            return mp3.file().isPresent() ? Mp3.inspect(mp3.path()).seconds() : Mp3.inspect(mp3.readAllBytes()).seconds();
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + mp3.key(), e);
        }
    }

    private static double seconds(Artifact wav) {
        try {
            return wav.file().isPresent() ? Wav.inspect(wav.path()).seconds() : Wav.inspect(wav.readAllBytes()).seconds();
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + wav.key(), e);
        }
    }

    private static Pcm decode(Artifact wav) {
        try {
            return Wav.decode(wav.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + wav.key(), e);
        }
    }
}
