package app.earshot.epub;

import static app.earshot.epub.EpubXml.OPS;
import static app.earshot.epub.EpubXml.attributes;
import static app.earshot.epub.EpubXml.element;
import static app.earshot.epub.EpubXml.node;
import static app.earshot.epub.EpubXml.xhtml;
import static app.earshot.epub.EpubXml.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Writes an EPUB 3 publication with Media Overlays from a {@link Book}: the same book always gives the same bytes
 * (fixed entry times, fixed order), so a cache key or ETag made from the inputs names the file exactly.
 *
 * <p>Container layout: {@code mimetype} (first, stored), {@code META-INF/container.xml}, and under {@code EPUB/}
 * the package document, {@code nav.xhtml}, a stylesheet, and per part {@code text/N.xhtml},
 * {@code overlays/N.smil} and {@code audio/N.mp3}. Every XML file is written through {@link EpubXml}; the package
 * document is {@link PackageDocument}'s.
 */
final class Epub {
    static final String MEDIA_TYPE = "application/epub+zip";
    /** The class reading systems put on the element being read aloud. */
    static final String ACTIVE_CLASS = "-epub-media-overlay-active";

    private static final String SMIL = "http://www.w3.org/ns/SMIL";

    /**
     * A publication.
     *
     * @param identifier stable unique identifier (a URN)
     * @param modified   the date the content was last changed, for {@code dcterms:modified} and the ZIP entries
     * @param summary    accessibility summary, in words
     * @param narrator   who or what speaks the audio
     * @param words      the book's own words (table of contents, landmarks), in the page's language
     */
    record Book(String identifier, String title, String language, String publisher, String description,
                LocalDate modified, String summary, String narrator, List<Part> parts, Words words) {
        Book {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) throw new IllegalArgumentException("a book needs at least one part");
        }

