package app.earshot.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.content.Page;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export on Python's {@code http.server} (the machine's stock MIME types, plus only the types the export guide
 * {@code docs/export-and-scaling.md} tells a static host to add): every URL named in the feeds, playlists, JSON API and VoiceXML is crawled, and each must answer
 * 200 with the type the live server gives it.
 */
class StaticHostTypesTest {
    @TempDir
    static Path export;
    static TestServer server;
    static Process python;
    static String edge;
    // Python answers /page with a redirect to /page/ (its index.html), as the export guide allows; browsers and apps follow it.
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    /** Type names that mean the same thing to clients; Debian's mime.types uses the left-hand ones. */
    static final Map<String, String> SAME = Map.of("audio/x-wav", "audio/wav", "audio/mpegurl", "audio/x-mpegurl",
            "application/rss+xml", "application/xml");

    @BeforeAll
    static void exportAndServe() throws Exception {
        server = TestServer.start();
        new Exporter(server.url(""), null).export(export, ExportRoots.of(server.site()), p -> {});
        StringBuilder types = new StringBuilder();
        documentedTypes().forEach((ext, type) -> types.append("mimetypes.add_type('").append(type).append("', '.").append(ext).append("'); "));
        String script = "import functools, http.server, mimetypes, sys; " + types
                + "s = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(http.server.SimpleHTTPRequestHandler, "
                + "directory=sys.argv[1])); print(s.server_address[1], flush=True); s.serve_forever()";
        python = new ProcessBuilder("python3", "-c", script, export.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String port = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8)).readLine();
        edge = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        if (python != null) python.destroy();
        server.close();
    }

    /** The types table of {@code docs/export-and-scaling.md}: extension and type, the only types added to the stock ones. */
    static Map<String, String> documentedTypes() throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\| `\\.([a-z0-9]+)` \\| `([a-z0-9.+-]+/[a-z0-9.+-]+)` \\| add", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("docs/export-and-scaling.md")));
        while (m.find()) types.put(m.group(1), m.group(2));
        return types;
    }

    static String type(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "").strip().toLowerCase(Locale.ROOT);
        return SAME.getOrDefault(type, type);
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Every path the machine-readable documents name (absolute URLs on this server, and root-relative VoiceXML sources). */
    static Set<String> namedPaths() throws Exception {
        List<String> documents = new ArrayList<>(List.of("/feed.xml", "/api/pages.json", "/ivr.vxml"));
        for (Page page : server.site().pages()) {
            String slug = page.slug();
            documents.addAll(List.of("/" + slug + "/feed.xml", "/" + slug + ".m3u", "/" + slug + ".m3u8", "/ivr/" + slug + ".vxml",
                    "/api/pages/" + slug + ".json"));
        }
        Pattern absolute = Pattern.compile(Pattern.quote(server.url("")) + "(/[^\\s\"'<>]*)");
        Pattern relative = Pattern.compile("(?:src|next)=\"(/[^\"]*)\"");
        Set<String> paths = new LinkedHashSet<>(documents);
        for (String doc : documents) {
            String body = server.get(doc).body().replace("&amp;", "&");
            for (Pattern p : List.of(absolute, relative)) {
                Matcher m = p.matcher(body);
                while (m.find()) paths.add(m.group(1).replaceAll("[?#].*", ""));
            }
        }
        return paths;
    }

    @Test
    void everyUrlTheFeedsPlaylistsApiAndVoiceXmlNameIsServedStaticallyWithItsType() throws Exception {
        Set<String> paths = namedPaths();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String path : paths) {
            if (path.endsWith("/twiml")) continue; // the one dynamic URL: a webhook, documented as staying with the server
            HttpResponse<byte[]> live = server.getBytes(path);
            assertEquals(200, live.statusCode(), path);
            HttpResponse<byte[]> copy = get(edge + path);
            if (copy.statusCode() != 200 || !type(copy).equals(type(live))) {
                wrong.add(path + ": " + copy.statusCode() + " " + type(copy) + " (live: " + type(live) + ")");
            }
            checked++;
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked > 200, checked + " URLs");
        assertTrue(paths.stream().anyMatch(p -> p.endsWith(".alaw.wav")) && paths.stream().anyMatch(p -> p.endsWith(".ulaw")));
    }

    @Test
    void theExportGuideNamesTheTypesStockHostsLack() throws Exception {
        Map<String, String> types = documentedTypes();
        assertEquals("audio/basic", types.get("ulaw"));
        assertEquals("audio/x-alaw-basic", types.get("alaw"));
        assertFalse(types.containsKey("mp3"), "stock types are not listed as additions");
    }

    @Test
    void eachCodecIsItsOwnFileInTheExport() throws Exception {
        byte[] ulaw = Files.readAllBytes(export.resolve("telephony/about-ketamine/introduction.wav"));
        byte[] alaw = Files.readAllBytes(export.resolve("telephony/about-ketamine/introduction.alaw.wav"));
        byte[] pcm = Files.readAllBytes(export.resolve("telephony/about-ketamine/introduction.pcm.wav"));
        assertEquals(7, ulaw[20] & 0xff, "WAVE_FORMAT_MULAW");
        assertEquals(6, alaw[20] & 0xff, "WAVE_FORMAT_ALAW");
        assertEquals(1, pcm[20] & 0xff, "WAVE_FORMAT_PCM");
    }
}
