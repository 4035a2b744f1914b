package app.earshot.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The export of the fixture site on stock Debian static servers (nginx with its stock {@code mime.types}, Apache with
 * {@code /etc/mime.types}, Caddy), each given only the type file the export carries for it: a crawl from the home page and the
 * export's unlinked entry points follows every link, enclosure, playlist entry, feed and sitemap URL, API URL and
 * VoiceXML audio, grammar and next document; each must answer 200 with the type the live server sends for that path.
 */
class StaticHostTypesTest {
    static final Path EXPORT = Path.of("target", "stock-hosts", "export");
    static TestServer server;
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void export() throws Exception {
        server = TestServer.start();
        exportAnew(server, EXPORT);
    }

    /** Exports {@code live} into {@code export}, replacing an earlier export, readable by all. */
    static void exportAnew(TestServer live, Path export) throws Exception {
        deleteTree(export.getParent());
        new Exporter(live.url(""), null).export(export, ExportRoots.of(live.site()), p -> {});
        // Apache's workers run as an unprivileged user, as on a real host.
        try (Stream<Path> all = Files.walk(export.getParent())) {
            for (Path p : all.toList()) p.toFile().setReadable(true, false);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void stockNginxWithTheExportsIncludeServesEveryUrlWithTheLiveType() throws Exception {
        try (StockHost nginx = StockHost.nginx(EXPORT, EXPORT.resolveSibling("nginx"))) {
            crawlFindsNothingDeadOrMistyped(nginx);
        }
    }

    @Test
    void stockApacheWithTheExportsHtaccessServesEveryUrlWithTheLiveType() throws Exception {
        try (StockHost apache = StockHost.apache(EXPORT, EXPORT.resolveSibling("apache"))) {
            crawlFindsNothingDeadOrMistyped(apache);
        }
    }

    @Test
    void stockCaddyWithTheExportsSnippetServesEveryUrlWithTheLiveType() throws Exception {
        try (StockHost caddy = StockHost.caddy(EXPORT, EXPORT.resolveSibling("caddy"))) {
            crawlFindsNothingDeadOrMistyped(caddy);
        }
    }

    @Test
    void theExportsApiNamesNoWebhook() throws Exception {
        String pages = Files.readString(EXPORT.resolve("api/pages.json"));
        assertFalse(pages.contains("/twiml"), pages);
        assertTrue(server.get("/api/pages.json").body().contains("/twiml"), "the live API names the webhook");
        assertTrue(Files.isRegularFile(EXPORT.resolve("api/pages/about-ketamine.json")));
        assertFalse(Files.exists(EXPORT.resolve("api/pages/index.html")));
    }

    @Test
    void eachCodecIsItsOwnFileInTheExport() throws Exception {
        byte[] ulaw = Files.readAllBytes(EXPORT.resolve("telephony/about-ketamine/introduction.wav"));
        byte[] alaw = Files.readAllBytes(EXPORT.resolve("telephony/about-ketamine/introduction.alaw.wav"));
        byte[] pcm = Files.readAllBytes(EXPORT.resolve("telephony/about-ketamine/introduction.pcm.wav"));
        assertEquals(7, ulaw[20] & 0xff, "WAVE_FORMAT_MULAW");
        assertEquals(6, alaw[20] & 0xff, "WAVE_FORMAT_ALAW");
        assertEquals(1, pcm[20] & 0xff, "WAVE_FORMAT_PCM");
    }

    /** Crawls {@code host} from "/" and the export's entry points; every URL named must answer 200 with the live type. */
    static void crawlFindsNothingDeadOrMistyped(StockHost host) throws Exception {
        Set<String> kinds = new java.util.TreeSet<>();
        Set<String> seen = new LinkedHashSet<>();
        assertEquals(List.of(), deadOrMistyped(server, host, seen, kinds), host + ": dead or mistyped");
        assertTrue(seen.size() > 200, seen.size() + " URLs");
        assertTrue(kinds.containsAll(Set.of("text/html", "audio/mpeg", "audio/wav", "text/vtt", "audio/basic", "audio/x-alaw-basic",
                "application/voicexml+xml", "application/srgs+xml", "application/rss+xml", "application/xml", "audio/x-mpegurl",
                "application/vnd.apple.mpegurl", "application/epub+zip", "application/json", "text/plain")), host + " crawled " + kinds);
    }

    /**
     * Crawls the export of {@code live} on {@code host}, filling {@code seen} (paths) and {@code kinds} (types); returns
     * each URL that does not answer 200 with the type {@code live} sends for it.
     */
    static List<String> deadOrMistyped(TestServer live, StockHost host, Set<String> seen, Set<String> kinds) throws Exception {
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        queue.addAll(ExportRoots.of(live.site()));
        List<String> wrong = new ArrayList<>();
        while (!queue.isEmpty()) {
            String path = queue.poll();
            if (!seen.add(path)) continue;
            HttpResponse<byte[]> copy = get(host.url(path));
            HttpResponse<byte[]> answer = live.getBytes(path);
            assertEquals(200, answer.statusCode(), "the live server answers " + path);
            if (copy.statusCode() != 200 || !type(copy).equals(type(answer))) {
                wrong.add(path + ": " + copy.statusCode() + " " + type(copy) + " (live: " + type(answer) + ")");
                continue;
            }
            kinds.add(type(copy));
            for (String link : links(live, type(copy), new String(copy.body(), StandardCharsets.UTF_8))) {
                if (!seen.contains(link)) queue.add(link);
            }
        }
        return wrong;
    }

    /** The same-site paths a document of {@code type} names: attributes and text in markup, strings in JSON, playlist lines. */
    static Set<String> links(TestServer live, String type, String body) throws Exception {
        List<String> values = new ArrayList<>();
        if (type.equals("text/html") || type.contains("xml")) {
            Document doc = type.equals("text/html") ? Jsoup.parse(body) : Jsoup.parse(body, "", Parser.xmlParser());
            for (Element el : doc.getAllElements()) {
                for (Attribute a : el.attributes()) values.add(a.getValue());
                if (!type.equals("text/html")) values.add(el.ownText());
            }
        } else if (type.equals("application/json")) {
            strings(JSON.readTree(body), values);
        } else if (type.contains("mpegurl")) {
            body.lines().filter(l -> !l.startsWith("#")).forEach(values::add);
        }
        Set<String> out = new LinkedHashSet<>();
        String origin = live.url("");
        for (String v : values) {
            String url = v.strip();
            if (url.startsWith(origin + "/")) url = url.substring(origin.length());
            if (!url.startsWith("/") || url.startsWith("//") || url.startsWith("/search")) continue;
            url = url.replaceAll("#.*", "");
            if (!url.isEmpty()) out.add(url);
        }
        return out;
    }

    private static void strings(JsonNode node, List<String> out) {
        if (node.isTextual()) out.add(node.asText());
        for (JsonNode child : node) strings(child, out);
    }

    static String type(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("(none)").replaceAll(";.*", "").strip().toLowerCase(Locale.ROOT);
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
