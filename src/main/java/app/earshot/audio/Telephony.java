package app.earshot.audio;

import app.earshot.sound.Pcm;

/**
 * Turns 16 kHz narration into 8 kHz telephone audio (PCM, u-law or A-law; WAV or raw) without aliasing or wrap-around.
 *
 * <p>Downsampling is a low-pass FIR followed by keeping every second sample. We do not use the
 * JDK resampler: by default it does not low-pass at all (a 6 kHz tone folds to 2 kHz at full level), and its
 * {@code "interpolation"="sinc"} mode is several times slower than this filter. G.711 is our own (see G711)
 * because the JDK's u-law encoder overflows at full scale.
 */
public final class Telephony {

    /** The telephone sample rate. */
    public static final int RATE = 8000;

    /** The narration sample rate this class downsamples from. */
    public static final int WIDEBAND_RATE = 16000;

    /**
     * The low-pass filter's centre tap, then its taps 1, 2, ... samples either side (it is symmetric): 75 taps, a
     * minimax design by linear programming ({@code bench/telephone-filter.py} prints them): the largest gain from 4 to
     * 8 kHz as low as it goes, about -72.2 dB, while the gain stays within 0.05 dB of unity from 0 to 3 kHz and between
     * -0.6 and +0.05 dB up to 3.4 kHz, the top of the telephone band. The 95-tap Kaiser-windowed sinc before it was
     * flat to 0.002 dB to 3 kHz, -0.7 dB at 3.4 kHz and at most -71.9 dB from 4 kHz: this one keeps more of 3.4 kHz, is
     * a little deeper from 4 kHz and a little less flat below 3 kHz (far less than G.711's own error), for 38
     * multiplications an output instead of 48.
     */
    private static final double[] FOLDED_TAPS = {
            0.45017099397293125, 0.31399486284890155, 0.0488555760638713, -0.09320927308337121,
            -0.04546525879097783, 0.04348008311353115, 0.04059845040766899, -0.019220069132413736,
            -0.034198741964295364, 0.005139094390419754, 0.02743931071170262, 0.003672706537357062,
            -0.020310555161615253, -0.008428609169018305, 0.013900307879775153, 0.010761850287454806,
            -0.00798835693072807, -0.010818641983107134, 0.003439518662389201, 0.009829890755759713,
            0.00023046926040556177, -0.007704721655740613, -0.0023675433489700236, 0.0055471056994578685,
            0.003697730871559623, -0.0031013201780658957, -0.003740427008796699, 0.0013422328102224719,
            0.003431152218088557, 0.00022012475028571223, -0.002387292141489931, -0.0008233889703937126,
            0.0016514427557288874, 0.0013120664944367018, -0.000829563965379492, -0.001800990848700327,
            -0.0011028249982220836, -0.00013189417419661362
    };

    /** Taps in the low-pass filter; odd, so the delay is a whole number of input samples. */
    static final int TAPS = 2 * FOLDED_TAPS.length - 1;

    private static final int DELAY = (TAPS - 1) / 2;

    /** Silence either side of the span filtered: every tap the last group of four reads, and the one after it, inside. */
    private static final int PAD = DELAY + 2;

    // Computed once and never written again; kept private so nobody can alter the filter. Scaled to a sum of exactly
    // one, so a steady level passes unchanged.
    private static final double[] LOW_PASS = unfold(FOLDED_TAPS);
    // The taps k samples either side of the centre, FOLDED[k] = LOW_PASS[DELAY - k] (FOLDED[0] unused).
    private static final double[] FOLDED = fold(LOW_PASS);

    private Telephony() {
    }

    /**
     * {@code wideband} at 8 kHz: low-pass filtered, then every second sample, aligned in time with the input
     * (the filter's delay is compensated) and {@code ceil(n/2)} samples long. Samples the filter pushes beyond
     * 16-bit range are clipped, never wrapped. An 8 kHz clip is returned unchanged.
     *
     * @throws IllegalArgumentException for sample rates other than 16000 or 8000
     */
    public static Pcm toNarrowband(Pcm wideband) {
        if (wideband.sampleRate() == RATE) return wideband;
        return toNarrowband(wideband, 0, wideband.length());
    }