        double seconds() {
            return parts.stream().mapToDouble(Part::seconds).sum();
        }
    }

    /** The words a book writes itself: its table of contents' title, the landmarks' heading and the start's name. */
    record Words(String contents, String landmarks, String start) {}

    /**
     * One content document with its narration.
     *
     * @param name    file name without extension: letters, digits and hyphens
     * @param title   the part's entry in the table of contents, and its document's title before the book's
     * @param seconds playing time of {@code mp3}
     */
    record Part(String name, String title, Chapter chapter, byte[] mp3, double seconds) {}

    private Epub() {}

    /** The publication as the bytes of an EPUB (ZIP) file. */
    static byte[] write(Book book) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LocalDateTime time = book.modified().atStartOfDay();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, "mimetype", MEDIA_TYPE.getBytes(StandardCharsets.US_ASCII), false, time);
            entry(zip, "META-INF/container.xml", container(), true, time);
            entry(zip, "EPUB/package.opf", PackageDocument.write(book), true, time);
            entry(zip, "EPUB/nav.xhtml", navigation(book), true, time);
            entry(zip, "EPUB/css/book.css", css(), true, time);
            for (Part part : book.parts()) {
                entry(zip, "EPUB/text/" + part.name() + ".xhtml", content(book, part), true, time);
                entry(zip, "EPUB/overlays/" + part.name() + ".smil", overlay(part), true, time);
                // MP3 is compressed already: storing it costs nothing and lets players read it in place.
                entry(zip, "EPUB/audio/" + part.name() + ".mp3", part.mp3(), false, time);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data, boolean deflate, LocalDateTime time)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        if (deflate) {
            entry.setMethod(ZipEntry.DEFLATED);
        } else {
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(data.length);
            entry.setCompressedSize(data.length);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] container() {
        return xml(w -> {
            w.writeStartElement("container");
            w.writeDefaultNamespace("urn:oasis:names:tc:opendocument:xmlns:container");
            w.writeAttribute("version", "1.0");
            w.writeStartElement("rootfiles");
            w.writeEmptyElement("rootfile");
            w.writeAttribute("full-path", "EPUB/package.opf");
            w.writeAttribute("media-type", "application/oebps-package+xml");
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static byte[] navigation(Book book) {
        return xhtml(book.language(), book.words().contents() + " \u2013 " + book.title(), "css/book.css", w -> {
            w.writeStartElement("nav");
            w.writeAttribute("epub", OPS, "type", "toc");
            w.writeAttribute("id", "toc");
            w.writeAttribute("role", "doc-toc");
            w.writeAttribute("aria-labelledby", "toc-heading");
            element(w, "h1", book.title(), "id", "toc-heading");
            w.writeStartElement("ol");
            for (Part part : book.parts()) {
                String href = "text/" + part.name() + ".xhtml";
                w.writeStartElement("li");
                element(w, "a", part.title(), "href", href);
                List<Chapter.Heading> headings = part.chapter().headings();
                if (!headings.isEmpty()) {
                    // Sub-headings one level down; deeper ones are rare enough to list at the same level.
                    w.writeStartElement("ol");
                    for (Chapter.Heading h : headings) {
                        w.writeStartElement("li");
                        element(w, "a", h.text(), "href", href + "#" + h.id());
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();

            w.writeStartElement("nav");
            w.writeAttribute("epub", OPS, "type", "landmarks");
            w.writeAttribute("aria-labelledby", "landmarks-heading");
            w.writeAttribute("hidden", "hidden");
            element(w, "h2", book.words().landmarks(), "id", "landmarks-heading");
            w.writeStartElement("ol");
            landmark(w, "bodymatter", "text/" + book.parts().get(0).name() + ".xhtml", book.words().start());
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static void landmark(XMLStreamWriter w, String type, String href, String text) throws XMLStreamException {
        w.writeStartElement("li");
        w.writeStartElement("a");
        w.writeAttribute("epub", OPS, "type", type);
        w.writeAttribute("href", href);
        w.writeCharacters(text);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static byte[] content(Book book, Part part) {
        return xhtml(book.language(), part.title() + " \u2013 " + book.title(), "../css/book.css", w -> {
            Element section = part.chapter().body();
            w.writeStartElement("section");
            w.writeAttribute("epub", OPS, "type", "chapter");
            w.writeAttribute("role", "doc-chapter");
            attributes(w, section);
            for (Node child : section.childNodes()) node(w, child);
            w.writeEndElement();
        });
    }

    /** One {@code par} per anchor; clips run on from one to the next, so the whole recording plays, pauses too. */
    private static byte[] overlay(Part part) {
        String text = "../text/" + part.name() + ".xhtml";
        String audio = "../audio/" + part.name() + ".mp3";
        List<Chapter.Anchor> anchors = part.chapter().anchors();
        if (anchors.isEmpty()) {
            // Nothing was timed (no word timings): the heading carries the whole recording.
            anchors = List.of(new Chapter.Anchor(part.chapter().body().selectFirst("h1").id(), 0, part.seconds()));
        }
        double[] begin = new double[anchors.size() + 1];
        for (int i = 1; i < anchors.size(); i++) {
            begin[i] = Math.min(Math.max(begin[i - 1], anchors.get(i).start()), part.seconds());
        }
        begin[anchors.size()] = part.seconds();
        List<Chapter.Anchor> timed = anchors;
        return xml(w -> {
            w.writeStartElement("smil");
            w.writeDefaultNamespace(SMIL);
            w.writeNamespace("epub", OPS);
            w.writeAttribute("version", "3.0");
            w.writeStartElement("body");
            // With a fragment: EPUB 3.2 (EPUBCheck 4.x, MED_014) wants textref to name the element the overlay covers.
            w.writeAttribute("epub", OPS, "textref", text + "#" + part.chapter().body().id());
            for (int i = 0; i < timed.size(); i++) {
                w.writeStartElement("par");
                w.writeAttribute("id", "par-" + (i + 1));
                w.writeEmptyElement("text");
                w.writeAttribute("src", text + "#" + timed.get(i).id());
                w.writeEmptyElement("audio");
                w.writeAttribute("src", audio);
                w.writeAttribute("clipBegin", seconds(begin[i]));
                w.writeAttribute("clipEnd", seconds(begin[i + 1]));
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private static byte[] css() {
        return String.join("\n",
                "/* Layout is left to the reading system and the reader's settings; only structure is styled. */",
                "table { border-collapse: collapse; margin: 1em 0; }",
                "caption { font-weight: bold; text-align: left; padding-bottom: 0.5em; }",
                "th, td { border: 1px solid; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }",
                "." + ACTIVE_CLASS + " { background-color: #ffe066; color: #000000; }",
                ".translation-notice { border: 1px solid; padding: 0.5em; }",
                "").getBytes(StandardCharsets.UTF_8);
    }

    /** A SMIL clock value in seconds, cut (not rounded) to milliseconds so it never passes the end of the audio. */
    static String seconds(double seconds) {
        long ms = (long) Math.floor(seconds * 1000 + 1e-6);
        return String.format(Locale.ROOT, "%d.%03ds", ms / 1000, ms % 1000);
    }
}
