package app.earshot.epub;

import static app.earshot.epub.EpubXml.clean;
import static app.earshot.epub.EpubXml.element;

import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A book's package document ({@code EPUB/package.opf}): Dublin Core, accessibility and Media Overlays metadata, the
 * manifest of every file, and the reading order.
 */
final class PackageDocument {
    private static final String OPF = "http://www.idpf.org/2007/opf";
    private static final String DC = "http://purl.org/dc/elements/1.1/";

    private PackageDocument() {}

    static byte[] write(Epub.Book book) {
        return EpubXml.xml(w -> {
            w.writeStartElement("package");
            w.writeDefaultNamespace(OPF);
            w.writeAttribute("version", "3.0");
            w.writeAttribute("unique-identifier", "pub-id");
            w.writeAttribute("xml:lang", book.language());
            metadata(w, book);
            manifest(w, book);
            spine(w, book);
            w.writeEndElement();
        });
    }

    /** Dublin Core, accessibility and Media Overlays metadata. */
    private static void metadata(XMLStreamWriter w, Epub.Book book) throws XMLStreamException {
        w.writeStartElement("metadata");
        w.writeNamespace("dc", DC);
        dc(w, "identifier", book.identifier(), "id", "pub-id");
        dc(w, "title", book.title());
        dc(w, "language", book.language());
        dc(w, "creator", book.publisher());
        dc(w, "publisher", book.publisher());
        dc(w, "date", book.modified().toString());
        if (!book.description().isBlank()) dc(w, "description", book.description());
        meta(w, "dcterms:modified", book.modified() + "T00:00:00Z");
        // Schema.org accessibility metadata (EPUB Accessibility 1.1): what the book offers and how it can be used.
        meta(w, "schema:accessMode", "textual");
        meta(w, "schema:accessMode", "auditory");
        // The narration says all of the text (tables row by row), so either sense is enough on its own.
        meta(w, "schema:accessModeSufficient", "textual");
        meta(w, "schema:accessModeSufficient", "auditory");
        meta(w, "schema:accessModeSufficient", "textual,auditory");
        for (String feature : List.of("structuralNavigation", "tableOfContents", "readingOrder",
                "synchronizedAudioText", "displayTransformability")) {
            meta(w, "schema:accessibilityFeature", feature);
        }
        meta(w, "schema:accessibilityHazard", "none");
        meta(w, "schema:accessibilitySummary", book.summary());
        for (int i = 0; i < book.parts().size(); i++) {
            w.writeStartElement("meta");
            w.writeAttribute("property", "media:duration");
            w.writeAttribute("refines", "#overlay-" + (i + 1));
            w.writeCharacters(clock(book.parts().get(i).seconds()));
            w.writeEndElement();
        }
        meta(w, "media:duration", clock(book.seconds()));
        meta(w, "media:narrator", book.narrator());
        meta(w, "media:active-class", Epub.ACTIVE_CLASS);
        w.writeEndElement();
    }

    /** Every file of the book, each text document naming its Media Overlay. */
    private static void manifest(XMLStreamWriter w, Epub.Book book) throws XMLStreamException {
        w.writeStartElement("manifest");
        item(w, "nav", "nav.xhtml", "application/xhtml+xml", "properties", "nav");
        item(w, "css", "css/book.css", "text/css");
        for (int i = 0; i < book.parts().size(); i++) {
            Epub.Part part = book.parts().get(i);
            int n = i + 1;
            item(w, "text-" + n, "text/" + part.name() + ".xhtml", "application/xhtml+xml", "media-overlay", "overlay-" + n);
            item(w, "overlay-" + n, "overlays/" + part.name() + ".smil", "application/smil+xml");
            item(w, "audio-" + n, "audio/" + part.name() + ".mp3", "audio/mpeg");
        }
        w.writeEndElement();
    }

    /** The reading order: the text documents, one per part. */
    private static void spine(XMLStreamWriter w, Epub.Book book) throws XMLStreamException {
        w.writeStartElement("spine");
        for (int i = 0; i < book.parts().size(); i++) {
            w.writeEmptyElement("itemref");
            w.writeAttribute("idref", "text-" + (i + 1));
        }
        w.writeEndElement();
    }

    private static void meta(XMLStreamWriter w, String property, String value) throws XMLStreamException {
        element(w, "meta", value, "property", property);
    }

    private static void item(XMLStreamWriter w, String id, String href, String type, String... more) throws XMLStreamException {
        w.writeEmptyElement("item");
        w.writeAttribute("id", id);
        w.writeAttribute("href", href);
        w.writeAttribute("media-type", type);
        for (int i = 0; i < more.length; i += 2) w.writeAttribute(more[i], more[i + 1]);
    }

    private static void dc(XMLStreamWriter w, String name, String text, String... attributes)
            throws XMLStreamException {
        w.writeStartElement("dc", name, DC);
        for (int i = 0; i < attributes.length; i += 2) w.writeAttribute(attributes[i], attributes[i + 1]);
        w.writeCharacters(clean(text));
        w.writeEndElement();
    }

    /** A full clock value, h:mm:ss.fff, as {@code media:duration} wants. */
    static String clock(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
