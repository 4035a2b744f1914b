package app.earshot.audio;

import java.nio.file.Path;


/** Runs the sox command-line tools as an independent oracle; a missing sox fails the test rather than skipping it. */
final class Sox {

    private static final Path SOX = Path.of("/usr/bin/sox");
    private static final Path SOXI = Path.of("/usr/bin/soxi");

    private Sox() {
    }

    /** soxi's answer for one field of {@code file}, e.g. "-r" (rate), "-c" (channels), "-D" (seconds), "-e" (encoding). */
    static String soxi(String field, Path file) {
        return run(SOXI, field, file.toString());
    }

    /** Runs sox with {@code args}; fails the test if it exits non-zero. */
    static void sox(String... args) {
        run(SOX, args);
    }

    private static String run(Path tool, String... args) {
        return app.earshot.ExternalTool.run(tool, "sox", args).strip();
    }
}
