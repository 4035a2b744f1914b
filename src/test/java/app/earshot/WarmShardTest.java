package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two machines warm a library between them; their caches merged by plain copy are the whole library's audio. */
class WarmShardTest {
    static final String LIBRARY = "src/test/resources/library";

    static String warm(Path cache, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.of("warm", "--content", LIBRARY, "--audio-cache", cache.toString()), Stream.of(more))
                .toArray(String[]::new);
        assertEquals(0, Earshot.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        return out.toString(StandardCharsets.UTF_8);
    }

    static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void twoShardsMakeDisjointFilesThatTogetherLeaveNothingToSynthesize(@TempDir Path tmp) throws IOException {
        Path first = tmp.resolve("a");
        Path second = tmp.resolve("b");
        Path merged = tmp.resolve("merged");
        assertTrue(warm(first, "--shard", "1/2").contains("warm: shard 1/2:"));
        warm(second, "--shard", "2/2");
        assertTrue(!files(first).isEmpty() && !files(second).isEmpty(), "the fixture's pages fall in both shards");
        Set<String> overlap = new HashSet<>(files(first));
        overlap.retainAll(files(second));
        assertEquals(Set.of(), overlap);
        for (Path shard : new Path[] {first, second}) {
            for (String f : files(shard)) {
                Files.createDirectories(merged.resolve(f).getParent());
                Files.copy(shard.resolve(f), merged.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertTrue(warm(merged).contains("; 0 synthesized"), "merged cache was not complete");
    }

    @Test
    void malformedShardIsAUsageError() {
        assertEquals(2, Earshot.run(new String[] {"warm", "--content", LIBRARY, "--shard", "3/2"}, System.out, System.err));
    }
}
