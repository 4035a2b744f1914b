package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/openapi.json} as a contract: a request for every documented operation (and for its documented error
 * answers) is sent to a started server on the fixture site, and each real answer (status, Content-Type, headers, JSON
 * body) is checked against the document by Atlassian's swagger-request-validator.
 */
class OpenApiContractTest {
    static TestServer server;
    static TestServer preview;
    /** A site whose author gives JPEG cover art (the fixture site's art is drawn, a PNG). */
    static TestServer jpegArt;
    /** The bilingual fixture site (English and Spanish), for a language's home. */
    static TestServer bilingual;
    static JsonNode document;
    static OpenApiInteractionValidator validator;
    static final String SLUG = "about-ketamine";
    static final String SECTION = "fda-breakthrough-status";
    static final String FORM = "application/x-www-form-urlencoded";
    /** A page of the preview's site (the pronunciation fixture) with words the voice would guess. */
    static final String GUESSED = "nasal-spray";

    /** One request to a server: method, path with query, request headers, form body (POST) or null. */
    record Call(TestServer on, String method, String target, Map<String, String> headers, String form) {
        static Call get(String target, String... headers) {
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 0; i < headers.length; i += 2) h.put(headers[i], headers[i + 1]);
            return new Call(server, "GET", target, h, null);
        }

        static Call post(String target, String form) {
            return new Call(server, "POST", target, Map.of("Content-Type", FORM), form);
        }

        Call on(TestServer other) {
            return new Call(other, method, target, headers, form);
        }

        String path() {
            return target.replaceAll("\\?.*", "");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWarmOnCopy(Fixture.SITE, java.nio.file.Files.createTempDirectory("contract"));
        preview = TestServer.startWithPreview(java.nio.file.Path.of("src/test/resources/speech-check"));
        jpegArt = TestServer.start(java.nio.file.Path.of("src/test/resources/podcast-site"));
        bilingual = TestServer.start(app.earshot.Fixture.BILINGUAL);
        String json = server.get("/api/openapi.json").body();
        document = new ObjectMapper().readTree(json);
        // The validator types each form field by its looks ("1" becomes a number) whatever the schema says, so the type
        // of a form field is not its to judge (a form value is text on the wire); formFieldsAreDocumented checks the names.
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(json)
                .withLevelResolver(LevelResolver.create().withLevel("validation.request.body.schema.type", ValidationReport.Level.IGNORE).build())
                .build();
    }

    @AfterAll
    static void stop() {
        server.close();
        preview.close();
        jpegArt.close();
        bilingual.close();
    }

