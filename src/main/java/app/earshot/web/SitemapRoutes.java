package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code /sitemap.xml} (sitemaps.org 0.9): the home page, every page and every section page, with absolute URLs
 * from the configured base URL or else the request's Host (as the feed), each page's review date as lastmod, and for a
 * page with translations every language version as {@code xhtml:link rel="alternate" hreflang} (Google's sitemap form).
 */
final class SitemapRoutes {
    static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";
    /** Google's namespace for a URL's other-language versions ({@code xhtml:link rel="alternate" hreflang}). */
    static final String XHTML = "http://www.w3.org/1999/xhtml";
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
            w.writeNamespace("xhtml", XHTML);
            int written = url(w, base, "/", newest, List.of(), 0);
            for (Page page : site.pages()) {
                written = url(w, base, "/" + page.slug(), page.reviewed(), Alternates.of(site, page, null, ""), written);
                // A section's alternates only where each translation has its section in the same place: one that
                // maps to a whole page would not link back, and search engines ignore one-way pairs.
                boolean sameShape = site.translations(page).stream().allMatch(t -> t.sections().size() == page.sections().size());
                for (Section section : page.sections()) {
                    written = url(w, base, "/" + page.slug() + "/" + section.id(), page.reviewed(),
                            sameShape ? Alternates.of(site, page, section, "") : List.of(), written);
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

    private static int url(XMLStreamWriter w, String base, String path, LocalDate lastmod, List<Alternates.Version> alternates,
                           int written) throws XMLStreamException {
        if (written >= MAX_URLS) return written;
        w.writeStartElement("url");
        w.writeStartElement("loc");
        w.writeCharacters(base + path);
        w.writeEndElement();
        if (lastmod != null) {
            w.writeStartElement("lastmod");
            w.writeCharacters(lastmod.toString());
            w.writeEndElement();
        }
        for (Alternates.Version v : alternates) {
            w.writeEmptyElement("xhtml", "link", XHTML);
            w.writeAttribute("rel", "alternate");
            w.writeAttribute("hreflang", v.hreflang());
            w.writeAttribute("href", base + v.path());
        }
        w.writeEndElement();
        return written + 1;
    }
}
