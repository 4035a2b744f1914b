package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.Await;
import app.earshot.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Waits until a phone line's clips are all made: a line answers at once with the words of any clip not made yet and
 * makes it in the background, so tests that compare clips between dialects first wait for the line to be ready.
 */
final class PhoneLineReady {
    private PhoneLineReady() {}

    /** Fetches each VoiceXML document until none says words in place of a clip (at most three minutes). */
    static void await(TestServer server, String... documents) throws Exception {
        for (String path : documents) {
            Await.until(Duration.ofSeconds(180), () -> spokenQuietly(server, path).isEmpty(), path + " says no words in place of clips");
        }
        for (String path : documents) assertEquals(List.of(), spoken(server, path), path + " still says words in place of clips");
    }

    private static List<String> spokenQuietly(TestServer server, String path) {
        try {
            return spoken(server, path);
        } catch (Exception e) {
            throw new AssertionError(path, e);
        }
    }

    /** The words a document's prompts say without a clip (text directly in {@code <prompt>}). */
    static List<String> spoken(TestServer server, String path) throws Exception {
        var response = server.get(path);
        assertEquals(200, response.statusCode(), path);
        List<String> words = new ArrayList<>();
        for (Element prompt : IvrRoutesTest.all(IvrRoutesTest.parse(response.body()), IvrRoutesTest.VXML_NS, "prompt")) {
            for (Node n = prompt.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.TEXT_NODE && !n.getTextContent().isBlank()) words.add(n.getTextContent().strip());
            }
        }
        return words;
    }
}