    /**
     * Samples {@code from} (inclusive) to {@code to} (exclusive) of 16 kHz {@code wideband} at 8 kHz: exactly
     * {@link #toNarrowband(Pcm)} of that span cut out on its own (the samples either side read as silence), without
     * copying the span first. Samples past the clip's end read as silence, as in a span cut with
     * {@link java.util.Arrays#copyOfRange}. The span of an 8 kHz clip is returned as it is.
     *
     * @throws IllegalArgumentException  for sample rates other than 16000 or 8000, or {@code to < from}
     * @throws IndexOutOfBoundsException for {@code from} outside the clip
     */
    public static Pcm toNarrowband(Pcm wideband, int from, int to) {
        int inside = inside(from, to, wideband.length());
        if (wideband.sampleRate() == RATE) {
            return from == 0 && to == wideband.length() ? wideband : new Pcm(RATE, java.util.Arrays.copyOfRange(wideband.samples(), from, to));
        }
        if (wideband.sampleRate() != WIDEBAND_RATE) {
            throw new IllegalArgumentException("telephone audio is made from " + WIDEBAND_RATE + " Hz or " + RATE
                    + " Hz PCM, not " + wideband.sampleRate() + " Hz");
        }
        int n = to - from;
        double[] x = padded(n);
        for (int i = 0; i < inside; i++) x[PAD + i] = wideband.sample(from + i);
        return filtered(x, n);
    }

    /**
     * Samples {@code from} (inclusive) to {@code to} (exclusive) of the WAV file {@code wav} at 8 kHz: exactly
     * {@link #toNarrowband(Pcm, int, int)} of {@link Wav#decode}, but a 16 kHz 16-bit file's samples are read straight
     * from its bytes into the filter, with no array of them (and no copy of that) in between.
     *
     * @throws InvalidWavException       for a file {@link Wav#decode} rejects
     * @throws IllegalArgumentException  for sample rates other than 16000 or 8000, or {@code to < from}
     * @throws IndexOutOfBoundsException for {@code from} outside the clip
     */
    public static Pcm toNarrowband(byte[] wav, int from, int to) throws InvalidWavException {
        WavInfo info = Wav.inspect(wav);
        if (info.format() != Codec.PCM || info.bitsPerSample() != 16 || info.channels() != 1 || info.sampleRate() != WIDEBAND_RATE) {
            return toNarrowband(Wav.decode(wav), from, to);
        }
        int inside = inside(from, to, (int) info.frames());
        int n = to - from;
        double[] x = padded(n);
        for (int i = 0, at = (int) info.dataOffset() + 2 * from; i < inside; i++, at += 2) {
            x[PAD + i] = (short) ((wav[at] & 0xFF) | (wav[at + 1] << 8)); // little-endian, as Wav.decode reads it
        }
        return filtered(x, n);
    }

    /** How many of the span's samples the clip holds; checked as {@link java.util.Arrays#copyOfRange} checks. */
    private static int inside(int from, int to, int length) {
        if (from < 0 || from > length) throw new IndexOutOfBoundsException("span from " + from + " in a clip of " + length + " samples");
        if (to < from) throw new IllegalArgumentException("span from " + from + " to " + to);
        return Math.min(to, length) - from;
    }

    /**
     * Room for {@code n} samples as doubles with silence either side, so every output is the same loop with no edge
     * cases, and the conversion to double is done once a sample instead of once a tap. Integer-valued doubles add
     * exactly, so x[i - k] + x[i + k] is the very value the sum of the two shorts was.
     */
    private static double[] padded(int n) {
        int groups = ((n + 1) / 2 + 3) / 4;
        return new double[PAD + 8 * groups + PAD];
    }

    /** The 8 kHz samples of the {@code n} samples held in {@code x} after {@link #PAD} of silence. */
    private static Pcm filtered(double[] x, int n) {
        short[] out = new short[(n + 1) / 2];
        for (int m = 0; m < out.length; m += 4) four(x, PAD + 2 * m, out, m);
        return new Pcm(RATE, out);
    }

