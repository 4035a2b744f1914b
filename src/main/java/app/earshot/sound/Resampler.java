package app.earshot.sound;

/**
 * Changes the sample rate of mono PCM with a windowed-sinc low-pass, so nothing above the new Nyquist frequency folds
 * back into the speech band (eSpeak NG's 22,050 Hz down to narration's 16,000 Hz).
 */
public final class Resampler {
    // Taps each side of a sample: 16 gives over 60 dB of stop band with the Blackman window, at ~0.5 ms per second of
    // speech; the rest of the pipeline (loudness, MP3, telephone) sees ordinary 16 kHz speech.
    private static final int HALF_TAPS = 16;

    private Resampler() {}

    /** {@code in} at {@code rate} Hz: the same sound, {@code in.seconds()} long; {@code in} itself at its own rate. */
    public static Pcm to(Pcm in, int rate) {
        if (rate <= 0) throw new IllegalArgumentException("rate must be positive: " + rate);
        if (rate == in.sampleRate()) return in;
        double step = in.sampleRate() / (double) rate;            // input samples per output sample
        double cutoff = Math.min(1.0, rate / (double) in.sampleRate()) * 0.95; // of the input Nyquist
        double reach = HALF_TAPS / cutoff;                         // input samples either side
        int length = (int) Math.round(in.length() / step);
        short[] out = new short[length];
        for (int n = 0; n < length; n++) {
            double t = n * step;
            int first = (int) Math.ceil(t - reach);
            int last = (int) Math.floor(t + reach);
            double sum = 0;
            for (int k = Math.max(first, 0); k <= Math.min(last, in.length() - 1); k++) {
                double x = k - t;
                sum += in.sample(k) * cutoff * sinc(cutoff * x) * blackman(x / reach);
            }
            out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        return new Pcm(rate, out);
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Blackman window over -1..1. */
    private static double blackman(double x) {
        return 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
    }
}
