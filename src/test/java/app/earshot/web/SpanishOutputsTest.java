package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.ivr.KeypadMenu;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The Spanish page's other outputs: its talking book's own words, its feed's titles and its phone menu's prompts. */
class SpanishOutputsTest {
    @Test
    void theTalkingBooksContentsAndLandmarksAreInSpanish() throws Exception {
        try (TestServer server = TestServer.start(SpanishInterfaceTest.SITE)) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url("/acerca-de-la-ketamina.epub"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode());
            Document nav = Jsoup.parse(entry(response.body(), "EPUB/nav.xhtml"), "", Parser.xmlParser());
            assertEquals("Contenido \u2013 Acerca de la ketamina", nav.selectFirst("title").text());
            assertEquals("Puntos de referencia", nav.selectFirst("#landmarks-heading").text());
            assertEquals("Inicio del contenido", nav.select("nav[epub:type=landmarks] a").text());
            assertTrue(nav.select("nav#toc a").eachText().contains("Introducción"), nav.select("nav#toc a").eachText().toString());
        }
    }

    @Test
    void thePageFeedNamesTheIntroductionInSpanish() {
        try (TestServer server = TestServer.start(SpanishInterfaceTest.SITE)) {
            server.site().page("acerca-de-la-ketamina").ifPresent(server::warm);
            Document feed = Jsoup.parse(server.get("/acerca-de-la-ketamina/feed.xml").body(), "", Parser.xmlParser());
            assertEquals("Introducción a Acerca de la ketamina", feed.selectFirst("item > title").text());
        }
    }

    @Test
    void theSpanishPagesPhoneMenuSaysOprimaAndNeverPress() throws Exception {
        Page page = App.load(SpanishInterfaceTest.SITE).site().page("acerca-de-la-ketamina").orElseThrow();
        var prompts = KeypadMenu.of(page).prompts();
        assertTrue(prompts.get("menu").startsWith("Acerca de la ketamina. Oprima un número o diga un tema. Para la introducción, oprima 1."),
                prompts.get("menu"));
        for (var prompt : prompts.entrySet()) {
            assertFalse(prompt.getValue().matches("(?s).*\\b(press|For|Help|section)\\b.*"), prompt.getKey() + ": " + prompt.getValue());
        }
    }

    @Test
    void aSpanishSitesLineSaysOprimaAndNeverPress(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TestServer.copyTree(app.earshot.Fixture.SITE, dir);
        java.nio.file.Path yaml = dir.resolve("site.yaml");
        java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(yaml).replace("language: en", "language: es"));
        var prompts = app.earshot.ivr.SiteMenu.of(App.load(dir).site()).prompts();
        assertFalse(prompts.isEmpty());
        for (var prompt : prompts.entrySet()) {
            assertFalse(prompt.getValue().matches("(?s).*\\b(press|For|Help|Goodbye|option)\\b.*"), prompt.getKey() + ": " + prompt.getValue());
        }
        assertEquals("No recibimos ninguna respuesta. Gracias por llamar. Adiós.", prompts.get("goodbye"));
    }

    @Test
    void aSpanishSitesErrorAndSearchPagesAreInSpanish(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TestServer.copyTree(app.earshot.Fixture.SITE, dir);
        java.nio.file.Path yaml = dir.resolve("site.yaml");
        java.nio.file.Files.writeString(yaml, java.nio.file.Files.readString(yaml).replace("language: en", "language: es"));
        try (TestServer server = TestServer.start(dir)) {
            var missing = server.get("/no-existe");
            assertEquals(404, missing.statusCode());
            Document error = Jsoup.parse(missing.body());
            assertEquals("es", error.select("html").attr("lang"));
            assertEquals("Página no encontrada", error.select("main h1").text());
            assertEquals("Ninguna página tiene esta dirección.", error.select("main h1 + p").text());
            Document search = Jsoup.parse(server.get("/search?q=zzqqxx").body());
            assertEquals("Ningún resultado para zzqqxx", search.select("main h1").text());
            assertEquals("Buscar", search.select(".site-search button").text());
        }
    }

    private static String entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name);
    }
}
