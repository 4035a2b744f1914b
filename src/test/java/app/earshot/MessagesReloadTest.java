package app.earshot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved edit to the site's own message catalogue is served, like an edit to a page. */
class MessagesReloadTest {
    @Test
    void anEditedSiteCatalogueIsServedWithoutARestart(@TempDir Path content) throws Exception {
        TestServer.copyTree(Fixture.SITE, content);
        Path file = content.resolve("messages/en.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "layout.skip=Skip to the page\n", StandardCharsets.UTF_8);
        try (TestServer server = TestServer.start(content);
             ContentWatcher watcher = new ContentWatcher(content, server.store(), snapshot -> {}).start()) {
            assertTrue(server.get("/").body().contains(">Skip to the page<"));
            Files.writeString(file, "layout.skip=Go to the content\n", StandardCharsets.UTF_8);
            Await.until(Duration.ofSeconds(10), () -> server.get("/").body().contains(">Go to the content<"), "the edit is served");
        }
    }
}
