package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.App;
import app.earshot.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is made once per load (home page, search index, remembered results pages) follows a reload at once. */
class LibraryReloadTest {
    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(Path.of("src/test/resources/library"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void reloadEdited() throws Exception {
        server.store().replace(App.snapshot(App.load(Path.of("src/test/resources/library-edited"))));
    }

    List<String> found(String query) {
        return server.html("/search?q=" + query).select("ol.search-results h2 a").eachAttr("href");
    }

    @Test
    void homePageListsTheReloadedPages() throws Exception {
        assertEquals(List.of("After your session"), server.html("/").select("h2#topic-aftercare + ul a").eachText());
        reloadEdited();
        assertEquals(List.of("Aftercare checklist", "Looking after yourself"), server.html("/").select("h2#topic-aftercare + ul a").eachText());
    }

    @Test
    void aRememberedSearchIsNotServedAfterAReload() throws Exception {
        // Ranked by BM25 (a page title counts for all its sections): which sections are found is the point, not their order.
        assertEquals(java.util.Set.of("/ketamine-infusions/aftercare-at-home", "/after-your-session/introduction", "/before-your-visit/what-to-bring"),
                java.util.Set.copyOf(found("aftercare")));
        reloadEdited();
        assertEquals(java.util.Set.of("/aftercare-checklist/introduction", "/aftercare-checklist/the-list", "/ketamine-infusions/aftercare-at-home",
                        "/before-your-visit/what-to-bring"),
                java.util.Set.copyOf(found("aftercare")));
    }

    @Test
    void aRepeatedSearchIsTheSamePage() {
        assertEquals(server.get("/search?q=aftercare").body(), server.get("/search?q=aftercare").body());
        assertEquals(1, SearchRoutes.recent(server.site()).size());
    }
}
