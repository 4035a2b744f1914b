package app.earshot.sound;

/**
 * Changes the sample rate of mono PCM with a windowed-sinc low-pass, so nothing above the new Nyquist frequency folds
 * back into the speech band (eSpeak NG's 22,050 Hz down to narration's 16,000 Hz).
 */
public final class Resampler {
    // Zero crossings of the sinc each side of a sample at the output rate: 16 gives over 60 dB of stop band with the
    // Blackman window; the rest of the pipeline (loudness, MP3, telephone) sees ordinary 16 kHz speech.
    private static final int HALF_TAPS = 16;
    // Output samples fall on at most this many distinct fractional positions (320 for 22,050 -> 16,000): their
    // weights are worked out once per call rather than three trigonometric calls per tap per sample.
    private static final int MAX_PHASES = 4096;

    private Resampler() {}

    /** {@code in} at {@code rate} Hz: the same sound, {@code in.seconds()} long; {@code in} itself at its own rate. */
    public static Pcm to(Pcm in, int rate) {
        if (rate <= 0) throw new IllegalArgumentException("rate must be positive: " + rate);
        if (rate == in.sampleRate()) return in;
        int gcd = gcd(in.sampleRate(), rate);
        int phases = rate / gcd;                                   // distinct fractional positions
        int stride = in.sampleRate() / gcd;                        // input samples per `phases` outputs
        double cutoff = Math.min(1.0, rate / (double) in.sampleRate()) * 0.95; // of the input Nyquist
        int reach = (int) Math.ceil(HALF_TAPS / cutoff);           // input samples either side
        int taps = 2 * reach + 1;
        double[][] weights = phases <= MAX_PHASES ? new double[phases][] : null;
        int length = (int) Math.round(in.length() * (double) rate / in.sampleRate());
        short[] out = new short[length];
        for (int n = 0; n < length; n++) {
            // Position n * stride / phases in input samples, kept exact in integers.
            long numerator = (long) n * stride;
            int centre = (int) (numerator / phases);
            int phase = (int) (numerator % phases);
            double[] w = weights == null ? weights(phase / (double) phases, reach, cutoff)
                    : weights[phase] != null ? weights[phase] : (weights[phase] = weights(phase / (double) phases, reach, cutoff));
            double sum = 0;
            int first = centre - reach;
            for (int k = Math.max(0, -first); k < taps && first + k < in.length(); k++) sum += in.sample(first + k) * w[k];
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        return new Pcm(rate, out);
    }

    /** Weights of the input samples centre-reach .. centre+reach for an output {@code fraction} past centre. */
    private static double[] weights(double fraction, int reach, double cutoff) {
        double[] w = new double[2 * reach + 1];
        for (int k = 0; k < w.length; k++) {
            double x = k - reach - fraction;
            w[k] = cutoff * sinc(cutoff * x) * blackman(x / (reach + 1));
        }
        return w;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Blackman window over -1..1. */
    private static double blackman(double x) {
        return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
    }
}
