package app.earshot.audio;

import app.earshot.sound.Pcm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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
}
