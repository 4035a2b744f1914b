package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.snapshot.SnapshotStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/openapi.json} against the routes the server really registers (read from Javalin's router, in both
 * directions: every route described, every described operation a route) and the
 * content types it really sends (one request per route and format on a small fixture site).
 */
class OpenApiCoverageTest {
    static Javalin app;
    static JsonNode paths;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        App.Content content = App.load(Path.of("src/test/resources/hostile/site"));
        // With the authors' preview on, so that its routes are registered too.
        PronunciationPreview preview = new PronunciationPreview(TestServer.SYNTHESIZER, page -> List.of());
        app = WebApp.builder(new SnapshotStore(App.snapshot(content)), App.narrator(TestServer.SHARED_AUDIO_CACHE, TestServer.SYNTHESIZER))
                .preview(preview).build().start("127.0.0.1", 0);
        paths = new ObjectMapper().readTree(get("/api/openapi.json").body()).get("paths");
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRegisteredRouteAndMethodIsDescribed() {
        List<String> missing = new ArrayList<>();
        for (ParsedEndpoint route : app.unsafe.internalRouter.allHttpHandlers()) {
            if (!route.endpoint.method.isHttpMethod()) continue;
            // HEAD answers exactly as GET without the body, so the GET operation describes it.
            String method = route.endpoint.method == HandlerType.HEAD ? "get" : route.endpoint.method.name().toLowerCase();
            JsonNode path = paths.get(route.endpoint.path);
            if (path == null || !path.has(method)) missing.add(method.toUpperCase() + " " + route.endpoint.path);
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyDescribedOperationIsARegisteredRoute() {
        Set<String> registered = new HashSet<>();
        for (ParsedEndpoint route : app.unsafe.internalRouter.allHttpHandlers()) {
            registered.add(route.endpoint.method.name().toLowerCase() + " " + route.endpoint.path);
        }
        List<String> phantom = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!registered.contains(method + " " + path.getKey())) phantom.add(method.toUpperCase() + " " + path.getKey());
        }));
        assertEquals(List.of(), phantom);
    }

    @Test
    void everyContentTypeTheServerSendsIsDescribedForItsRoute() throws Exception {
        String css = Jsoup.parse(get("/aftercare").body()).selectFirst("link[rel=stylesheet]").attr("href");
        List<String> urls = new ArrayList<>(List.of("/", "/aftercare", "/aftercare/eating", "/healthz", "/metrics", css,
                "/audio/aftercare/eating.mp3", "/audio/aftercare/eating.wav", "/audio/aftercare/eating.vtt",
                "/audio/aftercare/eating.txt", "/audio/aftercare/eating.slower.mp3", "/audio/aftercare.mp3",
                "/audio/aftercare.wav", "/audio/aftercare.vtt", "/audio/aftercare.chapters.vtt",
                "/telephony/aftercare/eating.wav", "/telephony/aftercare/eating.wav?codec=pcm", "/telephony/aftercare/eating.ulaw",
                "/telephony/aftercare/eating.alaw", "/telephony/aftercare/prompts/menu.wav", "/telephony/aftercare/prompts/menu.ulaw",
                "/ivr/aftercare.vxml", "/ivr/aftercare/twiml", "/ivr.vxml", "/ivr/twiml", "/telephony/prompts/goodbye.wav", "/api/pages", "/api/pages/aftercare", "/api/openapi.json",
                "/feed.xml", "/aftercare.m3u8", "/aftercare.epub", "/aftercare.m3u", "/aftercare/feed.xml", "/artwork.png",
                "/api/pages.json", "/api/pages/aftercare.json", "/telephony/aftercare/eating.alaw.wav", "/search?q=eating",
                "/sitemap.xml", "/aftercare/transcript", "/aftercare/eating/transcript", "/favicon.ico",
                Jsoup.parse(get("/aftercare").body()).selectFirst("script[src]").attr("src")));
        List<String> undescribed = new ArrayList<>();
        for (String url : urls) {
            HttpResponse<String> response = get(url);
            assertEquals(200, response.statusCode(), url);
            String type = response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "").strip();
            String route = app.unsafe.internalRouter.findFirstHttpHandlerEntry(HandlerType.GET, url.replaceAll("\\?.*", "")).endpoint.path;
            JsonNode content = paths.path(route).path("get").path("responses").path("200").path("content");
            if (!content.has(type)) undescribed.add(url + " -> " + route + " " + type);
        }
        assertEquals(List.of(), undescribed);
    }

    @Test
    void theWebhookDescribesWhatItAnswersToAPost() throws Exception {
        assertTrue(paths.path("/ivr/{slug}/twiml").path("post").path("responses").path("200").path("content").has("application/xml"));
        assertTrue(paths.path("/ivr/{slug}/twiml").path("post").path("requestBody").path("content").has("application/x-www-form-urlencoded"));
        assertTrue(paths.path("/ivr/twiml").path("post").path("responses").path("200").path("content").has("application/xml"));
    }
}
