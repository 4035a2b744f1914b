package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BookRoutesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) {
        return server.getBytes(path, headers);
    }

    @Test
    void bookIsServedAsEpubWithAnEtagThatAnswers304() {
        HttpResponse<byte[]> book = get("/about-ketamine.epub");
        assertEquals(200, book.statusCode());
        assertEquals("application/epub+zip", book.headers().firstValue("Content-Type").orElse(""));
        assertEquals("mimetypeapplication/epub+zip", new String(book.body(), 30, 28, java.nio.charset.StandardCharsets.US_ASCII));
        String etag = book.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/about-ketamine.epub", "If-None-Match", etag).statusCode());
        HttpResponse<byte[]> part = get("/about-ketamine.epub", "Range", "bytes=0-57");
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOf(book.body(), 58), part.body());
    }

    @Test
    void sameContentServesIdenticalBytes() {
        assertArrayEquals(get("/about-ketamine.epub").body(), get("/about-ketamine.epub").body());
    }

    @Test
    void unknownPageHasNoBook() {
        assertEquals(404, server.get("/nope.epub").statusCode());
    }

    @Test
    void wholePageOffersTheBookWithItsSize() {
        get("/about-ketamine.epub");
        Element link = server.html("/about-ketamine").selectFirst("main .listen a[href=/about-ketamine.epub]");
        assertTrue(link.text().matches("Talking book, text and voice together \\(EPUB, [\\d.]+ (KB|MB)\\)"), link.text());
        assertTrue(link.hasAttr("download"));
        assertTrue(server.html("/about-ketamine/fda-breakthrough-status").select("a[href$=.epub]").isEmpty());
    }
}
