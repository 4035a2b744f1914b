package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.TestServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served {@code /api/openapi.json} as Stoplight's Spectral (npm) lints it with the stock {@code spectral:oas} rules. */
class OpenApiLintTest {
    static final Path SPECTRAL = Path.of("target", "spectral");

    @Test
    void spectralOasFindsNothingAtAnySeverity(@TempDir Path dir) throws Exception {
        if (!Files.isRegularFile(SPECTRAL.resolve("node_modules/.bin/spectral"))) {
            Files.createDirectories(SPECTRAL);
            // --prefer-offline: the version is pinned, so a copy in npm's cache is used without asking the registry again.
            PodcastNamespaceTest.run(List.of("npm", "install", "--prefix", SPECTRAL.toString(), "--no-audit", "--no-fund",
                    "--prefer-offline", "@stoplight/spectral-cli@6.16.3"), null);
        }
        Path document = dir.resolve("openapi.json");
        try (TestServer server = TestServer.start()) {
            Files.writeString(document, server.get("/api/openapi.json").body());
        }
        // Every result fails the run (hint and up), and is listed in the failure message.
        String out = PodcastNamespaceTest.run(List.of(SPECTRAL.resolve("node_modules/.bin/spectral").toString(), "lint", "--quiet",
                "-r", Path.of("src/test/resources/spectral/ruleset.yaml").toAbsolutePath().toString(), "-f", "json",
                "--fail-severity", "hint", document.toString()), null);
        assertEquals(0, new ObjectMapper().readTree(out.substring(out.indexOf('['))).size(), out);
    }
}
