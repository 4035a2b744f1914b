package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.StringWriter;
import java.time.LocalDate;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code /sitemap.xml} (sitemaps.org 0.9): the home page, every page and every section page, with absolute URLs
 * from the configured base URL or else the request's Host (as the feed), each page's review date as lastmod.
 */
final class SitemapRoutes {
    static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";
    /** The sitemap protocol's limit per file; a larger library would need a sitemap index. */
    static final int MAX_URLS = 50_000;

    // The JDK's own implementation, as the rest of the production XML code asks for, whatever else is on the class path.
    private final XMLOutputFactory xml = XMLOutputFactory.newDefaultFactory();

    SitemapRoutes() {
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/sitemap.xml", this::sitemap);
    }

    private void sitemap(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        String base = Links.absolute(ctx).base();
        ctx.contentType("application/xml; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        byte[] body = render(site, base).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (Conditional.answer(ctx, Conditional.etag("xml", body), null)) return;
        ctx.result(body);
    }

    String render(Site site, String base) {
        StringWriter out = new StringWriter(256 + site.sectionCount() * 120);
        try {
            XMLStreamWriter w = xml.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("urlset");
            w.writeDefaultNamespace(NAMESPACE);
            LocalDate newest = site.pages().stream().map(Page::reviewed).max(LocalDate::compareTo).orElse(null);
            int written = url(w, base + "/", newest, 0);
            for (Page page : site.pages()) {
                written = url(w, base + "/" + page.slug(), page.reviewed(), written);
                for (Section section : page.sections()) {
                    written = url(w, base + "/" + page.slug() + "/" + section.id(), page.reviewed(), written);
                }
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the sitemap", e);
        }
        return out.toString();
    }

    private static int url(XMLStreamWriter w, String loc, LocalDate lastmod, int written) throws XMLStreamException {
        if (written >= MAX_URLS) return written;
        w.writeStartElement("url");
        w.writeStartElement("loc");
        w.writeCharacters(loc);
        w.writeEndElement();
        if (lastmod != null) {
            w.writeStartElement("lastmod");
            w.writeCharacters(lastmod.toString());
            w.writeEndElement();
        }
        w.writeEndElement();
        return written + 1;
    }
}
