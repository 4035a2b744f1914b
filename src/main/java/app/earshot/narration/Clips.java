package app.earshot.narration;

import app.earshot.audio.Mp3;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.store.Artifact;
import app.earshot.store.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds or makes narration audio in the artifact store: each section's clip (WAV, and MP3 encoded from it) and each
 * page's clip (the sections joined with pauses), at every {@link Speed}. Every method takes the request's
 * {@link Voicing}, so the key it computes and the synthesis it runs come from one content load.
 * Synthesis failures surface as {@link app.earshot.speech.SynthesisException}.
 */
public final class Clips {
    /** Silence between sections in whole-page audio. */
    public static final double SECTION_PAUSE_SECONDS = 0.8;

    private final Recorder recorder;
    private final ArtifactStore store;
    private final RenderingKeys keys;

    Clips(Recorder recorder, ArtifactStore store, RenderingKeys keys) {
        this.recorder = recorder;
        this.store = store;
        this.keys = keys;
    }

    /** The section's clip at {@code speed}: 16 kHz 16-bit mono PCM WAV, synthesized if not stored. */
    public Clip sectionWav(Voicing v, Page page, Section section, Speed speed) {
        String key = keys.section(v, page, section, speed);
        Artifact wav = store.get(key, "wav", () -> {
            Recorder.Recorded rendered = recorder.section(v.script(page, section), v.voice(page, speed), SECTION_PAUSE_SECONDS);
            // One synthesis gives the captions too: keep them, so asking for them later is a hit.
            store.get(key, "cues.json", rendered::cues);
            return rendered.wav();
        });
        return new Clip(wav, Format.WAV.mediaType(), seconds(wav));
    }

    /** The section's clip at {@code speed} as MP3, encoded from its WAV (made first if need be). */
    public Clip sectionMp3(Voicing v, Page page, Section section, Speed speed) {
        return mp3(sectionWav(v, page, section, speed));
    }

    /** The section's clip at {@code speed} in {@code format}. */
    public Clip section(Voicing v, Page page, Section section, Speed speed, Format format) {
        Clip wav = sectionWav(v, page, section, speed);
        return format == Format.MP3 ? mp3(wav) : wav;
    }

    /** The whole page at {@code speed} as WAV: every section in order with {@link #SECTION_PAUSE_SECONDS} between them. */
    public Clip pageWav(Voicing v, Page page, Speed speed) {
        List<Clip> sections = sectionClips(v, page, speed);
        String key = RenderingKeys.page(sections.stream().map(c -> c.audio().key()).toList());
        // Written piece by piece from the section files: a long page (or a slow speed) is never one array in memory.
        List<Artifact> parts = sections.stream().map(Clip::audio).toList();
        Artifact wav = store.get(key, "wav", (ArtifactStore.Writer) out -> recorder.page(parts, SECTION_PAUSE_SECONDS, out));
        return new Clip(wav, Format.WAV.mediaType(), seconds(wav));
    }

    /**
     * The whole page at {@code speed} as MP3: the sections' own MP3 frames with pauses between them (made first if
     * need be), so nothing is encoded twice, the page's WAV is not needed and no request holds the page's samples.
     * Keyed as the MP3 of the page's WAV.
     */
    public Clip pageMp3(Voicing v, Page page, Speed speed) {
        List<Clip> sections = sectionClips(v, page, speed);
        String wavKey = RenderingKeys.page(sections.stream().map(c -> c.audio().key()).toList());
        List<Artifact> parts = sections.stream().map(c -> mp3(c).audio()).toList();
        Artifact mp3 = store.get(RenderingKeys.mp3(wavKey), Format.MP3.extension(),
                (ArtifactStore.Writer) out -> recorder.pageMp3(parts, SECTION_PAUSE_SECONDS, out));
        return new Clip(mp3, Format.MP3.mediaType(), mp3Seconds(mp3));
    }

    /** The whole page at {@code speed} in {@code format}. */
    public Clip page(Voicing v, Page page, Speed speed, Format format) {
        return format == Format.MP3 ? pageMp3(v, page, speed) : pageWav(v, page, speed);
    }

    /** Every section's WAV at {@code speed}, in order. */
    List<Clip> sectionClips(Voicing v, Page page, Speed speed) {
        List<Clip> clips = new ArrayList<>();
        for (Section section : page.sections()) clips.add(sectionWav(v, page, section, speed));
        return clips;
    }

    /** The MP3 of a stored section WAV. */
    Clip mp3(Clip wav) {
        Artifact mp3 = store.get(RenderingKeys.mp3(wav.audio().key()), Format.MP3.extension(),
                (ArtifactStore.Writer) out -> recorder.mp3(wav.audio(), store.root(), out));
        return new Clip(mp3, Format.MP3.mediaType(), mp3Seconds(mp3));
    }

    static double mp3Seconds(Artifact mp3) {
        try {
            return mp3.file().isPresent() ? Mp3.inspect(mp3.path()).seconds() : Mp3.inspect(mp3.readAllBytes()).seconds();
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + mp3.key(), e);
        }
    }

    static double seconds(Artifact wav) {
        try {
            return wav.file().isPresent() ? Wav.inspect(wav.path()).seconds() : Wav.inspect(wav.readAllBytes()).seconds();
        } catch (IOException e) {
            throw new UncheckedIOException("cached clip " + wav.key(), e);
        }
    }
}
