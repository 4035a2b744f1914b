package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.making.Maker;
import app.earshot.store.ArtifactStore;
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
        List<Path> files;
        try (Stream<Path> all = Files.walk(cache)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().noneMatch(f -> f.toString().endsWith(".tmp")), "temp files left: " + files);
        ArtifactStore store = App.artifactStore(cache, Maker.open());
        List<String> failed = new ArrayList<>();
        int artifacts = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".sum")) {
                assertTrue(Files.isRegularFile(file.resolveSibling(name.substring(0, name.length() - 4))), "a record without its file: " + file);
                continue;
            }
            artifacts++;
            String key = name.substring(0, 64);
            if (store.find(key, name.substring(65)).isEmpty()) failed.add(name);
        }
        assertTrue(artifacts > 0, "the cache holds artifacts");
        assertEquals(List.of(), failed, "files that fail verification");
    }
}
