package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A page's chapters say which is which, even when a section is named like the page itself. */
class ChapterTitlesTest {
    @Test
    void theIntroductionAndTheSectionNamedLikeThePageHaveDifferentTitles() {
        try (TestServer server = TestServer.start(Path.of("src/test/resources/chapter-titles"))) {
            String vtt = server.get("/audio/what-is-ketamine.chapters.vtt").body();
            List<String> titles = vtt.lines().filter(l -> !l.isBlank() && !l.contains("-->") && !l.startsWith("WEBVTT")
                    && !l.matches("\\d+")).toList();
            assertEquals(List.of("Introduction to What is Ketamine?", "What is Ketamine?", "Is it safe?"), titles, vtt);
        }
    }
}
