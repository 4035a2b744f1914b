package app.earshot.audio;

import app.earshot.sound.Pcm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measurement, not a test: CPU of one MP3 encoding of a WAV as {@link Mp3} drives it, by jump3r or libmp3lame, at a
 * LAME quality. Prints {@code key=value} lines for {@code bench/mp3-encoders.sh}: {@code cold_ms}, the process CPU
 * (every thread: the JIT's too) of the first encoding in this JVM; {@code warm_ms}, the median (and min, max) thread
 * CPU of the encodings after {@code warmup} more.
 * Arguments: {@code jump3r|libmp3lame quality wav warmup runs}.
 */
public final class Mp3EncoderBench {

    private Mp3EncoderBench() {
    }

    public static void main(String[] args) throws Exception {
        Mp3Engine.Maker engine = args[0].equals("jump3r") ? Mp3Jump3r.MAKER : LibMp3Lame.open(Mp3Engine.DEFAULT_LIBRARY);
        int quality = Integer.parseInt(args[1]);
        Pcm pcm = Wav.decode(Files.readAllBytes(Path.of(args[2])));
        int warmup = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = os.getProcessCpuTime();
        int bytes = Mp3.encode(pcm, engine, quality).length;
        double cold = (os.getProcessCpuTime() - before) / 1e6;
        for (int i = 0; i < warmup; i++) Mp3.encode(pcm, engine, quality);
        double[] warm = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = threads.getCurrentThreadCpuTime();
            Mp3.encode(pcm, engine, quality);
            warm[i] = (threads.getCurrentThreadCpuTime() - t) / 1e6;
        }
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "engine=%s%nquality=%d%naudio_seconds=%.1f%nbytes=%d%ncold_ms=%.0f%nwarm_ms=%.1f%nwarm_min_ms=%.1f%nwarm_max_ms=%.1f%n",
                engine.id(), quality, pcm.length() / (double) pcm.sampleRate(), bytes, cold, warm[runs / 2], warm[0], warm[runs - 1]);
    }
}
