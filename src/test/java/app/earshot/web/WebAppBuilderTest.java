package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.narration.Narrator;
import app.earshot.snapshot.SnapshotStore;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The builder's parts reach the server: here HSTS, which is off unless asked for. */
class WebAppBuilderTest {

    @Test
    void hstsOnlyWhenAskedFor() throws Exception {
        assertEquals(Optional.empty(), hstsOf(builder()));
        assertEquals(Optional.of("max-age=600; includeSubDomains"), hstsOf(builder().hsts(600)));
    }

    private static WebApp.Builder builder() throws Exception {
        Narrator narrator = App.narrator(TestServer.SHARED_AUDIO_CACHE, TestServer.SYNTHESIZER);
        return WebApp.builder(new SnapshotStore(App.snapshot(App.load(Path.of("src/test/resources/site")))), narrator);
    }

    private static Optional<String> hstsOf(WebApp.Builder builder) throws Exception {
        Javalin app = builder.build().start("127.0.0.1", 0);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("<html"), "a page");
            return response.headers().firstValue("Strict-Transport-Security");
        } finally {
            app.stop();
        }
    }
}
