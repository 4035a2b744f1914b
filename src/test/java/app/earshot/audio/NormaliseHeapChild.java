package app.earshot.audio;

import app.earshot.sound.Pcm;

/**
 * For {@code bench/normalise-heap.sh}: brings a synthetic clip of the given seconds (16 kHz, quiet speech-like bursts
 * with short loud peaks, so that the gain is raised and the limiter works) to narration loudness once, in whatever heap it is given.
 */
public final class NormaliseHeapChild {
    private NormaliseHeapChild() {
    }

    public static void main(String[] args) {
        double seconds = Double.parseDouble(args[0]);
        int rate = 16000;
        short[] samples = new short[(int) (seconds * rate)];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < samples.length; i++) {
            double syllable = Math.abs(Math.sin(Math.PI * i / (0.25 * rate)));
            double word = (i / (rate / 2)) % 4 == 3 ? 0.05 : 1; // a pause every two seconds
            // Quiet speech (so the gain is raised) with plosive-like peaks every 0.37 s (so the limiter has work).
            double plosive = i % (int) (0.37 * rate) < 40 ? 6 : 1;
            samples[i] = (short) Math.round(2500 * syllable * word * plosive * (Math.sin(i * 2 * Math.PI * 180 / rate) + 0.2 * random.nextGaussian()));
        }
        long start = System.nanoTime();
        Pcm out = LoudnessNormaliser.narration(new Pcm(rate, samples));
        System.out.printf("normalised %.0f s (%d samples) in %.2f s, true peak %.2f dBTP%n", seconds, out.length(),
                (System.nanoTime() - start) / 1e9, LoudnessMeter.truePeak(out));
    }
}
