package app.earshot.narration;

import app.earshot.audio.AudioCache;
import app.earshot.audio.CachedAudio;
import app.earshot.audio.Pcm;
import app.earshot.audio.Wav;
import app.earshot.audio.WavInfo;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.SpeechSettings;
import app.earshot.speech.Captions;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.Speech;
import app.earshot.speech.SpeechScript;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes every spoken rendering of the content on demand and keeps it in the audio cache: a clip and
 * captions per section, and per page the sections joined with pauses, captions and chapters.
 * Cache keys hash everything that changes the sound, so editing one section re-synthesizes only it.
 * Synthesis failures surface as {@link app.earshot.speech.SynthesisException}.
 */
public final class Narrator {
    /** Silence between sections in whole-page audio. */
    public static final double SECTION_PAUSE_SECONDS = 0.8;
    /** Bumped whenever the way clips are assembled changes, so old cache entries are not reused. */
    static final String FORMAT_VERSION = "narration-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Captions.Cue>> CUES = new TypeReference<>() {};

    private final Synthesizer synthesizer;
    private final AudioCache cache;
    private final ScriptWriter writer;
    private final VoiceSettings voice;
    private final AtomicLong syntheses = new AtomicLong();
    // Scripts depend only on the page title and the section's content; content records compare by value.
    private final Map<ScriptId, SpeechScript> scripts = new ConcurrentHashMap<>();

    private record ScriptId(String pageTitle, Section section) {}
    private final AtomicLong synthesisNanos = new AtomicLong();

    public Narrator(Synthesizer synthesizer, AudioCache cache, ScriptWriter writer, SpeechSettings speech) {
        this.synthesizer = synthesizer;
        this.cache = cache;
        this.writer = writer;
        this.voice = new VoiceSettings(speech.voice(), speech.rate(), speech.pitch());
    }

    /** What is said for {@code section}. */
    public SpeechScript script(Page page, Section section) {
        return writer.section(page, section);
    }

    /** The section's clip: 16 kHz 16-bit mono PCM WAV, synthesized if not cached. */
    public Clip sectionWav(Page page, Section section) {
        String key = sectionKey(page, section);
        CachedAudio wav = cache.get(key, "wav", () -> {
            Rendered rendered = synthesize(page, section);
            // One synthesis gives the captions too: keep them, so asking for them later is a hit.
            cache.get(key, "cues.json", () -> rendered.cues);
            return rendered.wav;
        });
        return new Clip(wav, "audio/wav", seconds(wav));
    }

    /** The section's captions as WebVTT, timed by the synthesizer's word timings. */
    public String sectionVtt(Page page, Section section) {
        return Captions.webVtt(sectionCues(page, section));
    }

    /** The whole page: every section in order with {@link #SECTION_PAUSE_SECONDS} between them. */
    public Clip pageWav(Page page) {
        List<Clip> sections = sectionClips(page);
        String key = pageKey(page, sections);
        CachedAudio wav = cache.get(key, "wav", () -> {
            List<Pcm> parts = new ArrayList<>();
            for (Clip clip : sections) {
                if (!parts.isEmpty()) parts.add(Pcm.silence(16000, SECTION_PAUSE_SECONDS));
                parts.add(decode(clip.audio()));
            }
            return Wav.encode(Pcm.concat(parts));
        });
        return new Clip(wav, "audio/wav", seconds(wav));
    }

    /** Captions for the whole-page clip: each section's cues shifted to where the section starts. */
    public String pageVtt(Page page) {
        List<Clip> clips = sectionClips(page);
        List<Captions.Cue> all = new ArrayList<>();
        double start = 0;
        for (int i = 0; i < clips.size(); i++) {
            for (Captions.Cue cue : sectionCues(page, page.sections().get(i))) {
                all.add(new Captions.Cue(cue.start() + start, cue.end() + start, cue.text()));
            }
            start += clips.get(i).seconds() + SECTION_PAUSE_SECONDS;
        }
        return Captions.webVtt(all);
    }

    /** WebVTT chapters for the whole-page clip, one per section. */
    public String chaptersVtt(Page page) {
        List<Clip> clips = sectionClips(page);
        List<Captions.Chapter> chapters = new ArrayList<>();
        double start = 0;
        for (int i = 0; i < clips.size(); i++) {
            double end = start + clips.get(i).seconds();
            Section section = page.sections().get(i);
            chapters.add(new Captions.Chapter(section.introduction() ? page.title() : section.heading(), start, end));
            start = end + SECTION_PAUSE_SECONDS;
        }
        return Captions.chapters(chapters);
    }

    /** Size and length of the section's clip if it is already cached; never synthesizes. */
    public Optional<ClipFacts> cachedFacts(Page page, Section section) {
        return facts(cache.pathFor(sectionKey(page, section), "wav"));
    }

