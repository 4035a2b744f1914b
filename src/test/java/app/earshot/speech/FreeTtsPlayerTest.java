package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

/** The player keeps exactly the samples the voice wrote, however the bytes are split, clip after clip. */
class FreeTtsPlayerTest {
    private static final AudioFormat VOICE = new AudioFormat(16000, 16, 1, true, true);

    /** The voice's big-endian bytes as samples, read plainly. */
    private static short[] plain(byte[] bytes) {
        short[] s = new short[bytes.length / 2];
        for (int i = 0; i < s.length; i++) s[i] = (short) ((bytes[2 * i] << 8) | (bytes[2 * i + 1] & 0xff));
        return s;
    }

    @Test
    void samplesAreTheBytesWrittenHoweverTheWritesSplitThem() {
        FreeTtsPlayer player = new FreeTtsPlayer();
        player.setAudioFormat(VOICE);
        Random random = new Random(3);
        // The second clip is longer than the buffer kept between clips; the third starts again from a fresh one.
        for (int bytes : new int[] {40_001, 2 * FreeTtsPlayer.KEPT_SAMPLES + 7_000, 999}) {
            player.startClip();
            byte[] all = new byte[bytes];
            random.nextBytes(all);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            for (int at = 0; at < all.length; ) {
                int n = Math.min(all.length - at, random.nextInt(5_000));
                player.write(all, at, n);
                written.write(all, at, n);
                at += n;
            }
            assertEquals(all.length / 2.0 / 16000, player.seconds(), 1e-12);
            assertArrayEquals(plain(written.toByteArray()), player.pcm().samples(), bytes + " bytes");
        }
    }

    @Test
    void silenceBetweenParagraphsIsZeroSamplesOfItsLength() {
        FreeTtsPlayer player = new FreeTtsPlayer();
        player.setAudioFormat(VOICE);
        player.startClip();
        player.write(new byte[] {1, 2, 3, 4});
        player.writeSilence(0.4);
        player.write(new byte[] {-1, -2});
        short[] samples = player.pcm().samples();
        assertEquals(2 + 6400 + 1, samples.length);
        assertEquals(0x0102, samples[0]);
        assertEquals(0, samples[2 + 6399]);
        assertEquals((short) 0xfffe, samples[samples.length - 1]);
    }
}
