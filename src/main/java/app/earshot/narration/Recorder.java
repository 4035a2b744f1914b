package app.earshot.narration;

import app.earshot.audio.Mp3;
import app.earshot.audio.Mp3Info;
import app.earshot.audio.Mp3Join;
import app.earshot.audio.LoudnessNormaliser;
import app.earshot.audio.Wav;
import app.earshot.sound.Pcm;
import app.earshot.speech.Captions;
import app.earshot.speech.Speech;
import app.earshot.speech.SpeechScript;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import app.earshot.audio.WavInfo;
import app.earshot.store.Artifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a script into bytes: speaks it with a voice into a WAV and its caption cues, joins section clips into a page,
 * and encodes MP3; counts what it did. The one place that changes when the way sound is produced changes (engine,
 * encoding, a processing step between them).
 */
public final class Recorder {
    /**
     * A spoken section: its clip, as the normalised samples and the {@code tail} of silence after them (the clip is
     * both; written as WAV by {@link Wav#write(Pcm, int, OutputStream)} straight into the store, so it is never a byte
     * array, nor a second sample array with the tail, besides the samples), and its captions sidecar (JSON cues).
     */
    record Recorded(Pcm spoken, int tail, byte[] cues) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Synthesizer synthesizer;
    private final AtomicLong syntheses = new AtomicLong();
    private final AtomicLong synthesisNanos = new AtomicLong();
    private final AtomicLong synthesisCpuNanos = new AtomicLong();
    private final AtomicLong encodeNanos = new AtomicLong();

    Recorder(Synthesizer synthesizer) {
        this.synthesizer = synthesizer;
    }

    /**
     * Speaks {@code script} once, giving both its clip and its captions. The clip ends with up to 36 ms of silence, so
     * that it and the {@code pauseSeconds} after it in a page fill whole MP3 frames: its MP3 then joins the page's as it
     * is ({@link Mp3#joinPadding}).
     */
    Recorded section(SpeechScript script, VoiceSettings voice, double pauseSeconds) {
        Speech speech = speak(script.spoken(), voice);
        Pcm clip = LoudnessNormaliser.narration(speech.audio());
        int rate = clip.sampleRate();
        long tail = Mp3.joinPadding(clip.length(), pauseSamples(rate, pauseSeconds), rate);
        try {
            byte[] cues = JSON.writeValueAsString(Captions.cues(script, speech.words(), speech.audio().seconds()))
                    .getBytes(StandardCharsets.UTF_8);
            return new Recorded(clip, (int) tail, cues);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("captions could not be written", e);
        }
    }

    /** A short prompt as WAV. */
    byte[] prompt(SpeechScript script, VoiceSettings voice) {
        return clipWav(speak(script.spoken(), voice));
    }

    /**
     * Writes the sections' clips (16-bit mono PCM WAV, one sample rate) in order with {@code pauseSeconds} of silence
     * between them, as one WAV, piece by piece: a long page is never one array. Each section's bytes are checked
     * against its recorded digests as they are copied, so damage on disk is never copied into the page.
     */
    void page(List<Artifact> sections, double pauseSeconds, OutputStream out) throws IOException {
        page(sections, inspectAll(sections), pauseSeconds, out);
    }