    /** Requests for every documented operation on the fixture site, each documented error answer among them. */
    static List<Call> calls() {
        String page = server.get("/" + SLUG).body();
        String css = Jsoup.parse(page).selectFirst("link[rel=stylesheet]").attr("href");
        String script = Jsoup.parse(page).selectFirst("script[src]").attr("src");
        String mp3 = "/audio/" + SLUG + "/" + SECTION + ".mp3";
        String etag = server.getBytes(mp3).headers().firstValue("ETag").orElseThrow();
        List<Call> calls = new ArrayList<>(List.of(
                Call.get("/"), Call.get("/" + SLUG), Call.get("/no-such-page"),
                Call.get("/" + SLUG + "/" + SECTION), Call.get("/" + SLUG + "/no-such-section"),
                Call.get("/" + SLUG + "/" + SECTION + "/transcript"), Call.get("/" + SLUG + "/no-such-section/transcript"),
                Call.get(mp3), Call.get("/audio/" + SLUG + "/" + SECTION + ".wav"), Call.get("/audio/" + SLUG + "/" + SECTION + ".vtt"),
                Call.get("/audio/" + SLUG + "/" + SECTION + ".txt"), Call.get("/audio/" + SLUG + "/" + SECTION + ".chapters.json"),
                Call.get("/audio/" + SLUG + "/" + SECTION + ".slower.mp3"), Call.get(mp3, "Range", "bytes=0-99"),
                Call.get(mp3, "Range", "bytes=999999999-"), Call.get(mp3, "If-None-Match", etag),
                Call.get(mp3, "If-Match", "\"another-version\""), Call.get("/" + SLUG, "If-Unmodified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"),
                Call.get("/" + SLUG, "If-Match", "\"another-version\""),
                Call.get("/audio/" + SLUG + "/no-such-section.mp3"),
                Call.get("/audio/" + SLUG + ".mp3"), Call.get("/audio/" + SLUG + ".wav"), Call.get("/audio/" + SLUG + ".vtt"),
                Call.get("/audio/" + SLUG + ".chapters.vtt"), Call.get("/audio/" + SLUG + ".mp3", "Range", "bytes=0-99"),
                Call.get("/audio/" + SLUG + ".mp3", "Range", "bytes=999999999-"), Call.get("/audio/no-such-page.mp3"),
                Call.get("/audio/" + SLUG + "/hls/0.mp3"), Call.get("/audio/" + SLUG + "/hls/999999.mp3"),
                Call.get("/audio/" + SLUG + "/hls/0.mp3", "Range", "bytes=0-99"),
                Call.get("/telephony/" + SLUG + "/" + SECTION + ".wav"), Call.get("/telephony/" + SLUG + "/" + SECTION + ".wav?codec=pcm"),
                Call.get("/telephony/" + SLUG + "/" + SECTION + ".ulaw"), Call.get("/telephony/" + SLUG + "/" + SECTION + ".alaw"),
                Call.get("/telephony/" + SLUG + "/" + SECTION + ".ulaw?codec=alaw"), Call.get("/telephony/" + SLUG + "/no-such-section.wav"),
                Call.get("/telephony/" + SLUG + "/" + SECTION + ".wav", "Range", "bytes=0-99"),
                Call.get("/telephony/" + SLUG + "/prompts/menu.wav"), Call.get("/telephony/" + SLUG + "/prompts/menu.ulaw"),
                Call.get("/telephony/" + SLUG + "/prompts/no-such-prompt.wav"),
                Call.get("/telephony/prompts/goodbye.wav"), Call.get("/telephony/prompts/no-such-prompt.wav"),
                Call.get("/ivr/" + SLUG + ".vxml"), Call.get("/ivr/no-such-page.vxml"), Call.get("/ivr.vxml"),
                Call.get("/ivr/" + SLUG + "/twiml"), Call.get("/ivr/" + SLUG + "/twiml?Digits=1"), Call.get("/ivr/no-such-page/twiml"),
                Call.post("/ivr/" + SLUG + "/twiml", "Digits=1&CallSid=CA1"), Call.post("/ivr/" + SLUG + "/twiml", "SpeechResult=repeat"),
                Call.post("/ivr/no-such-page/twiml", "Digits=1"),
                Call.get("/ivr/twiml"), Call.post("/ivr/twiml", "Digits=1"), Call.post("/ivr/twiml", "SpeechResult=help"),
                Call.get("/" + SLUG + ".m3u8"), Call.get("/no-such-page.m3u8"), Call.get("/" + SLUG + ".m3u"), Call.get("/no-such-page.m3u"),
                Call.get("/" + SLUG + ".epub"), Call.get("/no-such-page.epub"),
                Call.get("/feed.xml"), Call.get("/" + SLUG + "/feed.xml"), Call.get("/no-such-page/feed.xml"),
                Call.get("/artwork.png"), Call.get("/artwork.jpg"),
                Call.get("/healthz"), Call.get("/metrics"), Call.get(css), Call.get("/static/0/earshot.css"), Call.get(script),
                Call.get("/api/pages"), Call.get("/api/pages.json"), Call.get("/api/pages/" + SLUG), Call.get("/api/pages/" + SLUG + ".json"),
                Call.get("/api/pages/no-such-page"), Call.get("/api/pages/no-such-page.json"), Call.get("/api/openapi.json"),
                Call.get("/search?q=ketamine"), Call.get("/search?q="), Call.get("/search?q=" + "a".repeat(201)), Call.get("/sitemap.xml"),
                Call.get("/favicon.ico"), Call.get("/static/0/readalong.js"), Call.get("/telephony/prompts/goodbye.ulaw?codec=alaw"),
                Call.get("/telephony/" + SLUG + "/prompts/menu.ulaw?codec=alaw"), Call.get("/ivr/twiml?menu=999"),
                Call.post("/ivr/twiml?menu=999", "Digits=1"),
                Call.get("/es/").on(bilingual), Call.get("/es").on(bilingual), Call.get("/feed.es.xml").on(bilingual),
                Call.get("/feed.fr.xml").on(bilingual),
                Call.get("/ivr.vxml").on(bilingual), Call.get("/ivr/es/ivr.vxml").on(bilingual), Call.get("/ivr/fr/ivr.vxml").on(bilingual),
                Call.get("/ivr/es/topics.menu.grxml").on(bilingual), Call.get("/ivr/twiml").on(bilingual),
                Call.post("/ivr/twiml?step=language", "Digits=2").on(bilingual), Call.post("/ivr/twiml?lang=es", "Digits=1").on(bilingual),
                Call.get("/telephony/prompts/language-es.wav").on(bilingual), Call.get("/telephony/prompts/es/goodbye.wav").on(bilingual),
                Call.get("/telephony/prompts/es/no-such-prompt.wav").on(bilingual), Call.get("/telephony/prompts/es/goodbye.ulaw?codec=alaw").on(bilingual),
                Call.get("/artwork.jpg").on(jpegArt), Call.get("/artwork.png").on(jpegArt),
                Call.get("/preview/" + GUESSED).on(preview), Call.get("/preview/no-such-page").on(preview),
                Call.get("/preview/" + GUESSED + "/words/999.wav").on(preview)));
        String word = Jsoup.parse(preview.get("/preview/" + GUESSED).body()).select("audio source[src]").stream().map(e -> e.attr("src"))
                .findFirst().orElseThrow(() -> new AssertionError("the preview of " + GUESSED + " plays no word"));
        calls.add(Call.get(word).on(preview));
        return calls;
    }

