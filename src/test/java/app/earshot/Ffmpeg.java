package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs ffmpeg and ffprobe (Debian package ffmpeg) as independent oracles for loudness, levels and MP3 facts; a missing
 * ffmpeg fails the test rather than skipping it.
 */
public final class Ffmpeg {
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final Path FFPROBE = Path.of("/usr/bin/ffprobe");
    private static final Pattern INTEGRATED = Pattern.compile("Integrated loudness:\\s+I:\\s+(-?[0-9.]+|-inf) LUFS");
    private static final Pattern TRUE_PEAK = Pattern.compile("True peak:\\s+Peak:\\s+(-?[0-9.]+|-inf) dBFS");
    private static final Pattern MEAN = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB");
    private static final Pattern MAX = Pattern.compile("max_volume: (-?[0-9.]+|-inf) dB");

    private Ffmpeg() {
    }

    /** What ffmpeg's EBU R128 meter ({@code ebur128=peak=true}) says of a whole file. */
    public record Loudness(double integratedLufs, double truePeakDbtp) {}

    /** ffmpeg's {@code volumedetect}: mean and maximum level in dB relative to full scale (a full-scale square is 0). */
    public record Volume(double meanDb, double maxDb) {}

    public static Loudness ebur128(Path file) {
        String out = run(FFMPEG, "-nostats", "-hide_banner", "-i", file.toString(), "-filter_complex", "ebur128=peak=true", "-f", "null", "-");
        return new Loudness(number(INTEGRATED, out), number(TRUE_PEAK, out));
    }

    /** {@code volumedetect} after {@code filters} (an ffmpeg audio filter chain, or "" for none). */
    public static Volume volume(Path file, String filters) {
        String chain = filters.isEmpty() ? "volumedetect" : filters + ",volumedetect";
        String out = run(FFMPEG, "-nostats", "-hide_banner", "-i", file.toString(), "-af", chain, "-f", "null", "-");
        return new Volume(number(MEAN, out), number(MAX, out));
    }

    /** ffprobe's view of the first audio stream: keys such as sample_rate, channels, bit_rate, duration, codec_name. */
    public static Map<String, String> probe(Path file) {
        String out = run(FFPROBE, "-v", "error", "-select_streams", "a:0", "-show_entries",
                "stream=codec_name,sample_rate,channels,bit_rate,duration,bits_per_sample", "-of", "default=noprint_wrappers=1",
                file.toString());
        Map<String, String> fields = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return fields;
    }

    /** The last match: ffmpeg may print an empty summary for a filter graph it configured while probing, then the real one. */
    /**
     * Seconds of audio ffmpeg decodes from {@code file} at {@code rate}: for an MP3 with a LAME tag, ffmpeg drops the
     * encoder delay and padding the tag declares (ffprobe's own {@code duration} field still counts them).
     */
    public static double decodedSeconds(Path file, int rate) {
        if (!Files.isExecutable(FFMPEG)) fail(FFMPEG + " is missing: install the Debian package 'ffmpeg'");
        try {
            Process process = new ProcessBuilder(FFMPEG.toString(), "-v", "error", "-i", file.toString(), "-f", "s16le", "-ac", "1",
                    "-ar", Integer.toString(rate), "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long bytes = process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertEquals(0, process.waitFor(), "ffmpeg could not decode " + file);
            return bytes / 2.0 / rate;
        } catch (IOException e) {
            return fail("could not run ffmpeg", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted running ffmpeg", e);
        }
    }

    /** The samples ffmpeg decodes from {@code file}, as mono 16-bit at {@code rate} (encoder delay and padding dropped). */
    public static short[] decode(Path file, int rate) {
        if (!Files.isExecutable(FFMPEG)) fail(FFMPEG + " is missing: install the Debian package 'ffmpeg'");
        try {
            Process process = new ProcessBuilder(FFMPEG.toString(), "-v", "error", "-i", file.toString(), "-f", "s16le", "-ac", "1",
                    "-ar", Integer.toString(rate), "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] bytes = process.getInputStream().readAllBytes();
            assertEquals(0, process.waitFor(), "ffmpeg could not decode " + file);
            short[] samples = new short[bytes.length / 2];
            java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        } catch (IOException e) {
            return fail("could not run ffmpeg", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted running ffmpeg", e);
        }
    }

    private static double number(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        String last = null;
        while (m.find()) last = m.group(1);
        if (last == null) return fail("ffmpeg printed no " + pattern + ":\n" + output);
        return last.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(last);
    }

    private static String run(Path tool, String... args) {
        return app.earshot.ExternalTool.run(tool, "ffmpeg", args);
    }
}
