import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measurement, not a test (bench/normalise-ab.sh): the thread CPU of LoudnessNormaliser.narration on one ~20 s
 * FreeTTS clip, for each build's jar given, all in one JVM (each jar in its own class loader), the builds taking turns
 * every run, so a loaded machine slows every build alike. Prints ns per sample (mean of the second half of the runs)
 * and the output's hash: equal hashes mean the builds give the same samples.
 */
public final class NormaliseAB {
    private static final String TEXT = "Ketamine is a medicine that doctors have used for many years as an anaesthetic."
            + " In lower doses it can help some people with depression that has not improved with other treatments."
            + " It works differently from most antidepressants, and its effects can be felt within hours rather than"
            + " weeks. Your care team will check your blood pressure before and after each session.";

    public static void main(String[] jars) throws Exception {
        int m = jars.length;
        Method[] narration = new Method[m];
        Object[] clip = new Object[m];
        for (int k = 0; k < m; k++) {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jars[k]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> synthesizer = loader.loadClass("app.earshot.speech.FreeTtsSynthesizer");
            Object voice = synthesizer.getConstructor(int.class, java.time.Duration.class).newInstance(1, java.time.Duration.ofSeconds(30));
            Class<?> settings = loader.loadClass("app.earshot.speech.VoiceSettings");
            Object speech = synthesizer.getMethod("speak", String.class, settings).invoke(voice, TEXT, settings.getField("DEFAULT").get(null));
            clip[k] = speech.getClass().getMethod("audio").invoke(speech);
            narration[k] = loader.loadClass("app.earshot.audio.LoudnessNormaliser").getMethod("narration", loader.loadClass("app.earshot.sound.Pcm"));
        }
        int runs = 60;
        long[] spent = new long[m];
        Object[] out = new Object[m];
        var threads = ManagementFactory.getThreadMXBean();
        for (int run = 0; run < runs; run++) {
            for (int k = 0; k < m; k++) {
                long start = threads.getCurrentThreadCpuTime();
                out[k] = narration[k].invoke(null, clip[k]);
                if (run >= runs / 2) spent[k] += threads.getCurrentThreadCpuTime() - start;
            }
        }
        int samples = (Integer) clip[0].getClass().getMethod("length").invoke(clip[0]);
        for (int k = 0; k < m; k++) {
            double perRun = spent[k] / (double) (runs - runs / 2);
            System.out.printf(Locale.ROOT, "%s: normalisation %.2f ms for %d samples, %.1f ns a sample; output hash %d%n",
                    jars[k], perRun / 1e6, samples, perRun / samples, out[k].hashCode());
        }
        System.exit(0);
    }
}
