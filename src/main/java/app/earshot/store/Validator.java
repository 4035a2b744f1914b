package app.earshot.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks a complete file's format; throwing rejects it (it is then deleted and produced again). Each format's check
 * lives beside its format code ({@code Wav::inspect}, {@code Mp3::inspect}, {@code Epub::checkContainer}, ...) and is
 * registered per extension where the store is wired.
 */
@FunctionalInterface
public interface Validator {
    void check(Path file) throws IOException;

    /** Accepts any file: for headerless formats, whose length and checksum are all there is to check. */
    static Validator anyFile() {
        return file -> {
        };
    }
}
