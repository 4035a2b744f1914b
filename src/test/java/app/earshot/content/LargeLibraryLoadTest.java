package app.earshot.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library of hundreds of pages is parsed on several threads and still loads, and reports, in file order. */
class LargeLibraryLoadTest {
    @TempDir
    Path dir;

    void write(int pages, List<Integer> withoutTopic) throws IOException {
        Files.writeString(dir.resolve("site.yaml"), TopicsTest.SITE);
        Files.createDirectories(dir.resolve("pages"));
        for (int i = 0; i < pages; i++) {
            String topic = withoutTopic.contains(i) ? "" : "topic: aftercare\n";
            Files.writeString(dir.resolve(String.format("pages/p-%03d.md", i)), TopicsTest.FRONT + topic + TopicsTest.BODY);
        }
    }

    @Test
    void everyPageLoadsInSlugOrder() throws Exception {
        write(300, List.of());
        assertEquals(IntStream.range(0, 300).mapToObj(i -> String.format("p-%03d", i)).toList(),
                new ContentLoader().load(dir).pages().stream().map(Page::slug).toList());
    }

    @Test
    void problemsAreReportedInFileOrder() throws Exception {
        write(300, List.of(7, 150, 299));
        List<String> problems = org.junit.jupiter.api.Assertions.assertThrows(ContentException.class, () -> new ContentLoader().load(dir)).problems();
        assertEquals(List.of("p-007.md", "p-150.md", "p-299.md"),
                problems.stream().map(p -> Path.of(p.substring(0, p.indexOf(".md:") + 3)).getFileName().toString()).toList());
    }
}
