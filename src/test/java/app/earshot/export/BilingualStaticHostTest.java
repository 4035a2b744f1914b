package app.earshot.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The export of the bilingual fixture site (English and Spanish, each with its home) on stock nginx: nothing dead, nothing mistyped. */
class BilingualStaticHostTest {
    static final Path EXPORT = Path.of("target", "stock-hosts-es", "export");

    @Test
    void stockNginxServesBothLanguagesWithTheLiveTypes() throws Exception {
        try (TestServer live = TestServer.start(app.earshot.Fixture.BILINGUAL)) {
            StaticHostTypesTest.exportAnew(live, EXPORT);
            Set<String> seen = new LinkedHashSet<>();
            try (StockHost nginx = StockHost.nginx(EXPORT, EXPORT.resolveSibling("nginx"))) {
                assertEquals(List.of(), StaticHostTypesTest.deadOrMistyped(live, nginx, seen, new TreeSet<>()));
            }
            for (String language : live.site().languages().subList(1, live.site().languages().size())) {
                assertTrue(seen.contains("/" + language + "/"), language + "'s home crawled: " + seen);
            }
            for (var page : live.site().pages()) {
                assertTrue(seen.contains("/" + page.slug()) || seen.contains("/" + page.slug() + "/"), page.slug() + " crawled");
                assertTrue(seen.contains("/audio/" + page.slug() + ".mp3"), page.slug() + "'s narration crawled");
            }
        }
    }
}