    /**
     * Outputs {@code m..m+3} (those inside {@code out}), centred on {@code x[centre]}, {@code +2}, {@code +4},
     * {@code +6}. Each is the centre tap times its sample plus each folded tap k = 1..DELAY times the sum of the two
     * samples k either side, added in that order (so the bytes never depend on how the loop is arranged). Four outputs
     * side by side give four independent chains of additions; and from tap k to tap k + 2 the samples the four read
     * move along by one output, so three of each four stay in registers and one is loaded: under C1, which neither
     * unrolls nor vectorises, loads and their bounds checks were most of the filter's time.
     */
    private static void four(double[] x, int centre, short[] out, int m) {
        double[] folded = FOLDED;
        double middle = LOW_PASS[DELAY];
        double a = middle * x[centre], b = middle * x[centre + 2], c = middle * x[centre + 4], d = middle * x[centre + 6];
        // Odd tap k: below, x[centre - k + 2j]; above, x[centre + k + 2j] for output j. Even tap k + 1 likewise.
        double below0 = x[centre - 1], below1 = x[centre + 1], below2 = x[centre + 3], below3 = x[centre + 5];
        double above0 = x[centre + 1], above1 = x[centre + 3], above2 = x[centre + 5], above3 = x[centre + 7];
        double evenBelow0 = x[centre - 2], evenBelow1 = x[centre], evenBelow2 = x[centre + 2], evenBelow3 = x[centre + 4];
        double evenAbove0 = x[centre + 2], evenAbove1 = x[centre + 4], evenAbove2 = x[centre + 6], evenAbove3 = x[centre + 8];
        int k = 1;
        // Eight taps at a time: the two-tap step of the loop after this one written out four times, where instead of
        // each value moving to the next register the registers change roles (output j reads below(j - s) and
        // above(j + s), mod 4, at step s); after four steps every role is back where it started. C1 keeps the moves
        // otherwise, and they cost a tenth of the filter.
        for (; k + 7 <= DELAY; k += 8) {
            double odd0 = folded[k], even0 = folded[k + 1];
            a += odd0 * (below0 + above0);
            b += odd0 * (below1 + above1);
            c += odd0 * (below2 + above2);
            d += odd0 * (below3 + above3);
            a += even0 * (evenBelow0 + evenAbove0);
            b += even0 * (evenBelow1 + evenAbove1);
            c += even0 * (evenBelow2 + evenAbove2);
            d += even0 * (evenBelow3 + evenAbove3);
            below3 = x[centre - k - 2];
            above0 = x[centre + k + 8];
            evenBelow3 = x[centre - k - 3];
            evenAbove0 = x[centre + k + 9];
            double odd1 = folded[k + 2], even1 = folded[k + 3];
            a += odd1 * (below3 + above1);
            b += odd1 * (below0 + above2);
            c += odd1 * (below1 + above3);
            d += odd1 * (below2 + above0);
            a += even1 * (evenBelow3 + evenAbove1);
            b += even1 * (evenBelow0 + evenAbove2);
            c += even1 * (evenBelow1 + evenAbove3);
            d += even1 * (evenBelow2 + evenAbove0);
            below2 = x[centre - k - 4];
            above1 = x[centre + k + 10];
            evenBelow2 = x[centre - k - 5];
            evenAbove1 = x[centre + k + 11];
            double odd2 = folded[k + 4], even2 = folded[k + 5];
            a += odd2 * (below2 + above2);
            b += odd2 * (below3 + above3);
            c += odd2 * (below0 + above0);
            d += odd2 * (below1 + above1);
            a += even2 * (evenBelow2 + evenAbove2);
            b += even2 * (evenBelow3 + evenAbove3);
            c += even2 * (evenBelow0 + evenAbove0);
            d += even2 * (evenBelow1 + evenAbove1);
            below1 = x[centre - k - 6];
            above2 = x[centre + k + 12];
            evenBelow1 = x[centre - k - 7];
            evenAbove2 = x[centre + k + 13];
            double odd3 = folded[k + 6], even3 = folded[k + 7];
            a += odd3 * (below1 + above3);
            b += odd3 * (below2 + above0);
            c += odd3 * (below3 + above1);
            d += odd3 * (below0 + above2);
            a += even3 * (evenBelow1 + evenAbove3);
            b += even3 * (evenBelow2 + evenAbove0);
            c += even3 * (evenBelow3 + evenAbove1);
            d += even3 * (evenBelow0 + evenAbove2);
            below0 = x[centre - k - 8];
            above3 = x[centre + k + 14];
            evenBelow0 = x[centre - k - 9];
            evenAbove3 = x[centre + k + 15];
        }
        for (; k < DELAY; k += 2) {
            double odd = folded[k];
            a += odd * (below0 + above0);
            b += odd * (below1 + above1);
            c += odd * (below2 + above2);
            d += odd * (below3 + above3);
            double even = folded[k + 1];
            a += even * (evenBelow0 + evenAbove0);
            b += even * (evenBelow1 + evenAbove1);
            c += even * (evenBelow2 + evenAbove2);
            d += even * (evenBelow3 + evenAbove3);
            below3 = below2;
            below2 = below1;
            below1 = below0;
            below0 = x[centre - k - 2];
            above0 = above1;
            above1 = above2;
            above2 = above3;
            above3 = x[centre + k + 8];
            evenBelow3 = evenBelow2;
            evenBelow2 = evenBelow1;
            evenBelow1 = evenBelow0;
            evenBelow0 = x[centre - k - 3];
            evenAbove0 = evenAbove1;
            evenAbove1 = evenAbove2;
            evenAbove2 = evenAbove3;
            evenAbove3 = x[centre + k + 9];
        }
        if (k == DELAY) { // an odd number of folded taps: the last is odd
            double odd = folded[k];
            a += odd * (below0 + above0);
            b += odd * (below1 + above1);
            c += odd * (below2 + above2);
            d += odd * (below3 + above3);
        }
        int count = Math.min(4, out.length - m);
        out[m] = saturate(a);
        if (count > 1) out[m + 1] = saturate(b);
        if (count > 2) out[m + 2] = saturate(c);
        if (count > 3) out[m + 3] = saturate(d);
    }

