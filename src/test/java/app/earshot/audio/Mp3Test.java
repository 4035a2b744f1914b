package app.earshot.audio;

import app.earshot.sound.Pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Mp3Decoder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Mp3Test {
    static final Pcm TONE = Signals.tone(16000, 440, 8000, 3.3);

    @Test
    void everyFrameIsMpeg2LayerIIIMono16kHz() {
        Mp3Decoder.Decoded decoded = Mp3Decoder.decode(Mp3.encode(TONE));
        assertTrue(decoded.frames() > 80, "frames " + decoded.frames());
        for (int header : decoded.headers()) {
            assertEquals(0x7FF, header >>> 21, "11-bit frame sync");
            assertEquals(0b10, (header >>> 19) & 3, "MPEG-2");
            assertEquals(0b01, (header >>> 17) & 3, "Layer III");
            assertEquals(0b10, (header >>> 10) & 3, "16000 Hz in MPEG-2");
            assertEquals(0b11, (header >>> 6) & 3, "single channel");
        }
        assertEquals(16000, decoded.rate());
    }

    @Test
    void lameTagCountsTheFramesAndGivesTheExactLength() throws Exception {
        byte[] mp3 = Mp3.encode(TONE);
        Mp3Info info = Mp3.inspect(mp3);
        Mp3Decoder.Decoded decoded = Mp3Decoder.decode(mp3);
        assertEquals(decoded.frames() - 1, info.frames());
        assertEquals(decoded.samples().length, (info.frames() + 1) * 576);
        assertEquals(TONE.length(), info.samples());
        assertEquals(mp3.length, info.bytes());
    }

    @Test
    void decodedAudioIsTheToneAtItsLevelAfterTheDelay() throws Exception {
        byte[] mp3 = Mp3.encode(TONE);
        Mp3Info info = Mp3.inspect(mp3);
        short[] decoded = Mp3Decoder.decode(mp3).samples();
        // Skip the tag frame and the encoder delay (plus the decoder's own 529 samples), as gapless players do.
        int start = 576 + info.encoderDelay() + 529;
        Pcm aligned = new Pcm(16000, Arrays.copyOfRange(decoded, start, start + TONE.length()));
        double original = Signals.middleRms(TONE, 0.2);
        assertEquals(original, Signals.middleRms(aligned, 0.2), original * 0.1);
        assertEquals(Signals.signChanges(TONE), Signals.signChanges(aligned), 20);
    }

    @Test
    void speechRateAudioIsAtLeastEightTimesSmallerThanWav() {
        assertTrue(Wav.encode(TONE).length >= 8 * Mp3.encode(TONE).length);
    }

    @Test
    void truncatedFileIsRejected() {
        byte[] mp3 = Mp3.encode(TONE);
        InvalidMp3Exception e = assertThrows(InvalidMp3Exception.class, () -> Mp3.inspect(Arrays.copyOf(mp3, mp3.length - 100)));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
        assertThrows(InvalidMp3Exception.class, () -> Mp3.inspect(Wav.encode(TONE)));
    }
}
