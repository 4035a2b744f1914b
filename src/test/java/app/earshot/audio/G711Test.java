package app.earshot.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class G711Test {

    @TempDir
    Path dir;

    @Test
    void encodingAClipGivesEverySampleTheCodeItsOwnEncodingGives() {
        // encode() may look codes up rather than compute them; every one of the 65,536 samples must get the same code.
        short[] every = new short[1 << 16];
        for (int i = 0; i < every.length; i++) every[i] = (short) (Short.MIN_VALUE + i);
        byte[] ulaw = G711.encode(every, Codec.ULAW);
        byte[] alaw = G711.encode(every, Codec.ALAW);
        for (int i = 0; i < every.length; i++) {
            assertEquals(G711.ulaw(every[i]), ulaw[i], "u-law of " + every[i]);
            assertEquals(G711.alaw(every[i]), alaw[i], "A-law of " + every[i]);
        }
    }

    @Test
    void silenceIsTheG711ZeroCodes() {
        assertEquals((byte) 0xFF, G711.ulaw((short) 0));
        assertEquals((byte) 0xD5, G711.alaw((short) 0));
    }

    @Test
    void fullScaleEncodesToTheLoudestCodesNotToSilence() {
        // The JDK's u-law encoder gets these wrong (0xFF and 0x7F): a loud prompt would drop out.
        assertArrayEquals(new byte[]{(byte) 0x80, 0x00}, new byte[]{G711.ulaw(Short.MAX_VALUE), G711.ulaw(Short.MIN_VALUE)});
        assertArrayEquals(new byte[]{(byte) 0xAA, 0x2A}, new byte[]{G711.alaw(Short.MAX_VALUE), G711.alaw(Short.MIN_VALUE)});
    }

    @Test
    void loudestCodesDecodeToTheG711Extremes() {
        assertArrayEquals(new short[]{32124, -32124, 32256, -32256}, new short[]{
                G711.fromUlaw((byte) 0x80), G711.fromUlaw((byte) 0x00), G711.fromAlaw((byte) 0xAA), G711.fromAlaw((byte) 0x2A)});
    }

    @Test
    void ulawDecodingMatchesSoxForEveryCode() throws IOException {
        assertArrayEquals(soxDecode("u-law"), ourDecode(c -> G711.fromUlaw((byte) c)));
    }

    @Test
    void alawDecodingMatchesSoxForEveryCode() throws IOException {
        assertArrayEquals(soxDecode("a-law"), ourDecode(c -> G711.fromAlaw((byte) c)));
    }

    @Test
    void ulawEncodingPicksOneOfTheTwoNearestLevelsForEverySample() {
        assertQuantisesToNeighbours(c -> G711.fromUlaw((byte) c), x -> G711.ulaw((short) x) & 0xFF);
    }

    @Test
    void alawEncodingPicksOneOfTheTwoNearestLevelsForEverySample() {
        assertQuantisesToNeighbours(c -> G711.fromAlaw((byte) c), x -> G711.alaw((short) x) & 0xFF);
    }

    /** decode(encode(x)) is the level just below or just above x (or the extreme level beyond the range). */
    private static void assertQuantisesToNeighbours(IntUnaryOperator decode, IntUnaryOperator encode) {
        int[] levels = ourDecode(decode::applyAsInt);
        int[] sorted = Arrays.stream(levels).sorted().distinct().toArray();
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int got = levels[encode.applyAsInt(x)];
            int at = Arrays.binarySearch(sorted, x);
            int below = at >= 0 ? sorted[at] : sorted[Math.max(0, -at - 2)];
            int above = at >= 0 ? sorted[at] : sorted[Math.min(sorted.length - 1, -at - 1)];
            final int sample = x;
            assertTrue(got == below || got == above, () -> sample + " decoded as " + got + ", not " + below + " or " + above);
        }
    }

    private static int[] ourDecode(IntUnaryOperator decode) {
        int[] out = new int[256];
        for (int c = 0; c < 256; c++) out[c] = decode.applyAsInt(c);
        return out;
    }

    private int[] soxDecode(String encoding) throws IOException {
        byte[] codes = new byte[256];
        for (int c = 0; c < 256; c++) codes[c] = (byte) c;
        Path in = Files.write(dir.resolve("codes.raw"), codes);
        Path out = dir.resolve("linear.raw");
        Sox.sox("-t", "raw", "-r", "8000", "-c", "1", "-e", encoding, "-b", "8", in.toString(),
                "-t", "raw", "-e", "signed-integer", "-b", "16", "-L", out.toString());
        ByteBuffer linear = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        int[] decoded = new int[256];
        for (int c = 0; c < 256; c++) decoded[c] = linear.getShort();
        return decoded;
    }
}
