package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.making.Maker;
import app.earshot.store.ArtifactStore;
import app.earshot.store.Seal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Checks a cache folder left by servers with the store's own verification, as a fresh server would check it. */
final class CacheCheck {
    private CacheCheck() {}

    /** Every artifact file in {@code cache} verifies against its record and format; nothing else is there. */
    static void assertEveryFileVerifies(Path cache) throws IOException {
        assertEveryFileVerifies(cache, Seal.NONE);
    }

    /** As above, with every record's MAC checked with {@code seal}. */
    static void assertEveryFileVerifies(Path cache, Seal seal) throws IOException {
        List<Path> files = files(cache);
        assertTrue(files.stream().noneMatch(f -> f.toString().endsWith(".tmp")), "temp files left: " + files);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".sum")) {
                assertTrue(Files.isRegularFile(file.resolveSibling(name.substring(0, name.length() - 4))), "a record without its file: " + file);
            }
        }
        assertTrue(assertStoredFilesVerify(cache, seal) > 0, "the cache holds artifacts");
    }

    /**
     * Every file under an artifact's final name verifies (temp files and records are not looked at: a write killed
     * midway leaves a temp file, or a record whose file was not yet renamed into place); returns how many there are.
     */
    static int assertStoredFilesVerify(Path cache) throws IOException {
        return assertStoredFilesVerify(cache, Seal.NONE);
    }

    /** As above, checking the records' MAC with {@code seal}. */
    static int assertStoredFilesVerify(Path cache, Seal seal) throws IOException {
        if (!Files.isDirectory(cache)) return 0;
        List<Path> files = files(cache);
        ArtifactStore store = App.artifactStore(cache, Maker.open(), seal);
        List<String> failed = new ArrayList<>();
        int artifacts = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".sum") || name.endsWith(".tmp")) continue;
            artifacts++;
            String key = name.substring(0, 64);
            if (store.find(key, name.substring(65)).isEmpty()) failed.add(name);
        }
        assertEquals(List.of(), failed, "files that fail verification");
        return artifacts;
    }

    private static List<Path> files(Path cache) throws IOException {
        try (Stream<Path> all = Files.walk(cache)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