    @Test
    void everyAnswerIsWhatTheDocumentSays() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Call call : calls()) failures.addAll(check(call));
        assertEquals(List.of(), failures);
    }

    @Test
    void everyDocumentedOperationAndErrorIsWalked() throws Exception {
        Set<String> walked = new TreeSet<>();
        for (Call call : calls()) walked.add(operation(call) + " " + call.on().getBytes(request(call)).statusCode());
        List<String> unwalked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String operation = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                for (Iterator<String> statuses = op.getValue().path("responses").fieldNames(); statuses.hasNext(); ) {
                    String status = statuses.next();
                    // 503 (a busy or failing disk) needs a fault; 206, 304, 412 and 416 are walked on one media route below.
                    if (Set.of("200", "404", "400").contains(status) && !walked.contains(operation + " " + status)) {
                        unwalked.add(operation + " " + status);
                    }
                }
            }
        }
        assertEquals(List.of(), unwalked);
        assertTrue(walked.containsAll(Set.of("GET /audio/{slug}/{file} 206", "GET /audio/{slug}/{file} 304", "GET /audio/{slug}/{file} 412",
                "GET /audio/{slug}/{file} 416", "GET /{slug} 412")), walked.toString());
    }

    @Test
    void formFieldsAreDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (Call call : calls()) {
            if (call.form() == null) continue;
            JsonNode fields = document.path("paths").path(template(call.path())).path("post").path("requestBody").path("content")
                    .path(FORM).path("schema").path("properties");
            for (String pair : call.form().split("&")) {
                String name = pair.split("=", 2)[0];
                if (!fields.has(name)) undocumented.add(call.target() + " " + name);
            }
        }
        assertEquals(List.of(), undocumented);
    }

    /** The validator's complaints about {@code call}'s real answer, each naming the call. */
    static List<String> check(Call call) {
        HttpResponse<byte[]> answer = call.on().getBytes(request(call));
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode());
        answer.headers().map().forEach((name, values) -> response.withHeader(name, values));
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (answer.body().length > 0) response.withBody(answer.body());
        ValidationReport report = validator.validate(validatorRequest(call), response.build());
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                out.add(call.method() + " " + call.target() + " " + call.headers() + " -> " + answer.statusCode() + " " + type + ": "
                        + m.getKey() + ": " + m.getMessage());
            }
        }
        return out;
    }

    static HttpRequest.Builder request(Call call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.on().url(call.target())));
        call.headers().forEach(b::header);
        return call.form() == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(call.form()));
    }

    static Request validatorRequest(Call call) {
        SimpleRequest.Builder b = call.method().equals("POST") ? SimpleRequest.Builder.post(call.path()) : SimpleRequest.Builder.get(call.path());
        int q = call.target().indexOf('?');
        if (q >= 0) {
            for (String pair : call.target().substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                b.withQueryParam(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        call.headers().forEach(b::withHeader);
        if (call.form() != null) b.withBody(call.form());
        return b.build();
    }

    /** "GET /audio/{slug}/{file}": the documented operation {@code call} falls under, as the server routes it. */
    static String operation(Call call) {
        return call.method() + " " + template(call.path());
    }

    /** The document's path template the server's router matches {@code path} with. */
    static String template(String path) {
        List<String> matching = new ArrayList<>();
        for (Iterator<String> it = document.path("paths").fieldNames(); it.hasNext(); ) {
            String t = it.next();
            String regex = Pattern.quote(t).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (Pattern.matches(regex, path)) matching.add(t);
        }
        // A literal path wins over a template; among templates, the one with more literal characters.
        matching.sort(java.util.Comparator.comparingInt((String t) -> -t.replaceAll("\\{[^}]+}", "").length()));
        return matching.isEmpty() ? "(undocumented) " + path : matching.get(0);
    }
}
