package app.earshot.narration;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.speech.Captions;
import app.earshot.store.Artifact;
import app.earshot.store.ArtifactStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Captions and chapters of the narration: each section's cues (stored beside its clip, timed by the synthesizer's word
 * timings) and, per page, the sections' cues laid out on the whole-page clip's timeline, as WebVTT.
 */
public final class Captioner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Captions.Cue>> CUES = new TypeReference<>() {};

    private final Recorder recorder;
    private final ArtifactStore store;
    private final RenderingKeys keys;
    private final Clips clips;

    Captioner(Recorder recorder, ArtifactStore store, RenderingKeys keys, Clips clips) {
        this.recorder = recorder;
        this.store = store;
        this.keys = keys;
        this.clips = clips;
    }

    /** The section's caption cues at {@code speed} (seconds from the start of its clip), synthesizing if needed. */
    public List<Captions.Cue> sectionCues(Voicing v, Page page, Section section, Speed speed) {
        String key = keys.section(v, page, section, speed);
        Artifact cues = store.get(key, "cues.json", () -> recorder.section(v.script(page, section), v.voice(page, speed), Clips.SECTION_PAUSE_SECONDS).cues());
        try {
            return JSON.readValue(cues.readAllBytes(), CUES);
        } catch (IOException e) {
            throw new UncheckedIOException("cached captions " + key, e);
        }
    }

    /** The store's check of a ".cues.json" file: a well-formed list of cues; anything else is an {@link IOException}. */
    public static void checkCues(java.nio.file.Path file) throws IOException {
        try {
            JSON.readValue(file.toFile(), CUES);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException("not valid captions JSON: " + e.getOriginalMessage());
        }
    }

    /** The section's caption cues at {@code speed} if they are stored already; never makes or waits for audio. */
    public java.util.Optional<List<Captions.Cue>> storedSectionCues(Voicing v, Page page, Section section, Speed speed) {
        return store.find(keys.section(v, page, section, speed), "cues.json").map(cues -> {
            try {
                return JSON.readValue(cues.readAllBytes(), CUES);
            } catch (IOException e) {
                throw new UncheckedIOException("cached captions " + cues.key(), e);
            }
        });
    }

    /** The section's captions at {@code speed} as WebVTT. */
    public String sectionVtt(Voicing v, Page page, Section section, Speed speed) {
        return Captions.webVtt(sectionCues(v, page, section, speed));
    }

    /** Captions for the whole-page clip at {@code speed}: each section's cues shifted to where the section starts. */
    public String pageVtt(Voicing v, Page page, Speed speed) {
        List<Clip> sections = clips.sectionClips(v, page, speed);
        List<List<Captions.Cue>> cues = new ArrayList<>();
        for (Section section : page.sections()) cues.add(sectionCues(v, page, section, speed));
        return PageCaptions.vtt(cues, sections.stream().map(Clip::seconds).toList(), Clips.SECTION_PAUSE_SECONDS);
    }

    /** WebVTT chapters for the whole-page clip at {@code speed}, one per section. */
    public String chaptersVtt(Voicing v, Page page, Speed speed) {
        List<Clip> sections = clips.sectionClips(v, page, speed);
        return PageCaptions.chapters(page, sections.stream().map(Clip::seconds).toList(), Clips.SECTION_PAUSE_SECONDS);
    }
}
