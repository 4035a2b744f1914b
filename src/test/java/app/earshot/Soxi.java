package app.earshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Asks sox's {@code soxi} about an audio file: an oracle independent of our own WAV code. */
public final class Soxi {
    private static final Path SOXI = Path.of("/usr/bin/soxi");

    private Soxi() {}

    /** {@code soxi -<flag> file}, e.g. "r" for rate, "c" channels, "D" seconds, "e" encoding. */
    public static String ask(String flag, Path file) {
        if (!Files.isExecutable(SOXI)) {
            throw new IllegalStateException("these tests need sox's soxi (apt-get install sox); .ci/run installs it");
        }
        try {
            Process p = new ProcessBuilder(SOXI.toString(), "-" + flag, file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) throw new IllegalStateException("soxi failed on " + file + ": " + out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
