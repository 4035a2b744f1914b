package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} refuses a site that lists a language whose message catalogue lacks words English has. */
class MessageCheckTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int check(Path dir) {
        return Earshot.run(new String[] {"check", "--content", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The bilingual fixture, listing French too. */
    Path siteWithFrench(Path dir) throws Exception {
        TestServer.copyTree(app.earshot.Fixture.BILINGUAL, dir);
        Path yaml = dir.resolve("site.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("languages: [en, es]", "languages: [en, es, fr]"));
        return dir;
    }

    @Test
    void theBilingualFixturePasses() {
        assertEquals(0, check(app.earshot.Fixture.BILINGUAL), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aListedLanguageWithoutACatalogueFailsNamingTheFileToCreate(@TempDir Path dir) throws Exception {
        assertEquals(1, check(siteWithFrench(dir)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(dir.resolve("messages/fr.properties")
                + ":1: no message catalogue for language 'fr'"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCatalogueMissingKeysFailsNamingFileAndEachMissingKey(@TempDir Path dir) throws Exception {
        siteWithFrench(dir);
        Files.createDirectories(dir.resolve("messages"));
        Files.writeString(dir.resolve("messages/fr.properties"), "# layout\nlayout.skip=Aller au contenu principal\n",
                StandardCharsets.UTF_8);
        assertEquals(1, check(dir));
        List<String> lines = List.of(err.toString(StandardCharsets.UTF_8).split("\n"));
        assertTrue(lines.contains(dir.resolve("messages/fr.properties") + ":1: missing message key 'page.contents' (English: \"Contents\")"),
                lines.get(0));
        assertTrue(lines.stream().noneMatch(l -> l.contains("'layout.skip'")), String.join("\n", lines));
    }
}
