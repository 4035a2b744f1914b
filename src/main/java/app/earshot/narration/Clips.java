package app.earshot.narration;

import app.earshot.audio.HlsSegments;
import app.earshot.audio.Mp3;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.sound.Pcm;
import app.earshot.store.Artifact;
import app.earshot.store.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
        return made(v, page, section, speed).clip();
    }

    /**
     * A section's clip, and what it holds when this call made it ({@code spoken == null} when it was stored already or
     * another request made it): the normalised samples and the {@code tail} of silence after them. What is made from
     * the clip next (its MP3, its telephone audio) starts from the samples in hand instead of reading back the file just
     * written.
     */
    record Made(Clip clip, Pcm spoken, int tail) {
        /** The clip's samples, the tail included (a new array), if this call made it; else null. */
        Pcm samples() {
            return spoken == null ? null : spoken.withSilenceAfter(tail);
        }
    }

    /** The section's clip at {@code speed} as {@link #sectionWav}, with its samples if this call made it. */
    Made made(Voicing v, Page page, Section section, Speed speed) {
        String key = keys.section(v, page, section, speed);
        Recorder.Recorded[] made = new Recorder.Recorded[1];
        Artifact wav = store.get(key, "wav", (ArtifactStore.Writer) out -> {
            Recorder.Recorded rendered = recorder.section(v.script(page, section), v.voice(page, speed), SECTION_PAUSE_SECONDS);
            // One synthesis gives the captions too: keep them, so asking for them later is a hit.
            store.get(key, "cues.json", rendered::cues);
            made[0] = rendered;
            // Written from the samples in pieces: the clip is never also a byte array.
            Wav.write(rendered.spoken(), rendered.tail(), out);
        });
        if (made[0] == null) return new Made(new Clip(wav, Format.WAV.mediaType(), seconds(wav)), null, 0);
        Pcm spoken = made[0].spoken();
        int tail = made[0].tail();
        return new Made(new Clip(wav, Format.WAV.mediaType(), (spoken.length() + tail) / (double) spoken.sampleRate()), spoken, tail);
    }

    /** The section's clip at {@code speed} as MP3, encoded from its WAV (made first if need be). */
    public Clip sectionMp3(Voicing v, Page page, Section section, Speed speed) {
        return mp3(made(v, page, section, speed));
    }

    /** The section's clip at {@code speed} in {@code format}. */
    public Clip section(Voicing v, Page page, Section section, Speed speed, Format format) {
        if (format != Format.MP3) return sectionWav(v, page, section, speed);
        return mp3(made(v, page, section, speed));
    }

    /** The whole page at {@code speed} as WAV: every section in order with {@link #SECTION_PAUSE_SECONDS} between them. */
    public Clip pageWav(Voicing v, Page page, Speed speed) {
        List<Clip> sections = sectionClips(v, page, speed);
        String key = RenderingKeys.page(sections.stream().map(c -> c.audio().key()).toList());
        // Written piece by piece from the section files: a long page (or a slow speed) is never one array in memory.
        List<Artifact> parts = sections.stream().map(Clip::audio).toList();
        Artifact wav = fromSources(() -> store.get(key, "wav", (ArtifactStore.Writer) out -> recorder.page(parts, SECTION_PAUSE_SECONDS, out)));
        return new Clip(wav, Format.WAV.mediaType(), seconds(wav));
    }

    /**
     * The whole page at {@code speed} as MP3: the sections' own MP3 frames with pauses between them (made first if
     * need be), so nothing is encoded twice, the page's WAV is not needed and no request holds the page's samples.
     * Keyed as the MP3 of the page's WAV.
     */
    public Clip pageMp3(Voicing v, Page page, Speed speed) {
        List<Clip> sections = sectionClips(v, page, speed);
        String key = pageMp3Key(sections.stream().map(c -> c.audio().key()).toList());
        List<Artifact> parts = sections.stream().map(c -> mp3(c).audio()).toList();
        Artifact mp3 = fromSources(() -> store.get(key, Format.MP3.extension(),
                (ArtifactStore.Writer) out -> recorder.pageMp3(parts, SECTION_PAUSE_SECONDS, out)));
        return new Clip(mp3, Format.MP3.mediaType(), mp3Seconds(mp3));
    }

    /**
     * How the page MP3 at the normal speed is cut into HLS segments ({@link HlsSegments}), stored beside it (made
     * with the page MP3 if need be): the playlist's durations and each segment's place in the page file.
     */
    public HlsSegments.Plan hlsPlan(Voicing v, Page page) {
        return hlsPlan(pageMp3(v, page, Speed.NORMAL));
    }

    private HlsSegments.Plan hlsPlan(Clip pageMp3) {
        Artifact plan = store.get(RenderingKeys.hlsPlan(pageMp3.audio().key(), pageMp3.audio().sha256()), HLS_PLAN, () -> {
            try (InputStream in = pageMp3.audio().open()) {
                return HlsSegments.plan(in).text().getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("HLS plan of " + pageMp3.audio().key(), e);
            }
        });
        return parsed(plan).orElseThrow(() -> new UncheckedIOException(new IOException("stored HLS plan " + plan.key()
                + " could not be read; it is discarded and made again")));
    }

    /** The key of the page MP3 made of the section WAVs stored under {@code sectionKeys}: the MP3 of the page's WAV. */
    private static String pageMp3Key(List<String> sectionKeys) {
        return RenderingKeys.mp3(RenderingKeys.page(sectionKeys));
    }

    /**
     * HLS segment {@code n} (from 0) of the page at the normal speed: the timestamp tag, then the segment's frames,
     * copied from the stored page MP3 piece by checked piece. An artifact of its own (the tag differs per segment,
     * so a segment is not a byte range of the page file), so it is served, checked and cached like any audio.
     *
     * @return empty if the page has no segment {@code n}
     */
    public Optional<Clip> hlsSegment(Voicing v, Page page, int n) {
        try {
            return segment(v, page, n);
        } catch (DamagedSource e) {
            // The page MP3 changed on disk since it was verified and has been discarded: it is made again, and so is
            // the segment, so the listener gets the right bytes, not a 503.
            return segment(v, page, n);
        }
    }

    private Optional<Clip> segment(Voicing v, Page page, int n) {
        Clip pageMp3 = pageMp3(v, page, Speed.NORMAL);
        HlsSegments.Plan plan = hlsPlan(pageMp3);
        if (n < 0 || n >= plan.segments().size()) return Optional.empty();
        return Optional.of(cut(pageMp3, plan, n));
    }

    /** Segment {@code n} of {@code pageMp3} by {@code plan}: the stored one, else cut now and stored. */
    private Clip cut(Clip pageMp3, HlsSegments.Plan plan, int n) {
        HlsSegments.Segment segment = plan.segments().get(n);
        Artifact audio = store.get(RenderingKeys.hlsSegment(pageMp3.audio().key(), pageMp3.audio().sha256(), n), HLS_SEGMENT,
                (ArtifactStore.Writer) out -> {
                    out.write(HlsSegments.tag(plan.timestamp(n)));
                    copyChecked(pageMp3.audio(), segment.offset(), segment.length(), out);
                });
        return new Clip(audio, Format.MP3.mediaType(), plan.seconds(n));
    }

    /**
     * The version of the page's HLS segments a playlist names ({@code ?v=}): the key the page MP3 at the normal speed is
     * stored under. Computed from the section keys alone, so asking for it makes nothing.
     */
    public String hlsVersion(Voicing v, Page page) {
        List<String> sections = new ArrayList<>();
        for (Section section : page.sections()) sections.add(keys.section(v, page, section, Speed.NORMAL));
        return pageMp3Key(sections);
    }

    /** What the store still holds of HLS segment {@code n} of an earlier version of a page ({@link #storedHlsSegment}). */
    public sealed interface Earlier {
        /** The segment, as that version's playlist listed it. */
        record Segment(Clip clip) implements Earlier {}

        /** That version is known and has no segment {@code n}. */
        record Beyond() implements Earlier {}

        /** That version is no longer stored (or never was): its playlist must be fetched again. */
        record Gone() implements Earlier {}
    }

    /**
     * Segment {@code n} of the HLS version {@code pageMp3Key} (an earlier page MP3's key, as {@link #hlsVersion} gives
     * it), from what the store still holds, never making or encoding anything but the cut: the stored segment; else
     * cut from that version's stored page MP3 by its stored plan, both of the page MP3's bytes as stored now (their
     * keys hold its digest). Only a version a playlist of the page gave out reaches here ({@code web/HlsVersions}), and
     * under its key only the page MP3 and the HLS artifacts derived from it are looked up.
     *
     * @param pageMp3Key 64 lower-case hex digits
     */
    public Earlier storedHlsSegment(String pageMp3Key, int n) {
        // The plan and segments are those of the page MP3's bytes as stored now (its digest is in their keys).
        Optional<Artifact> pageMp3 = store.find(pageMp3Key, Format.MP3.extension());
        if (pageMp3.isEmpty()) return new Earlier.Gone();
        String digest = pageMp3.get().sha256();
        Optional<HlsSegments.Plan> plan = store.find(RenderingKeys.hlsPlan(pageMp3Key, digest), HLS_PLAN).flatMap(this::parsed);
        if (plan.isPresent() && (n < 0 || n >= plan.get().segments().size())) return new Earlier.Beyond();
        Optional<Artifact> stored = store.find(RenderingKeys.hlsSegment(pageMp3Key, digest, n), HLS_SEGMENT);
        if (stored.isPresent()) {
            double seconds = plan.map(p -> p.seconds(n)).orElse(Double.NaN);
            return new Earlier.Segment(new Clip(stored.get(), Format.MP3.mediaType(), seconds));
        }
        if (plan.isEmpty()) return new Earlier.Gone();
        try {
            return new Earlier.Segment(cut(new Clip(pageMp3.get(), Format.MP3.mediaType(), Double.NaN), plan.get(), n));
        } catch (DamagedSource e) {
            // The old page MP3 rotted and is discarded: that version cannot be made again.
            return new Earlier.Gone();
        }
    }

    /** A stored plan's text, or empty (and the plan discarded) if it cannot be read or parsed. */
    private Optional<HlsSegments.Plan> parsed(Artifact plan) {
        try {
            return Optional.of(HlsSegments.Plan.parse(new String(plan.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            store.discard(plan, e);
            return Optional.empty();
        }
    }

    /** A stored file a segment is cut from no longer holds what was verified; it has been discarded. */
    private static final class DamagedSource extends UncheckedIOException {
        DamagedSource(IOException cause) {
            super(cause);
        }
    }

    /**
     * Copies {@code length} bytes from {@code offset} of a stored file, checking each whole piece it reads them from;
     * a piece that fails discards the file and throws {@link DamagedSource}.
     */
    private void copyChecked(Artifact from, long offset, long length, java.io.OutputStream out) throws IOException {
        if (from.inMemory()) {
            java.nio.ByteBuffer view = from.bytes();
            byte[] slice = new byte[Math.toIntExact(length)];
            view.position(Math.toIntExact(offset)).get(slice);
            out.write(slice);
            return;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(from.path(), java.nio.file.StandardOpenOption.READ)) {
            long end = offset + length;
            for (long index = offset / Artifact.PIECE_BYTES; index * Artifact.PIECE_BYTES < end; index++) {
                long start = index * Artifact.PIECE_BYTES;
                java.nio.ByteBuffer piece = java.nio.ByteBuffer.allocate((int) Math.min(Artifact.PIECE_BYTES, from.size() - start));
                while (piece.hasRemaining()) {
                    if (channel.read(piece, start + piece.position()) < 0) break;
                }
                piece.flip();
                if (!from.pieceIsIntact(index, piece.duplicate())) {
                    String reason = "piece " + index + " differs from its record";
                    store.discard(from, reason);
                    throw new DamagedSource(new IOException("page MP3 " + from.key() + ": " + reason));
                }
                int first = (int) Math.max(0, offset - start);
                int to = (int) Math.min(piece.limit(), end - start);
                out.write(piece.array(), first, to - first);
            }
        }
    }

    /** Store extensions of HLS plans and segments, each with its own format check. */
    public static final String HLS_PLAN = "hls.txt";
    public static final String HLS_SEGMENT = "hls.mp3";

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
        return mp3(new Made(wav, null, 0));
    }

    /** The MP3 of a section WAV, encoded from its samples when they are in hand (else from the stored file). */
    Clip mp3(Made wav) {
        Artifact clip = wav.clip().audio();
        Artifact mp3 = fromSources(() -> store.get(RenderingKeys.mp3(clip.key()), Format.MP3.extension(),
                (ArtifactStore.Writer) out -> recorder.mp3(clip, wav.spoken(), wav.tail(), store.root(), out)));
        return new Clip(mp3, Format.MP3.mediaType(), mp3Seconds(mp3));
    }

    /**
     * {@code make}'s artifact; if a stored section it is made from failed ({@link Recorder.SourceFailed}: unreadable,
     * or rotted in place since it was verified), that section is discarded first, so the next try (warming's, or the
     * listener's after the 503) makes it again instead of meeting it again.
     */
    private Artifact fromSources(java.util.function.Supplier<Artifact> make) {
        try {
            return make.get();
        } catch (Recorder.SourceFailed e) {
            store.discard(e.source(), e.getCause());
            throw e;
        }
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
