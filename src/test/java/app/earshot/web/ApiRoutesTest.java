package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.audio.Wav;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiRoutesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The answer at {@code path} once everything it lists is made (the API makes the rest in the background). */
    static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = server.complete(path);
        assertEquals(200, response.statusCode(), path);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(response.body());
    }

    /** Every object below {@code node} that has a "url" and a "bytes": the renderings the index claims. */
    static void renderings(JsonNode node, List<JsonNode> out) {
        if (node.has("url") && node.has("bytes")) out.add(node);
        node.forEach(child -> renderings(child, out));
    }

    @Test
    void everyUrlInTheIndexResolvesWithTheSizeTypeETagAndDurationItClaims() throws Exception {
        JsonNode index = json("/api/pages");
        List<JsonNode> all = new ArrayList<>();
        renderings(index, all);
        assertTrue(all.size() > Fixture.sectionCount() * 9, all.size() + " renderings");
        for (JsonNode r : all) {
            String url = r.get("url").asText();
            HttpResponse<byte[]> response = server.getBytes(HttpRequest.newBuilder(URI.create(url)));
            assertEquals(200, response.statusCode(), url);
            assertEquals(r.get("bytes").asLong(), response.body().length, url);
            // Media type parameters may be written with or without a space after the semicolon.
            assertEquals(r.get("mediaType").asText().replace("; ", ";"),
                    response.headers().firstValue("Content-Type").orElse("").replace("; ", ";"), url);
            if (r.has("etag")) assertEquals(r.get("etag").asText(), response.headers().firstValue("ETag").orElse(""), url);
            if (r.has("seconds") && r.get("mediaType").asText().equals("audio/wav")) {
                assertEquals(r.get("seconds").asDouble(), Wav.inspect(response.body()).seconds(), 0.001, url);
            }
            if (r.has("seconds") && r.get("mediaType").asText().equals("audio/mpeg")) {
                assertEquals(r.get("seconds").asDouble(), app.earshot.audio.Mp3.inspect(response.body()).seconds(), 0.001, url);
            }
        }
    }

    @Test
    void everyRenderingIsListedMp3AndWavAtEachSpeedTheBookAndEachTelephoneCodecAtItsOwnPath() throws Exception {
        JsonNode page = json("/api/pages/about-ketamine");
        List<String> pageFormats = new ArrayList<>();
        page.get("formats").fieldNames().forEachRemaining(pageFormats::add);
        assertTrue(pageFormats.containsAll(List.of("mp3", "wav", "captions", "chapters", "slower.mp3", "faster.wav", "slower.captions",
                "epub", "html")), pageFormats.toString());
        assertEquals("application/epub+zip", page.get("formats").get("epub").get("mediaType").asText());
        JsonNode section = page.get("sections").get(0);
        List<String> sectionFormats = new ArrayList<>();
        section.get("formats").fieldNames().forEachRemaining(sectionFormats::add);
        assertTrue(sectionFormats.containsAll(List.of("mp3", "wav", "captions", "text", "slower.mp3", "faster.mp3", "faster.captions")),
                sectionFormats.toString());
        JsonNode telephone = section.get("telephone").get(0).get("formats");
        assertTrue(telephone.get("alaw.wav").get("url").asText().matches(".*/introduction\\.alaw\\.wav\\?v=[0-9a-f]+"));
        assertTrue(telephone.get("pcm.wav").get("url").asText().matches(".*/introduction\\.pcm\\.wav\\?v=[0-9a-f]+"));
    }

    @Test
    void sectionsListIdHeadingOrderKeypadSpokenTextAndEveryTelephoneCodec() throws Exception {
        JsonNode page = json("/api/pages/about-ketamine");
        JsonNode sections = page.get("sections");
        assertEquals(Fixture.sectionCount(), sections.size());
        JsonNode fda = sections.get(3);
        assertEquals("fda-breakthrough-status", fda.get("id").asText());
        assertEquals("FDA Breakthrough Status", fda.get("heading").asText());
        assertEquals(4, fda.get("order").asInt());
        // Menus hold what fits in 20 seconds: two sections of the main menu's own, then "more" menus on keys 3 and 4.
        assertEquals("[\"3\",\"2\"]", fda.get("keypad").toString());
        assertEquals("[\"4\",\"4\"]", sections.get(10).get("keypad").toString());
        assertEquals(server.get("/audio/about-ketamine/fda-breakthrough-status.txt").body().strip(), fda.get("spokenText").asText());
        JsonNode part = fda.get("telephone").get(0);
        assertEquals(1, part.get("of").asInt());
        List<String> codecs = new ArrayList<>();
        part.get("formats").fieldNames().forEachRemaining(codecs::add);
        assertEquals(List.of("ulaw.wav", "alaw.wav", "pcm.wav", "ulaw", "alaw"), codecs);
        assertTrue(page.get("ivr").get("vxml").asText().endsWith("/ivr/about-ketamine.vxml"));
    }

    @Test
    void unknownPageIs404InPlainText() {
        HttpResponse<String> response = server.get("/api/pages/nope");
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void openApiDescribesTheApiAndEveryAudioRoute() throws Exception {
        JsonNode doc = json("/api/openapi.json");
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        assertEquals(server.url(""), doc.get("servers").get(0).get("url").asText());
        for (String path : List.of("/api/pages", "/api/pages/{slug}", "/api/openapi.json", "/audio/{slug}/{file}", "/audio/{file}",
                "/telephony/{slug}/{file}", "/telephony/{slug}/prompts/{file}", "/ivr/{file}", "/ivr/{slug}/twiml")) {
            assertTrue(doc.get("paths").has(path), path);
        }
        assertTrue(doc.get("paths").get("/ivr/{slug}/twiml").has("post"));
    }
}
