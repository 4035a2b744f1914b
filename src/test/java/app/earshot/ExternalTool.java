package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a Debian tool the tests use as an independent oracle (sox, ffmpeg); a missing tool or a failed run fails the test. */
public final class ExternalTool {
    private ExternalTool() {}

    /** {@code tool args...}, its standard output and error together; fails the test unless it exits 0. */
    public static String run(Path tool, String debianPackage, String... args) {
        if (!Files.isExecutable(tool)) {
            fail(tool + " is missing: install the Debian package '" + debianPackage + "' (the CI script does); these tests use it as an oracle");
        }
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
