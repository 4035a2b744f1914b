package app.earshot.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {
    @TempDir
    static Path export;
    static TestServer server;

    @BeforeAll
    static void exportSite() {
        server = TestServer.start();
        new Exporter(server.url(""), null).export(export, List.of("/feed.xml", "/nothing-here.json"), p -> {});
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRouteOfTheContentIsAFile() {
        assertTrue(Files.isRegularFile(export.resolve("index.html")));
        assertTrue(Files.isRegularFile(export.resolve("404.html")));
        for (var page : server.site().pages()) {
            assertTrue(Files.isRegularFile(export.resolve(page.slug() + "/index.html")));
            assertTrue(Files.isRegularFile(export.resolve("audio/" + page.slug() + ".wav")));
            assertTrue(Files.isRegularFile(export.resolve("audio/" + page.slug() + ".chapters.vtt")));
            for (var section : page.sections()) {
                assertTrue(Files.isRegularFile(export.resolve(page.slug() + "/" + section.id() + "/index.html")), section.id());
                assertTrue(Files.isRegularFile(export.resolve("audio/" + page.slug() + "/" + section.id() + ".wav")), section.id());
                assertTrue(Files.isRegularFile(export.resolve("audio/" + page.slug() + "/" + section.id() + ".vtt")), section.id());
            }
        }
    }

    @Test
    void linkCheckFindsNoBrokenLinkOrFragment() throws Exception {
        List<String> broken = new ArrayList<>();
        try (Stream<Path> files = Files.walk(export)) {
            for (Path html : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Document doc = Jsoup.parse(html.toFile(), "UTF-8");
                for (Element el : doc.select("[href], [src]")) {
                    String url = el.hasAttr("href") ? el.attr("href") : el.attr("src");
                    if (url.startsWith("#")) {
                        if (doc.getElementById(url.substring(1)) == null) broken.add(html + ": " + url);
                        continue;
                    }
                    assertTrue(url.startsWith("/"), html + " links outside the site: " + url);
                    String path = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
                    Path target = resolve(path);
                    if (target == null) {
                        broken.add(html + ": " + url);
                    } else if (url.contains("#")) {
                        Document linked = Jsoup.parse(target.toFile(), "UTF-8");
                        if (linked.getElementById(url.substring(url.indexOf('#') + 1)) == null) broken.add(html + ": " + url);
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void plainStaticServerSendsTheRightContentTypes() throws Exception {
        try (StaticServer edge = new StaticServer(export)) {
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            assertEquals("text/html", type(client, edge.url("/about-ketamine/fda-breakthrough-status/")));
            assertEquals("audio/wav", type(client, edge.url("/audio/about-ketamine/fda-breakthrough-status.wav")).replace("x-wav", "wav"));
            assertEquals("text/vtt", type(client, edge.url("/audio/about-ketamine.vtt")));
            assertEquals("text/css", type(client, edge.url(Jsoup.parse(export.resolve("index.html").toFile(), "UTF-8")
                    .selectFirst("link[rel=stylesheet]").attr("href"))));
        }
    }

    @Test
    void exportedPageIsTheSameAsTheLivePage() throws Exception {
        assertEquals(server.get("/about-ketamine/research-evidence").body(),
                Files.readString(export.resolve("about-ketamine/research-evidence/index.html")));
    }

    private static String type(HttpClient client, String url) throws Exception {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, r.statusCode(), url);
        return r.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
    }

    /** The exported file a static server would answer {@code path} with, or null. */
    private static Path resolve(String path) {
        Path direct = export.resolve(path.substring(1));
        if (Files.isRegularFile(direct)) return direct;
        Path index = export.resolve(path.substring(1)).resolve("index.html");
        return Files.isRegularFile(index) ? index : null;
    }
}
