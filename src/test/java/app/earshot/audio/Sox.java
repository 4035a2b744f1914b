package app.earshot.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

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
        if (!Files.isExecutable(tool)) {
            fail(tool + " is missing: install the Debian package 'sox' (the CI script does); these tests use it as an oracle");
        }
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, process.waitFor(), () -> String.join(" ", command) + " failed: " + output);
            return output;
        } catch (IOException e) {
            return fail("could not run " + tool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted running " + tool, e);
        }
    }
}
