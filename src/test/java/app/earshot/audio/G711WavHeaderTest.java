package app.earshot.audio;

import app.earshot.sound.Pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.Ffmpeg;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** G.711 WAV files laid out as the WAVE specification asks for non-PCM formats: fmt (18 bytes, cbSize 0), fact, data. */
class G711WavHeaderTest {
    static final Pcm SPEECH = Signals.tone(8000, 440, 10000, 0.5);

    /** Chunk id -> its body, in file order, read straight from the bytes. */
    static Map<String, ByteBuffer> chunks(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", fourCc(b, 0));
        assertEquals(wav.length - 8, b.getInt(4));
        assertEquals("WAVE", fourCc(b, 8));
        Map<String, ByteBuffer> chunks = new LinkedHashMap<>();
        for (int at = 12; at < wav.length; ) {
            int length = b.getInt(at + 4);
            chunks.put(fourCc(b, at), b.slice(at + 8, length).order(ByteOrder.LITTLE_ENDIAN));
            at += 8 + length + (length & 1);
        }
        return chunks;
    }

    static String fourCc(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        b.get(at, id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @CsvSource({"ULAW, 7", "ALAW, 6"})
    void fmtChunkIs18BytesEndingInAZeroCbSize(Codec codec, int tag) {
        ByteBuffer fmt = chunks(Telephony.wav(SPEECH, codec)).get("fmt ");
        assertEquals(18, fmt.limit());
        assertEquals(tag, fmt.getShort(0));
        assertEquals(1, fmt.getShort(2));
        assertEquals(8000, fmt.getInt(4));
        assertEquals(8000, fmt.getInt(8));
        assertEquals(1, fmt.getShort(12));
        assertEquals(8, fmt.getShort(14));
        assertEquals(0, fmt.getShort(16));
    }

    @Test
    void factChunkHoldsTheSampleCountBetweenFmtAndData() {
        Map<String, ByteBuffer> chunks = chunks(Telephony.wav(SPEECH, Codec.ULAW));
        assertEquals("[fmt , fact, data]", chunks.keySet().toString());
        assertEquals(4, chunks.get("fact").limit());
        assertEquals(SPEECH.length(), chunks.get("fact").getInt(0));
        assertEquals(SPEECH.length(), chunks.get("data").limit());
    }

    @Test
    void anOddSampleCountIsPaddedToAnEvenChunkAndStillReadsBackWhole() throws Exception {
        Pcm odd = Signals.tone(8000, 440, 10000, 0.000125 * 4001);
        byte[] wav = Telephony.wav(odd, Codec.ALAW);
        assertEquals(0, wav.length % 2);
        assertEquals(4001, chunks(wav).get("fact").getInt(0));
        assertEquals(4001, Wav.decode(wav).length());
    }

    @ParameterizedTest
    @CsvSource({"ULAW, pcm_mulaw, u-law", "ALAW, pcm_alaw, a-law"})
    void ffprobeAndSoxiReadCodecRateAndLength(Codec codec, String ffmpegCodec, String soxEncoding, @TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve(codec.label() + ".wav"), Telephony.wav(SPEECH, codec));
        Map<String, String> probe = Ffmpeg.probe(file);
        assertEquals(ffmpegCodec, probe.get("codec_name"));
        assertEquals("8000", probe.get("sample_rate"));
        assertEquals(0.5, Double.parseDouble(probe.get("duration")), 0.0002);
        assertEquals("8000", Sox.soxi("-r", file));
        assertEquals("4000", Sox.soxi("-s", file));
        assertEquals(soxEncoding, Sox.soxi("-e", file).toLowerCase(java.util.Locale.ROOT).substring(0, 5));
    }
}
