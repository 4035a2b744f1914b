package app.earshot.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the cue timings of a WebVTT file, failing on anything that is not WebVTT. */
final class VttParser {
    private static final Pattern TIMING = Pattern.compile("(\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3})");

    private VttParser() {}

    /** Each cue as {start, end} in seconds. */
    static List<double[]> cues(String vtt) {
        if (!vtt.startsWith("WEBVTT")) throw new AssertionError("not WebVTT: " + vtt.substring(0, Math.min(40, vtt.length())));
        List<double[]> cues = new ArrayList<>();
        for (String block : vtt.split("\n\n")) {
            for (String line : block.split("\n")) {
                Matcher m = TIMING.matcher(line);
                if (m.find()) {
                    cues.add(new double[]{seconds(m, 1), seconds(m, 5)});
                    break;
                }
            }
        }
        return cues;
    }

    private static double seconds(Matcher m, int g) {
        return Integer.parseInt(m.group(g)) * 3600 + Integer.parseInt(m.group(g + 1)) * 60
                + Integer.parseInt(m.group(g + 2)) + Integer.parseInt(m.group(g + 3)) / 1000.0;
    }
}
