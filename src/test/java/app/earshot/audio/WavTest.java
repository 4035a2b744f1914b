package app.earshot.audio;

import app.earshot.sound.Pcm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavTest {

    @TempDir
    Path dir;

    private final Pcm clip = Signals.tone(16000, 440, 12000, 0.5);

    @Test
    void decodeGivesBackTheEncodedSamples() throws IOException {
        assertEquals(clip, Wav.decode(Wav.encode(clip)));
    }

    @Test
    void encodedFileIsMono16BitPcmAtTheClipsRate() throws IOException {
        WavInfo info = Wav.inspect(Wav.encode(clip));
        assertEquals(new WavInfo(Codec.PCM, 16000, 1, 16, 44, 16000), info);
        assertEquals(0.5, info.seconds(), 1e-9);
    }

    @Test
    void soxiAgreesOnRateChannelsAndDuration() throws IOException {
        Path file = Files.write(dir.resolve("clip.wav"), Wav.encode(clip));
        assertEquals("16000", Sox.soxi("-r", file));
        assertEquals("1", Sox.soxi("-c", file));
        assertEquals("16", Sox.soxi("-b", file));
        assertEquals("Signed Integer PCM", Sox.soxi("-e", file));
        assertEquals(0.5, Double.parseDouble(Sox.soxi("-D", file)), 1e-6);
    }

    @Test
    void inspectRejectsATruncatedFile() {
        byte[] whole = Wav.encode(clip);
        byte[] cut = Arrays.copyOf(whole, whole.length - 100);
        InvalidWavException e = assertThrows(InvalidWavException.class, () -> Wav.inspect(cut));
        assertTrue(e.getMessage().contains("but the file has " + cut.length), e.getMessage());
    }

    @Test
    void inspectRejectsATruncatedFileOnDisk() throws IOException {
        byte[] whole = Wav.encode(clip);
        Path file = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(whole, whole.length / 2));
        assertThrows(InvalidWavException.class, () -> Wav.inspect(file));
    }

    @Test
    void inspectRejectsAGarbageHeader() {
        byte[] garbage = "<html>Not found</html>, padded well beyond forty-four bytes".getBytes(StandardCharsets.US_ASCII);
        InvalidWavException e = assertThrows(InvalidWavException.class, () -> Wav.inspect(garbage));
        assertEquals("not a RIFF WAVE file", e.getMessage());
    }

    @Test
    void inspectRejectsAnEmptyFile() {
        assertThrows(InvalidWavException.class, () -> Wav.inspect(new byte[0]));
    }

    @Test
    void inspectRejectsAHeaderWhoseSizesWereNeverFilledIn() {
        byte[] wav = Wav.encode(clip);
        Arrays.fill(wav, 4, 8, (byte) 0xFF); // what a streaming writer leaves if it dies before seeking back
        assertThrows(InvalidWavException.class, () -> Wav.inspect(wav));
    }

    @Test
    void inspectOfAFileReadsTheSameHeaderAsInspectOfItsBytes() throws IOException {
        byte[] wav = Wav.encode(clip);
        assertEquals(Wav.inspect(wav), Wav.inspect(Files.write(dir.resolve("a.wav"), wav)));
    }

    @Test
    void decodeReadsAFileWrittenBySox() throws IOException {
        Path file = dir.resolve("sox.wav");
        Sox.sox("-n", "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", file.toString(), "synth", "0.25", "sine", "440");
        assertEquals(4000, Wav.decode(Files.readAllBytes(file)).length());
    }

    @Test
    void inspectReadsASoxUlawFileWithAFactChunk() throws IOException {
        Path file = dir.resolve("sox-ulaw.wav");
        Sox.sox("-n", "-r", "8000", "-c", "1", "-e", "u-law", file.toString(), "synth", "0.25", "sine", "440");
        WavInfo info = Wav.inspect(file);
        assertEquals(Codec.ULAW, info.format());
        assertEquals(2000, info.frames());
    }

    @Test
    void decodeRejectsStereo() throws IOException {
        Path file = dir.resolve("stereo.wav");
        Sox.sox("-n", "-r", "16000", "-c", "2", "-b", "16", file.toString(), "synth", "0.1", "sine", "440");
        assertThrows(InvalidWavException.class, () -> Wav.decode(Files.readAllBytes(file)));
    }

    @Test
    void encodedBytesAreWhatTheJdksWaveWriterWrites() throws IOException {
        java.util.Random random = new java.util.Random(7);
        for (int rate : new int[] {8000, 16000, 22050}) {
            for (int n : new int[] {0, 1, 2, 32767, 32768, 32769, 100_003}) {
                short[] s = new short[n];
                for (int i = 0; i < n; i++) s[i] = (short) random.nextInt();
                Pcm pcm = new Pcm(rate, s);
                assertArrayEquals(jdkWave(pcm), Wav.encode(pcm), rate + " Hz, " + n + " samples");
                java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
                Wav.write(pcm, streamed);
                assertArrayEquals(Wav.encode(pcm), streamed.toByteArray(), "written in pieces: " + n + " samples");
                for (int silence : new int[] {1, 575, 40_000}) {
                    java.io.ByteArrayOutputStream padded = new java.io.ByteArrayOutputStream();
                    Wav.write(pcm, silence, padded);
                    assertArrayEquals(Wav.encode(pcm.withSilenceAfter(silence)), padded.toByteArray(), n + " samples and " + silence);
                }
            }
        }
    }

    /** The file as the JDK's own writer makes it (what Earshot wrote before it wrote headers by hand). */
    private static byte[] jdkWave(Pcm pcm) throws IOException {
        byte[] data = new byte[2 * pcm.length()];
        for (int i = 0; i < pcm.length(); i++) {
            data[2 * i] = (byte) pcm.sample(i);
            data[2 * i + 1] = (byte) (pcm.sample(i) >> 8);
        }
        javax.sound.sampled.AudioFormat format = new javax.sound.sampled.AudioFormat(pcm.sampleRate(), 16, 1, true, false);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (javax.sound.sampled.AudioInputStream in = new javax.sound.sampled.AudioInputStream(
                new java.io.ByteArrayInputStream(data), format, pcm.length())) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, out);
        }
        return out.toByteArray();
    }
}
