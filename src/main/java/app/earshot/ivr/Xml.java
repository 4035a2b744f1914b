package app.earshot.ivr;

import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Builds XML documents with the JDK's DOM and serializes them without indentation, so text and attributes are always escaped. */
final class Xml {
    private Xml() {}

    static Document document() {
        try {
            // The JDK's own implementations, whatever XML libraries are on the classpath (EPUBCheck brings Xerces and Saxon to the tests).
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has a DOM implementation", e);
        }
    }

    /** A new element under {@code parent} (in the parent's namespace), with attributes given as name, value pairs. */
    static Element add(Node parent, String name, String... attributes) {
        Document doc = parent instanceof Document d ? d : parent.getOwnerDocument();
        String ns = parent instanceof Element e ? e.getNamespaceURI() : null;
        Element element = doc.createElementNS(ns, name);
        for (int i = 0; i < attributes.length; i += 2) element.setAttribute(attributes[i], attributes[i + 1]);
        parent.appendChild(element);
        return element;
    }

    /** {@code text} as a text node of {@code element}, without characters XML 1.0 cannot carry. */
    static Element text(Element element, String text) {
        element.appendChild(element.getOwnerDocument().createTextNode(clean(text)));
        return element;
    }

    static String clean(String text) {
        return text.replaceAll("[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]", "");
    }

    static String serialize(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = factory.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            // Written by hand: the JDK puts the root element on the declaration's line.
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            // No indentation: whitespace only adds to what a phone platform downloads and parses.
            t.setOutputProperty(OutputKeys.INDENT, "no");
            StringWriter out = new StringWriter();
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("an in-memory DOM always serializes", e);
        }
    }
}
