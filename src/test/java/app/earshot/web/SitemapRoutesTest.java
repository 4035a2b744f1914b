package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Section;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** /sitemap.xml, parsed as XML: every page and section, absolute, in the sitemaps.org namespace. */
class SitemapRoutesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("src/test/resources/library"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Document sitemap() throws Exception {
        var response = server.getBytes("/sitemap.xml");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        return parse(response.body());
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static List<String> locs(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS(SitemapRoutes.NAMESPACE, "loc");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

    @Test
    void listsHomeEveryPageAndEverySectionAsAbsoluteUrls() throws Exception {
        List<String> expected = new ArrayList<>(List.of(server.url("/")));
        for (Page page : server.site().pages()) {
            expected.add(server.url("/" + page.slug()));
            for (Section section : page.sections()) expected.add(server.url("/" + page.slug() + "/" + section.id()));
        }
        assertEquals(expected, locs(sitemap()));
    }

    @Test
    void rootIsAUrlsetInTheSitemapNamespace() throws Exception {
        Document doc = sitemap();
        assertEquals("urlset", doc.getDocumentElement().getLocalName());
        assertEquals(SitemapRoutes.NAMESPACE, doc.getDocumentElement().getNamespaceURI());
    }

    @Test
    void lastModifiedIsThePagesReviewDate() throws Exception {
        NodeList urls = sitemap().getElementsByTagNameNS(SitemapRoutes.NAMESPACE, "url");
        assertEquals(server.url("/after-your-session/driving"), urls.item(3).getFirstChild().getTextContent());
        assertEquals("2026-10-02", ((org.w3c.dom.Element) urls.item(3)).getElementsByTagNameNS(SitemapRoutes.NAMESPACE, "lastmod").item(0).getTextContent());
    }

    @Test
    void everyListedUrlAnswers200() throws Exception {
        for (String loc : locs(sitemap())) {
            assertEquals(200, server.get(loc.substring(server.url("").length())).statusCode(), loc);
        }
    }

    @Test
    void configuredBaseUrlIsUsed() throws Exception {
        String xml = new SitemapRoutes().render(server.site(), "https://library.example.org");
        assertTrue(locs(parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .contains("https://library.example.org/ketamine-infusions/aftercare-at-home"), xml);
    }
}
