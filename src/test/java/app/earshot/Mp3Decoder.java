package app.earshot;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * Decodes MP3 with JLayer, a decoder written independently of LAME: the tests' oracle for what the encoder made.
 * JLayer plays every frame, the LAME tag frame included (as silence), and knows nothing of encoder delay.
 */
public final class Mp3Decoder {

    /**
     * What JLayer found.
     *
     * @param frames   every frame decoded, the tag frame included
     * @param headers  the four header bytes of every frame, as integers
     * @param samples  all decoded samples, mono
     * @param rate     sample rate of the first frame
     */
    public record Decoded(int frames, List<Integer> headers, short[] samples, int rate) {}

    private Mp3Decoder() {}

    public static Decoded decode(byte[] mp3) {
        Bitstream stream = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder decoder = new Decoder();
        List<Integer> headers = new ArrayList<>();
        short[] out = new short[mp3.length * 8 + 4096];
        int length = 0;
        int rate = 0;
        try {
            for (Header h = stream.readFrame(); h != null; h = stream.readFrame()) {
                headers.add(h.getSyncHeader());
                if (rate == 0) rate = h.frequency();
                SampleBuffer buffer = (SampleBuffer) decoder.decodeFrame(h, stream);
                if (buffer.getChannelCount() != 1) throw new AssertionError("not mono: " + buffer.getChannelCount() + " channels");
                int n = buffer.getBufferLength();
                if (length + n > out.length) out = java.util.Arrays.copyOf(out, (length + n) * 2);
                System.arraycopy(buffer.getBuffer(), 0, out, length, n);
                length += n;
                stream.closeFrame();
            }
            stream.close();
        } catch (BitstreamException | DecoderException e) {
            throw new AssertionError("JLayer cannot decode this MP3: " + e.getMessage(), e);
        }
        return new Decoded(headers.size(), headers, java.util.Arrays.copyOf(out, length), rate);
    }
}
