package app.earshot.ivr;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Validates VoiceXML against the W3C VoiceXML 2.1 XML Schema and DTD copied under src/test/resources/schemas, offline:
 * the schema's import of {@code http://www.w3.org/2001/xml.xsd} is answered with the local copy. Returns every
 * problem as "line N: message"; an empty list means valid.
 */
public final class VoiceXmlValidator {
    private static final String DIR = "/schemas/voicexml-2.1/";

    private VoiceXmlValidator() {}

    public static List<String> schemaErrors(String xml) throws Exception {
        return errors(xml, "vxml.xsd");
    }

    /** Validates a grammar file against the W3C SRGS 1.0 schema (grammar.xsd) copied beside VoiceXML's. */
    public static List<String> grammarErrors(String xml) throws Exception {
        return errors(xml, "grammar.xsd");
    }

    private static List<String> errors(String xml, String xsd) throws Exception {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        factory.setResourceResolver(new Local());
        URL entry = VoiceXmlValidator.class.getResource(DIR + xsd);
        Schema schema = factory.newSchema(new StreamSource(entry.openStream(), entry.toExternalForm()));
        var validator = schema.newValidator();
        List<String> errors = new ArrayList<>();
        validator.setErrorHandler(collect(errors));
        validator.validate(new StreamSource(new StringReader(xml)));
        return errors;
    }

    /** Validates against vxml.dtd by declaring it in a DOCTYPE the document itself does not carry. */
    public static List<String> dtdErrors(String xml) throws Exception {
        String dtd = VoiceXmlValidator.class.getResource(DIR + "vxml.dtd").toExternalForm();
        String withDoctype = xml.replaceFirst("(<\\?xml[^>]*\\?>)", "$1<!DOCTYPE vxml SYSTEM \"" + dtd + "\">");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setValidating(true);
        factory.setNamespaceAware(false);
        var builder = factory.newDocumentBuilder();
        List<String> errors = new ArrayList<>();
        builder.setErrorHandler(collect(errors));
        builder.parse(new InputSource(new ByteArrayInputStream(withDoctype.getBytes(StandardCharsets.UTF_8))));
        return errors;
    }

    private static ErrorHandler collect(List<String> errors) {
        return new ErrorHandler() {
            public void warning(SAXParseException e) {}

            public void error(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }

            public void fatalError(SAXParseException e) {
                errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
            }
        };
    }

    /** Resolves every schema location, including the absolute xml.xsd one, to the copies on the classpath. */
    private static final class Local implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (systemId == null) return null;
            String file = systemId.substring(systemId.lastIndexOf('/') + 1);
            URL url = VoiceXmlValidator.class.getResource(DIR + file);
            if (url == null) throw new IllegalStateException("schema not copied: " + systemId);
            return new Input(url, publicId);
        }
    }

    private record Input(URL url, String publicId) implements LSInput {
        public java.io.Reader getCharacterStream() { return null; }
        public void setCharacterStream(java.io.Reader r) {}
        public InputStream getByteStream() {
            try {
                return url.openStream();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        public void setByteStream(InputStream s) {}
        public String getStringData() { return null; }
        public void setStringData(String s) {}
        public String getSystemId() { return url.toExternalForm(); }
        public void setSystemId(String s) {}
        public String getPublicId() { return publicId; }
        public void setPublicId(String s) {}
        public String getBaseURI() { return null; }
        public void setBaseURI(String s) {}
        public String getEncoding() { return null; }
        public void setEncoding(String s) {}
        public boolean getCertifiedText() { return false; }
        public void setCertifiedText(boolean b) {}
    }
}
