package app.earshot.audio;

import app.earshot.sound.Pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Ffmpeg;
import app.earshot.Mp3Decoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp3Test {
    static final Pcm TONE = Signals.tone(16000, 440, 8000, 3.3);
    static final int RATE = 16000;
    static final int PER_FRAME = 576;

    @Test
    void everyFrameIsMpeg2LayerIIIMonoAtTheVoicesOwn16kHz() {
        Mp3Decoder.Decoded decoded = Mp3Decoder.decode(Mp3.encode(TONE));
        assertTrue(decoded.frames() > 90, "frames " + decoded.frames());
        for (int header : decoded.headers()) {
            assertEquals(0x7FF, header >>> 21, "11-bit frame sync");
            assertEquals(0b10, (header >>> 19) & 3, "MPEG-2");
            assertEquals(0b01, (header >>> 17) & 3, "Layer III");
            assertEquals(0b10, (header >>> 10) & 3, "16000 Hz in MPEG-2");
            assertEquals(0b11, (header >>> 6) & 3, "single channel");
            assertTrue(((header >>> 12) & 0xF) != 0, "a listed bitrate, not free format");
        }
        assertEquals(RATE, decoded.rate());
    }

    @Test
    void lameTagCountsTheFramesAndGivesTheExactLength() throws Exception {
        byte[] mp3 = Mp3.encode(TONE);
        Mp3Info info = Mp3.inspect(mp3);
        Mp3Decoder.Decoded decoded = Mp3Decoder.decode(mp3);
        assertEquals(decoded.frames() - 1, info.frames());
        assertEquals(decoded.samples().length, (info.frames() + 1) * PER_FRAME);
        assertEquals(TONE.seconds() * RATE, info.samples(), 1);
        assertEquals(TONE.seconds(), info.seconds(), 1.0 / 16000);
        assertEquals(mp3.length, info.bytes());
    }

    @Test
    void decodedAudioIsTheToneAtItsLevelAfterTheDelay() throws Exception {
        byte[] mp3 = Mp3.encode(TONE);
        Mp3Info info = Mp3.inspect(mp3);
        short[] decoded = Mp3Decoder.decode(mp3).samples();
        // Skip the tag frame and the encoder delay (plus the decoder's own 529 samples), as gapless players do.
        int start = PER_FRAME + info.encoderDelay() + 529;
        Pcm aligned = new Pcm(RATE, Arrays.copyOfRange(decoded, start, start + (int) info.samples()));
        double original = Signals.middleRms(TONE, 0.2);
        assertEquals(original, Signals.middleRms(aligned, 0.2), original * 0.1);
        assertEquals(Signals.signChanges(TONE), Signals.signChanges(aligned), 20);
    }

    @Test
    void aTopOfTheBandToneAt7kHzSurvivesAtItsLevel() {
        Pcm high = Signals.tone(16000, 7000, 8000, 2);
        short[] decoded = Mp3Decoder.decode(Mp3.encode(high)).samples();
        Pcm middle = new Pcm(RATE, Arrays.copyOfRange(decoded, RATE / 2, RATE * 3 / 2));
        assertEquals(0, Signals.decibels(Signals.rms(middle, 0, middle.length()) / Signals.middleRms(high, 0.2)), 1.5);
    }

    @Test
    void speechRateAudioIsAtLeastFiveTimesSmallerThanWav() {
        assertTrue(Wav.encode(TONE).length >= 5 * Mp3.encode(TONE).length);
    }

    @Test
    void ffprobeReadsMono16kHzAtAbout40kbpsLastingAsLongAsTheWav(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("tone.mp3"), Mp3.encode(TONE));
        Map<String, String> probe = Ffmpeg.probe(file);
        assertEquals("mp3", probe.get("codec_name"));
        assertEquals("1", probe.get("channels"));
        assertEquals("16000", probe.get("sample_rate"));
        assertEquals(40000, Integer.parseInt(probe.get("bit_rate")), 8000, probe.toString());
        assertEquals(TONE.seconds(), Ffmpeg.decodedSeconds(file, RATE), 1.0 / RATE);
    }

    @Test
    void truncatedFileIsRejected() {
        byte[] mp3 = Mp3.encode(TONE);
        InvalidMp3Exception e = assertThrows(InvalidMp3Exception.class, () -> Mp3.inspect(Arrays.copyOf(mp3, mp3.length - 100)));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
        assertThrows(InvalidMp3Exception.class, () -> Mp3.inspect(Wav.encode(TONE)));
    }

    @Test
    void crc16IsLamesOwnOverTheAudioAndTheTag() {
        assertEquals(0xBB3D, Mp3.crc16(0, "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 9)); // CRC-16/ARC check value
        byte[] mp3 = Mp3.encode(TONE);
        int tagFrame = Mp3.frameLength(Mp3.s32(mp3, 0));
        int lame = Mp3.tagOffset(mp3) + Mp3.LAME_TAG;
        // LAME wrote both CRCs itself (lame_get_lametag_frame): the music CRC over every audio byte, then the tag's own.
        assertEquals((mp3[lame + 32] & 0xFF) << 8 | mp3[lame + 33] & 0xFF, Mp3.crc16(0, mp3, tagFrame, mp3.length - tagFrame));
        assertEquals((mp3[lame + 34] & 0xFF) << 8 | mp3[lame + 35] & 0xFF, Mp3.crc16(0, mp3, 0, lame + 34));
        byte[] random = new byte[5000];
        new java.util.Random(5).nextBytes(random);
        int bitwise = 0x1234;
        for (byte b : random) {
            bitwise ^= b & 0xFF;
            for (int k = 0; k < 8; k++) bitwise = (bitwise & 1) != 0 ? (bitwise >>> 1) ^ 0xA001 : bitwise >>> 1;
        }
        assertEquals(bitwise, Mp3.crc16(0x1234, random, 0, random.length));
    }
}
