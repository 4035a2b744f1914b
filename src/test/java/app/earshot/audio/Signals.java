package app.earshot.audio;

import app.earshot.sound.Pcm;

/** Test signals and measurements on them. */
public final class Signals {

    private Signals() {
    }

    /** {@code seconds} of a sine at {@code hz} with peak {@code amplitude}. */
    public static Pcm tone(int rate, double hz, double amplitude, double seconds) {
        short[] s = new short[(int) Math.round(rate * seconds)];
        for (int i = 0; i < s.length; i++) s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        return new Pcm(rate, s);
    }

    /** A square wave switching between the 16-bit extremes, {@code hz} full periods per second. */
    public static Pcm fullScaleSquare(int rate, double hz, double seconds) {
        short[] s = new short[(int) Math.round(rate * seconds)];
        for (int i = 0; i < s.length; i++) s[i] = ((long) Math.floor(2 * hz * i / rate)) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        return new Pcm(rate, s);
    }

    /** Root mean square of samples [from, to). */
    static double rms(Pcm pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) pcm.sample(i) * pcm.sample(i);
        return Math.sqrt(sum / (to - from));
    }

    /** RMS of the middle of the clip, skipping {@code edgeSeconds} at each end where the filter sees the tone start and stop. */
    static double middleRms(Pcm pcm, double edgeSeconds) {
        int edge = (int) (pcm.sampleRate() * edgeSeconds);
        return rms(pcm, edge, pcm.length() - edge);
    }

    /** Number of times consecutive samples change sign (zero counts as positive). */
    static int signChanges(Pcm pcm) {
        int changes = 0;
        for (int i = 1; i < pcm.length(); i++) {
            if ((pcm.sample(i) >= 0) != (pcm.sample(i - 1) >= 0)) changes++;
        }
        return changes;
    }

    static double decibels(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
