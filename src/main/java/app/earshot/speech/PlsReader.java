package app.earshot.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one W3C PLS 1.0 file into grapheme -> alias pairs, collecting every problem as
 * {@code file:line: message} instead of stopping at the first; used once per {@link Lexicon#parse}.
 */
final class PlsReader {

    static final String NAMESPACE = "http://www.w3.org/2005/01/pronunciation-lexicon";

    /** What a valid file defines: aliases in file order, and every grapheme (aliased or not). */
    record Result(Map<String, String> aliases, Set<String> graphemes, String language) {}

    private record Grapheme(String text, int line) {}

    private final Path file;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final Map<String, Integer> definedAt = new HashMap<>();

    PlsReader(Path file) {
        this.file = file;
    }

    /** @throws LexiconException if anything was wrong with the file */
    // The lexicon's xml:lang as written ("en-US"), once the root is read.
    private String language = "";

    Result read() {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory().createXMLStreamReader(in);
            try {
                readDocument(xml);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNumber());
            problem(line, "not well-formed XML: " + parserMessage(e));
        } catch (NoSuchFileException e) {
            problems.add(file + ": cannot read: no such file");
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
        }
        if (!problems.isEmpty()) throw new LexiconException(problems);
        return new Result(aliases, definedAt.keySet(), language);
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // A lexicon is data, not a document that may pull in other files: no DTDs, no entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    private void readDocument(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext() && xml.next() != XMLStreamConstants.START_ELEMENT) {
            // prolog: declaration, comments, processing instructions
        }
        if (!xml.isStartElement()) {
            problem(xml.getLocation().getLineNumber(), "no root element");
            return;
        }
        if (!readRoot(xml)) return;
        while (xml.next() != XMLStreamConstants.END_ELEMENT) {
            if (!xml.isStartElement()) continue;
            if (!NAMESPACE.equals(xml.getNamespaceURI())) {
                skip(xml);  // PLS allows foreign-namespace extensions; they mean nothing to us
                continue;
            }
            switch (xml.getLocalName()) {
                case "lexeme" -> readLexeme(xml);
                case "meta", "metadata" -> skip(xml);
                default -> unexpected(xml, "lexicon");
            }
        }
        while (xml.hasNext()) xml.next();  // still report trailing garbage as not well-formed
    }

    /** Checks the root element; false when it is not a PLS lexicon at all, so reading stops. */
    private boolean readRoot(XMLStreamReader xml) {
        int line = line(xml);
        String ns = xml.getNamespaceURI();
        if (!"lexicon".equals(xml.getLocalName()) || !NAMESPACE.equals(ns)) {
            problem(line, "root element is <" + xml.getLocalName() + "> in "
                    + (ns == null || ns.isEmpty() ? "no namespace" : "namespace " + ns)
                    + ", expected <lexicon> in namespace " + NAMESPACE);
            return false;
        }
        String version = xml.getAttributeValue(null, "version");
        if (version == null) {
            problem(line, "<lexicon> has no version attribute; PLS 1.0 needs version=\"1.0\"");
        } else if (!version.equals("1.0")) {
            problem(line, "<lexicon> version is \"" + version + "\"; only \"1.0\" is supported");
        }
        language = xml.getAttributeValue(XMLConstants.XML_NS_URI, "lang") == null ? "" : xml.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
        if (xml.getAttributeValue(XMLConstants.XML_NS_URI, "lang") == null) {
            problem(line, "<lexicon> has no xml:lang attribute");
        }
        if (xml.getAttributeValue(null, "alphabet") == null) {
            problem(line, "<lexicon> has no alphabet attribute");
        }
        return true;
    }

    private void readLexeme(XMLStreamReader xml) throws XMLStreamException {
        int line = line(xml);
        List<Grapheme> graphemes = new ArrayList<>();
        boolean sawGrapheme = false;
        boolean sawAlias = false;
        boolean sawPhoneme = false;
        String alias = null;
        boolean aliasPreferred = false;
        while (xml.next() != XMLStreamConstants.END_ELEMENT) {
            if (!xml.isStartElement()) continue;
            if (!NAMESPACE.equals(xml.getNamespaceURI())) {
                skip(xml);
                continue;
            }
            int at = line(xml);
            switch (xml.getLocalName()) {
                case "grapheme" -> {
                    sawGrapheme = true;
                    String text = Lexicon.collapse(xml.getElementText());
                    if (text.isEmpty()) problem(at, "empty <grapheme>");
                    else graphemes.add(new Grapheme(text, at));
                }
                case "alias" -> {
                    sawAlias = true;
                    // PLS lets one alias of several carry prefer="true"; otherwise the first one wins.
                    boolean preferred = "true".equals(xml.getAttributeValue(null, "prefer"));
                    String text = Lexicon.collapse(xml.getElementText());
                    if (text.isEmpty()) problem(at, "empty <alias>");
                    else if (alias == null || (preferred && !aliasPreferred)) {
                        alias = text;
                        aliasPreferred = preferred;
                    }
                }
                case "phoneme" -> {
                    sawPhoneme = true;
                    skip(xml);
                }
                case "example" -> skip(xml);
                default -> unexpected(xml, "lexeme");
            }
        }
        if (!sawGrapheme) problem(line, "<lexeme> has no <grapheme>");
        if (!sawAlias && !sawPhoneme) problem(line, "<lexeme> has neither <alias> nor <phoneme>");
        for (Grapheme g : graphemes) {
            Integer first = definedAt.putIfAbsent(g.text(), g.line());
            if (first != null) {
                problem(g.line(), "grapheme \"" + g.text() + "\" is already defined at line " + first);
            } else if (alias != null) {
                aliases.put(g.text(), alias);
            }
        }
    }

    private void unexpected(XMLStreamReader xml, String parent) throws XMLStreamException {
        problem(line(xml), "unexpected element <" + xml.getLocalName() + "> in <" + parent + ">");
        skip(xml);
    }

    /** Moves past the end of the element whose start tag is current. */
    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) depth++;
            else if (event == XMLStreamConstants.END_ELEMENT) depth--;
        }
    }

    private static int line(XMLStreamReader xml) {
        return xml.getLocation().getLineNumber();
    }

    private void problem(int line, String message) {
        problems.add(file + ":" + line + ": " + message);
    }

    /** The JDK parser prefixes "ParseError at [row,col]:[l,c]\nMessage: "; the line is ours to print. */
    private static String parserMessage(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        return (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
    }
}