    /** A WAV file of {@code pcm} (16 or 8 kHz) as 8 kHz mono audio in {@code codec}. */
    public static byte[] wav(Pcm pcm, Codec codec) {
        Pcm narrow = toNarrowband(pcm);
        if (codec == Codec.PCM) return Wav.encode(narrow);
        return Wav.encodeG711(G711.encode(narrow.samples(), codec), codec, RATE);
    }

    /**
     * Headerless 8 kHz G.711 bytes of {@code pcm} (16 or 8 kHz), one byte per sample, as served with
     * {@link Codec#rawContentType()}.
     *
     * @throws IllegalArgumentException for {@link Codec#PCM}, which we only ship inside a WAV
     */
    public static byte[] raw(Pcm pcm, Codec codec) {
        if (!codec.isG711()) throw new IllegalArgumentException("raw telephone audio is ulaw or alaw; use wav for pcm");
        return G711.encode(toNarrowband(pcm).samples(), codec);
    }

    private static double[] fold(double[] h) {
        double[] folded = new double[DELAY + 1];
        for (int k = 1; k <= DELAY; k++) folded[k] = h[DELAY - k];
        return folded;
    }

    /** A copy of the filter coefficients, for tests that measure its frequency response. */
    static double[] lowPassTaps() {
        return LOW_PASS.clone();
    }

    private static short saturate(double value) {
        long rounded = Math.round(value);
        if (rounded > Short.MAX_VALUE) return Short.MAX_VALUE;
        if (rounded < Short.MIN_VALUE) return Short.MIN_VALUE;
        return (short) rounded;
    }

    /** The whole filter from its centre tap and the taps either side, scaled to unity gain at DC. */
    private static double[] unfold(double[] folded) {
        int delay = folded.length - 1;
        double[] h = new double[2 * delay + 1];
        double sum = 0;
        for (int k = 0; k <= delay; k++) {
            h[delay - k] = folded[k];
            h[delay + k] = folded[k];
        }
        for (double tap : h) sum += tap;
        for (int k = 0; k < h.length; k++) h[k] /= sum;
        return h;
    }
}
