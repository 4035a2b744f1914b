package app.earshot.audio;

import app.earshot.sound.Pcm;

/**
 * Turns 16 kHz narration into 8 kHz telephone audio (PCM, u-law or A-law; WAV or raw) without aliasing or wrap-around.
 *
 * <p>Downsampling is a windowed-sinc low-pass FIR followed by keeping every second sample. We do not use the
 * JDK resampler: by default it does not low-pass at all (a 6 kHz tone folds to 2 kHz at full level), and its
 * {@code "interpolation"="sinc"} mode is several times slower than this filter. G.711 is our own (see G711)
 * because the JDK's u-law encoder overflows at full scale.
 */
public final class Telephony {

    /** The telephone sample rate. */
    public static final int RATE = 8000;

    /** The narration sample rate this class downsamples from. */
    public static final int WIDEBAND_RATE = 16000;

    /** Taps in the low-pass filter; odd, so the delay is a whole number of input samples. */
    static final int TAPS = 95;

    /** -6 dB point: keeps the 300-3400 Hz telephone band (-0.7 dB at 3.4 kHz) and is > 70 dB down from 4 kHz. */
    static final double CUTOFF_HZ = 3600;

    /** Kaiser window shape; 7 trades a little transition width for about 70 dB of stop-band rejection. */
    static final double KAISER_BETA = 7.0;

    private static final int DELAY = (TAPS - 1) / 2;

    // Computed once and never written again; kept private so nobody can alter the filter.
    private static final double[] LOW_PASS = design(TAPS, CUTOFF_HZ / WIDEBAND_RATE, KAISER_BETA);
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
        if (wideband.sampleRate() != WIDEBAND_RATE) {
            throw new IllegalArgumentException("telephone audio is made from " + WIDEBAND_RATE + " Hz or " + RATE
                    + " Hz PCM, not " + wideband.sampleRate() + " Hz");
        }
        short[] in = wideband.samples();
        int n = in.length;
        short[] out = new short[(n + 1) / 2];
        // Output m is centred on input 2m; the filter is symmetric, so it is folded: each tap multiplies the sum of the
        // two samples it applies to (past either end the signal is silent). Only the kept outputs are computed. Where
        // every tap falls inside the input, four outputs are summed side by side: each is the same sum in the same
        // order as alone (so the bytes are too), but four independent additions keep the CPU busy where one chain of
        // 47 dependent ones would wait on each (a quarter less CPU under C1).
        int first = Math.min(out.length, (DELAY + 1) / 2);                  // the first output with every tap inside
        int end = n > DELAY ? Math.max(first, (n - DELAY + 1) / 2) : first; // one past the last such output
        int m = 0;
        for (; m < first; m++) out[m] = saturate(atEdge(in, 2 * m));
        for (; m + 3 < end; m += 4) inside4(in, 2 * m, out, m);
        for (; m < out.length; m++) out[m] = saturate(atEdge(in, 2 * m));
        return new Pcm(RATE, out);
    }

    /** The filter's output centred on input {@code centre}, taps outside the input reading silence. */
    private static double atEdge(short[] in, int centre) {
        double[] folded = FOLDED;
        int n = in.length;
        double acc = LOW_PASS[DELAY] * in[centre];
        for (int k = 1; k <= DELAY; k++) {
            int pair = (centre - k >= 0 ? in[centre - k] : 0) + (centre + k < n ? in[centre + k] : 0);
            acc += folded[k] * pair;
        }
        return acc;
    }

    /** Outputs {@code m..m+3}, centred on inputs {@code centre, centre + 2, +4, +6}, every tap inside the input. */
    private static void inside4(short[] in, int centre, short[] out, int m) {
        double[] folded = FOLDED;
        double middle = LOW_PASS[DELAY];
        double a = middle * in[centre];
        double b = middle * in[centre + 2];
        double c = middle * in[centre + 4];
        double d = middle * in[centre + 6];
        for (int k = 1; k <= DELAY; k++) {
            double tap = folded[k];
            a += tap * (in[centre - k] + in[centre + k]);
            b += tap * (in[centre + 2 - k] + in[centre + 2 + k]);
            c += tap * (in[centre + 4 - k] + in[centre + 4 + k]);
            d += tap * (in[centre + 6 - k] + in[centre + 6 + k]);
        }
        out[m] = saturate(a);
        out[m + 1] = saturate(b);
        out[m + 2] = saturate(c);
        out[m + 3] = saturate(d);
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

    /** Kaiser-windowed sinc low-pass with unity gain at DC; {@code cutoff} is a fraction of the sample rate. */
    private static double[] design(int taps, double cutoff, double beta) {
        double[] h = new double[taps];
        int centre = (taps - 1) / 2;
        double sum = 0;
        for (int k = 0; k < taps; k++) {
            int t = k - centre;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double r = (double) t / centre;
            h[k] = sinc * besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta);
            sum += h[k];
        }
        for (int k = 0; k < taps; k++) h[k] /= sum;
        return h;
    }

    /** Zeroth-order modified Bessel function of the first kind, by its power series (converges fast for beta < 20). */
    private static double besselI0(double x) {
        double sum = 1, term = 1;
        for (int k = 1; k < 60; k++) {
            term *= x / (2 * k);
            sum += term * term;
        }
        return sum;
    }
}