    /**
     * Encodes one clip (a 16-bit mono PCM WAV) as MP3 through one LAME session, a piece at a time: memory stays at a
     * buffer, however long the clip. Section clips are made to join ({@link #section}), so their MP3s join into the
     * page's without encoding again ({@link #pageMp3}). The frames go
     * to a scratch file in {@code scratchFolder} (the tag frame is written over the first frame at the end), which is
     * then copied to {@code out} and deleted. The clip is checked against its recorded digests as it is read; when
     * {@code samples}, the clip's samples just made by this request, are given, they are encoded instead of reading
     * the file back ({@code samples}, then {@code tail} samples of silence, as the clip holds them).
     */
    void mp3(Artifact clip, Pcm samples, int tail, Path scratchFolder, OutputStream out) throws IOException {
        long start = System.nanoTime();
        try {
            WavInfo info = inspectAll(List.of(clip)).get(0);
            if (samples != null && (samples.sampleRate() != info.sampleRate() || 2L * (samples.length() + (long) tail) != info.dataLength())) {
                throw new IllegalArgumentException("samples in hand are not the clip's: " + info);
            }
            int rate = info.sampleRate();
            Path scratch;
            try {
                Files.createDirectories(scratchFolder);
                // Named like the store's own temp files, so a crash's leftover is removed at the next start.
                scratch = Files.createTempFile(scratchFolder, "mp3.p" + ProcessHandle.current().pid() + ".", ".tmp");
            } catch (IOException e) {
                // An unwritable cache folder: the store keeps artifacts in memory then, and so may this encoding.
                out.write(Mp3.encode(joined(List.of(clip), List.of(info), 0)));
                return;
            }
            try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE)) {
                Mp3.Session session = new Mp3.Session(rate, channel);
                if (samples != null) {
                    session.write(samples.samples(), 0, samples.length());
                    session.silence(tail);
                } else {
                    copyData(clip, info, session);
                }
                long length = session.finish();
                byte[] piece = new byte[1 << 16];
                ByteBuffer buffer = ByteBuffer.wrap(piece);
                for (long at = 0; at < length; ) {
                    buffer.clear();
                    int n = channel.read(buffer, at);
                    if (n < 0) throw new IOException("scratch MP3 shrank while being copied");
                    out.write(piece, 0, n);
                    at += n;
                }
            } finally {
                Files.deleteIfExists(scratch);
            }
        } finally {
            encodeNanos.addAndGet(System.nanoTime() - start);
        }
    }

    /**
     * Joins the sections' MP3s (each made by {@link #mp3} with the same pause) into the page's MP3, with
     * {@code pauseSeconds} of silence between them, from their own frames: nothing is encoded again
     * ({@link Mp3Join}). Each section is checked against its recorded digests each time it is read.
     */
    void pageMp3(List<Artifact> sections, double pauseSeconds, OutputStream out) throws IOException {
        List<Mp3Join.Part> parts = new ArrayList<>();
        int rate = 0;
        for (Artifact section : sections) {
            Mp3Info info = inspectMp3(section);
            rate = info.sampleRate();
            parts.add(new Mp3Join.Part() {
                public Mp3Info info() {
                    return info;
                }

                public void copyTo(OutputStream to) throws IOException {
                    copyData(section, 0, section.size(), to);
                }
            });
        }
        Mp3Join.join(parts, pauseSamples(rate, pauseSeconds), out);
    }

    private static Mp3Info inspectMp3(Artifact section) {
        try {
            return section.inMemory() ? Mp3.inspect(section.readAllBytes()) : Mp3.inspect(section.path());
        } catch (IOException e) {
            throw new SourceFailed(section, "section MP3 " + section.key().substring(0, 12), e);
        }
    }

    private static List<WavInfo> inspectAll(List<Artifact> clips) throws IOException {
        List<WavInfo> infos = new ArrayList<>();
        for (Artifact clip : clips) {
            WavInfo info = inspect(clip);
            if (info.format() != app.earshot.audio.Codec.PCM || info.channels() != 1 || info.bitsPerSample() != 16
                    || info.sampleRate() != infos.stream().findFirst().orElse(info).sampleRate()) {
                throw new IOException("section clips must be 16-bit mono PCM at one rate: " + info);
            }
            infos.add(info);
        }
        return infos;
    }

    private static long pauseSamples(int rate, double pauseSeconds) {
        return Math.round(rate * pauseSeconds);
    }

    /** The clips and pauses as one array: only when no scratch file can be written. */
    private static Pcm joined(List<Artifact> clips, List<WavInfo> infos, double pauseSeconds) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        page(clips, infos, pauseSeconds, all);
        return Wav.decode(all.toByteArray());
    }

    private static void page(List<Artifact> clips, List<WavInfo> infos, double pauseSeconds, OutputStream out) throws IOException {
        int rate = infos.get(0).sampleRate();
        long pauseBytes = 2L * pauseSamples(rate, pauseSeconds);
        long data = pauseBytes * (clips.size() - 1);
        for (WavInfo info : infos) data += info.dataLength();
        out.write(Wav.pcmHeader(rate, data));
        for (int i = 0; i < clips.size(); i++) {
            if (i > 0) out.write(new byte[(int) pauseBytes]);
            copyData(clips.get(i), infos.get(i), out);
        }
    }

    /**
     * A section's WAV facts. A failure reading a section is not the output's disk failing, so it is thrown unchecked:
     * the store must not take it for an unwritable cache.
     */
    private static WavInfo inspect(Artifact section) {
        try {
            return section.inMemory() ? Wav.inspect(section.readAllBytes()) : Wav.inspect(section.path());
        } catch (IOException e) {
            throw new SourceFailed(section, "section clip " + section.key().substring(0, 12), e);
        }
    }

    /**
     * The one place synthesized speech becomes a clip: brought to broadcast loudness (EBU R128: -19 LUFS, true peak
     * under -1.5 dBTP), then written as WAV. Every rendering (MP3, telephone, whole page) is made from this clip.
     */
    private static byte[] clipWav(Speech speech) {
        return Wav.encode(LoudnessNormaliser.narration(speech.audio()));
    }

    /** Copies the sample bytes of one section, hashing the whole file on the way and failing if it differs. */
    private static void copyData(Artifact section, WavInfo info, OutputStream out) throws IOException {
        copyData(section, info.dataOffset(), info.dataOffset() + info.dataLength(), out);
    }

    /** Copies bytes {@code start} to {@code end} of one section, hashing the whole file on the way and failing if it differs. */
    private static void copyData(Artifact section, long start, long end, OutputStream out) throws IOException {
        // Reading the section and writing the page fail differently: only the latter is the store's disk.
        Artifact.Check check = section.check();
        long position = 0;
        byte[] piece = new byte[1 << 16];
        try (InputStream in = openSection(section)) {
            int n;
            while ((n = read(in, piece, section)) > 0) {
                check.update(piece, 0, n);
                long from = Math.max(position, start);
                long to = Math.min(position + n, end);
                if (to > from) out.write(piece, (int) (from - position), (int) (to - from));
                position += n;
            }
        }
        if (!check.isWhole()) {
            String what = "section clip " + section.key().substring(0, 12) + " changed on disk since it was verified";
            throw new SourceFailed(section, what, new IOException(what));
        }
    }

    private static InputStream openSection(Artifact section) {
        try {
            return section.open();
        } catch (IOException e) {
            throw new SourceFailed(section, "section clip " + section.key().substring(0, 12), e);
        }
    }

    private static int read(InputStream in, byte[] piece, Artifact section) {
        try {
            return in.read(piece);
        } catch (IOException e) {
            throw new SourceFailed(section, "section clip " + section.key().substring(0, 12), e);
        }
    }

    /**
     * A stored section that a page or an MP3 is made from could not be read, or no longer holds what was verified (a
     * byte rotted in place): thrown unchecked, since it is not the output's disk failing, with the section, so the
     * caller can discard it and have it made again ({@link Clips}).
     */
    static final class SourceFailed extends java.io.UncheckedIOException {
        private final transient Artifact source;

        SourceFailed(Artifact source, String message, IOException cause) {
            super(message, cause);
            this.source = source;
        }

        Artifact source() {
            return source;
        }
    }

    /** Sections and prompts synthesized by this process. */
    public long syntheses() {
        return syntheses.get();
    }

    /** Wall-clock seconds spent synthesizing. */
    public double synthesisSeconds() {
        return synthesisNanos.get() / 1e9;
    }

    /**
     * CPU seconds the synthesizing threads spent synthesizing (0 where the JVM cannot measure thread CPU time): the
     * voice's own cost, which a cold clip's whole cost is compared with (bench/cold.sh).
     */
    public double synthesisCpuSeconds() {
        return synthesisCpuNanos.get() / 1e9;
    }

    /** Wall-clock seconds spent encoding MP3. */
    public double mp3EncodeSeconds() {
        return encodeNanos.get() / 1e9;
    }

    private Speech speak(String spoken, VoiceSettings voice) {
        long start = System.nanoTime();
        long cpuStart = threadCpuNanos();
        try {
            return synthesizer.speak(spoken, voice);
        } finally {
            synthesisNanos.addAndGet(System.nanoTime() - start);
            if (cpuStart >= 0) synthesisCpuNanos.addAndGet(Math.max(0, threadCpuNanos() - cpuStart));
            syntheses.incrementAndGet();
        }
    }

    /** This thread's CPU time in nanoseconds, or -1 where the JVM does not measure it. */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()
                ? threads.getCurrentThreadCpuTime() : -1;
    }
}