    /** Size and length of the page's clip if it and all its sections are already cached; never synthesizes. */
    public Optional<ClipFacts> cachedFacts(Page page) {
        List<String> keys = new ArrayList<>();
        for (Section s : page.sections()) {
            Path file = cache.pathFor(sectionKey(page, s), "wav");
            if (!Files.isRegularFile(file)) return Optional.empty();
            keys.add(sectionKey(page, s));
        }
        return facts(cache.pathFor(pageKey(keys), "wav"));
    }

    /** Makes every clip and caption file of {@code page} that is not yet cached. */
    public void warm(Page page, Runnable afterEachSection) {
        for (Section section : page.sections()) {
            sectionWav(page, section);
            sectionCues(page, section);
            afterEachSection.run();
        }
        pageWav(page);
    }

    public long syntheses() {
        return syntheses.get();
    }

    public double synthesisSeconds() {
        return synthesisNanos.get() / 1e9;
    }

    public AudioCache cache() {
        return cache;
    }

    /** Byte size and playing time of a clip. */
    public record ClipFacts(long size, double seconds) {}

    /**
     * A short prompt spoken by Earshot's own voice (IVR menus, "not an option", goodbye), cached like
     * sections so that a phone platform never needs its own text-to-speech.
     */
    public Clip prompt(String words) {
        SpeechScript script = writer.prompt(words);
        String key = AudioCache.key("prompt", FORMAT_VERSION, synthesizer.engineId(), voice.voice(),
                Integer.toString(voice.rateWpm()), Float.toString(voice.pitchHz()), script.spoken());
        CachedAudio wav = cache.get(key, "wav", () -> {
            long start = System.nanoTime();
            Speech speech = synthesizer.speak(script.spoken(), voice);
            synthesisNanos.addAndGet(System.nanoTime() - start);
            syntheses.incrementAndGet();
            return Wav.encode(speech.audio());
        });
        return new Clip(wav, "audio/wav", seconds(wav));
    }

    /** The section's caption cues (times in seconds from the start of its clip), synthesizing if needed. */
    public List<Captions.Cue> sectionCues(Page page, Section section) {
        String key = sectionKey(page, section);
        CachedAudio cues = cache.get(key, "cues.json", () -> synthesize(page, section).cues);
        try {
            return JSON.readValue(cues.readAllBytes(), CUES);
        } catch (IOException e) {
            throw new UncheckedIOException("cached captions " + key, e);
        }
    }

    private List<Clip> sectionClips(Page page) {
        List<Clip> clips = new ArrayList<>();
        for (Section section : page.sections()) clips.add(sectionWav(page, section));
        return clips;
    }

    private record Rendered(byte[] wav, byte[] cues) {}

    /** Speaks the section once, giving both its clip and its captions. */
    private Rendered synthesize(Page page, Section section) {
        SpeechScript script = script(page, section);
        long start = System.nanoTime();
        Speech speech = synthesizer.speak(script.spoken(), voice);
        synthesisNanos.addAndGet(System.nanoTime() - start);
        syntheses.incrementAndGet();
        byte[] wav = Wav.encode(speech.audio());
        byte[] cues;
        try {
            cues = JSON.writeValueAsString(Captions.cues(script, speech.words(), speech.audio().seconds()))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("captions could not be written", e);
        }
        return new Rendered(wav, cues);
    }

    private String sectionKey(Page page, Section section) {
        SpeechScript script = scripts.computeIfAbsent(new ScriptId(page.title(), section), id -> script(page, section));
        return AudioCache.key("section", FORMAT_VERSION, synthesizer.engineId(), voice.voice(),
                Integer.toString(voice.rateWpm()), Float.toString(voice.pitchHz()), script.spoken(), script.text());
    }

    private String pageKey(Page page, List<Clip> sections) {
        return pageKey(sections.stream().map(c -> c.audio().key()).toList());
    }

    private static String pageKey(List<String> sectionKeys) {
        List<String> parts = new ArrayList<>(List.of("page", FORMAT_VERSION, Double.toString(SECTION_PAUSE_SECONDS)));
        parts.addAll(sectionKeys);
        return AudioCache.key(parts.toArray(String[]::new));
    }

    private static Optional<ClipFacts> facts(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            WavInfo info = Wav.inspect(file);
            return Optional.of(new ClipFacts(Files.size(file), info.seconds()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static double seconds(CachedAudio wav) {
        try {
            return wav.file().isPresent() ? Wav.inspect(wav.path()).seconds() : Wav.inspect(wav.readAllBytes()).seconds();
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + wav.key(), e);
        }
    }

    private static Pcm decode(CachedAudio wav) {
        try {
            return Wav.decode(wav.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + wav.key(), e);
        }
    }
}
