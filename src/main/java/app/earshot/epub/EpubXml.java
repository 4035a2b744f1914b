package app.earshot.epub;

import java.io.ByteArrayOutputStream;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Writes the XML files of a book through the JDK's StAX writer, which escapes text and attributes: a document with
 * its declaration, an XHTML content document around a body, parsed HTML copied in as XHTML, and text cleaned of the
 * characters XML 1.0 cannot carry.
 */
final class EpubXml {
    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String OPS = "http://www.idpf.org/2007/ops";
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
            "meta", "source", "track", "wbr");
    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

    /** Writes the part of a document inside its declaration. */
    @FunctionalInterface
    interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private EpubXml() {}

    /** An XML document: declaration, a line break, then {@code body}. */
    static byte[] xml(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** An XHTML content document: declaration, doctype, html with language, head with title and stylesheet. */
    static byte[] xhtml(String language, String title, String css, Body body) {
        return xml(w -> {
            w.writeDTD("<!DOCTYPE html>");
            w.writeStartElement("html");
            w.writeDefaultNamespace(XHTML);
            w.writeNamespace("epub", OPS);
            w.writeAttribute("lang", language);
            w.writeAttribute("xml:lang", language);
            w.writeStartElement("head");
            w.writeEmptyElement("meta");
            w.writeAttribute("charset", "UTF-8");
            element(w, "title", title);
            w.writeEmptyElement("link");
            w.writeAttribute("rel", "stylesheet");
            w.writeAttribute("type", "text/css");
            w.writeAttribute("href", css);
            w.writeEndElement();
            w.writeStartElement("body");
            body.write(w);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** Copies parsed HTML into the XHTML being written: elements, attributes and text, escaped by the writer. */
    static void node(XMLStreamWriter w, Node node) throws XMLStreamException {
        if (node instanceof TextNode text) {
            w.writeCharacters(clean(text.getWholeText()));
        } else if (node instanceof DataNode data) {
            w.writeCharacters(clean(data.getWholeData()));
        } else if (node instanceof Element element) {
            String name = element.normalName();
            if (VOID.contains(name)) {
                w.writeEmptyElement(name);
                attributes(w, element);
                return;
            }
            w.writeStartElement(name);
            attributes(w, element);
            for (Node child : element.childNodes()) node(w, child);
            w.writeEndElement();
        }
    }

    static void attributes(XMLStreamWriter w, Element element) throws XMLStreamException {
        for (var attribute : element.attributes()) {
            w.writeAttribute(attribute.getKey(), clean(attribute.getValue()));
        }
    }

    /** An element holding {@code text}, with attribute name/value pairs. */
    static void element(XMLStreamWriter w, String name, String text, String... attributes) throws XMLStreamException {
        w.writeStartElement(name);
        for (int i = 0; i < attributes.length; i += 2) w.writeAttribute(attributes[i], attributes[i + 1]);
        w.writeCharacters(clean(text));
        w.writeEndElement();
    }

    /** Text without the characters XML 1.0 cannot carry. */
    static String clean(String text) {
        return text.replaceAll("[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]", "");
    }
}
