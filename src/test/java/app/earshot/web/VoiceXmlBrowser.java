package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.ivr.CallFlow;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A small VoiceXML browser for the documents Earshot writes, fetched over HTTP from a started server with the grammar
 * files they name: it follows the field's grammars (keys and words, by their tags), the {@code <filled>} branches on
 * {@code choice} (and the document's {@code go} object), {@code <nomatch>}, {@code <noinput>}, the variable {@code v}
 * that chooses what a form's {@code <prompt cond>}s say, and jumps within and across documents. Anything it does not
 * know fails the test, so the documents cannot drift from what it checks.
 */
final class VoiceXmlBrowser {
    /** Where a call is: a document, one of its forms, and the value of {@code v} there. */
    record Place(String document, String form, int v) {}

    private static final Pattern TAG = Pattern.compile("out='([^']*)';");
    private static final Pattern GO = Pattern.compile("'([^']*)':'([^']*)'");
    private static final Pattern VARIANT = Pattern.compile("v==([0-9]+)");

    private final TestServer server;
    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<String, Map<String, Element>> forms = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> go = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> grammars = new LinkedHashMap<>();
    private final Map<String, String> grammarLanguages = new LinkedHashMap<>();
    /** The one language this browser's recogniser knows, or null for every language. */
    private final String recognises;

    VoiceXmlBrowser(TestServer server) {
        this(server, null);
    }

    /**
     * A browser on a platform whose recogniser knows one language only, {@code recognises}: it listens with the keypad
     * grammars and with the voice grammars of that language (as each grammar file declares it), and leaves the others
     * out, as a platform without a recogniser for their language does.
     */
    VoiceXmlBrowser(TestServer server, String recognises) {
        this.server = server;
        this.recognises = recognises;
    }

    /** The call's start: the first form of {@code document}, with {@code v} as the document declares it (0). */
    Place start(String document) throws Exception {
        return new Place(document, forms(document).keySet().iterator().next(), 0);
    }

    /** Every document fetched so far and its body. */
    Map<String, String> documents() {
        return bodies;
    }

    /** Every grammar file fetched so far and its body. */
    Map<String, String> grammarBodies() {
        return grammarTexts;
    }

    private final Map<String, String> grammarTexts = new LinkedHashMap<>();

    /** The forms of {@code document} by id. */
    Map<String, Element> forms(String document) throws Exception {
        if (!forms.containsKey(document)) {
            var response = server.get(document);
            assertEquals(200, response.statusCode(), document);
            assertEquals("application/voicexml+xml; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""), document);
            bodies.put(document, response.body());
            Document doc = IvrRoutesTest.parse(response.body());
            Map<String, Element> byId = new LinkedHashMap<>();
            for (Element form : CallDialectsTest.children(doc.getDocumentElement())) {
                if (form.getLocalName().equals("form")) byId.put(form.getAttribute("id"), form);
                if (form.getLocalName().equals("var")) assertEquals("0", form.getAttribute("expr"), "v starts at 0");
            }
            Map<String, String> targets = new LinkedHashMap<>();
            for (Element script : CallDialectsTest.descendants(doc.getDocumentElement(), "script")) {
                Matcher m = GO.matcher(script.getTextContent());
                while (m.find()) targets.put(m.group(1), m.group(2));
            }
            forms.put(document, byId);
            go.put(document, targets);
        }
        return forms.get(document);
    }

    private Element form(Place at) throws Exception {
        Element form = forms(at.document()).get(at.form());
        if (form == null) throw new AssertionError("no form " + at.form() + " in " + at.document());
        return form;
    }

    /** True if the form at {@code at} plays its sounds and hangs up. */
    boolean hangsUp(Place at) throws Exception {
        return !CallDialectsTest.descendants(form(at), "disconnect").isEmpty();
    }

    /** The clips said at {@code at}, in order: every {@code <prompt>} whose condition holds for {@code v}. */
    List<String> sounds(Place at) throws Exception {
        List<String> out = new ArrayList<>();
        for (Element prompt : CallDialectsTest.descendants(form(at), "prompt")) {
            if (!holds(prompt.getAttribute("cond"), at.v())) continue;
            for (Element a : CallDialectsTest.descendants(prompt, "audio")) out.add(a.getAttribute("src"));
        }
        return out;
    }

    /** Where the browser goes from {@code at} when the caller gives {@code input}. */
    Place next(Place at, CallFlow.Input input) throws Exception {
        Element field = CallDialectsTest.descendants(form(at), "field").get(0);
        if (input instanceof CallFlow.Silence) return run(at, CallDialectsTest.descendants(field, "noinput").get(0), null);
        String value = null;
        for (Element grammar : CallDialectsTest.descendants(field, "grammar")) {
            boolean keys = grammar.getAttribute("mode").equals("dtmf");
            String src = resolve(at.document(), grammar.getAttribute("src"));
            Map<String, String> items = grammar(src);
            if (!keys && recognises != null && !recognises.equals(grammarLanguages.get(src))) continue;
            if (input instanceof CallFlow.Key k && keys && items.containsKey(k.key())) value = items.get(k.key());
            if (input instanceof CallFlow.Speech s && !keys && items.containsKey(s.words())) value = items.get(s.words());
        }
        if (value == null) return run(at, CallDialectsTest.descendants(field, "nomatch").get(0), null);
        return run(at, CallDialectsTest.descendants(field, "filled").get(0), value);
    }

    /** Runs a handler's assignments and jump, taking the branch of an {@code <if>} chain whose condition holds. */
    private Place run(Place at, Element handler, String choice) throws Exception {
        int v = at.v();
        List<Element> steps = CallDialectsTest.children(handler);
        if (steps.size() == 1 && steps.get(0).getLocalName().equals("if")) steps = taken(at, steps.get(0), choice);
        for (Element step : steps) {
            switch (step.getLocalName()) {
                case "assign" -> {
                    assertEquals("v", step.getAttribute("name"));
                    v = Integer.parseInt(step.getAttribute("expr"));
                }
                case "goto" -> {
                    String next = step.hasAttribute("next") ? step.getAttribute("next") : null;
                    if (next == null) {
                        assertEquals("go[choice]", step.getAttribute("expr"));
                        next = go.get(at.document()).get(choice);
                    }
                    int hash = next.indexOf('#');
                    if (hash == 0) return new Place(at.document(), next.substring(1), v);
                    String document = resolve(at.document(), next.substring(0, hash));
                    forms(document);
                    return new Place(document, next.substring(hash + 1), 0);
                }
                default -> throw new AssertionError("unexpected <" + step.getLocalName() + "> in " + at);
            }
        }
        throw new AssertionError("no jump in a handler of " + at);
    }

    /** The steps of the branch of {@code chain} that holds. */
    private List<Element> taken(Place at, Element chain, String choice) {
        List<Element> steps = new ArrayList<>();
        boolean taking = holds(chain, chain.getAttribute("cond"), at, choice);
        boolean done = false;
        for (Element child : CallDialectsTest.children(chain)) {
            String name = child.getLocalName();
            if (name.equals("elseif") || name.equals("else")) {
                done |= taking;
                taking = !done && (name.equals("else") || holds(chain, child.getAttribute("cond"), at, choice));
            } else if (taking) {
                steps.add(child);
            }
        }
        return steps;
    }

    private boolean holds(Element chain, String cond, Place at, String choice) {
        if (cond.startsWith("choice=='")) return cond.equals("choice=='" + choice + "'");
        if (cond.equals("go.hasOwnProperty(choice)")) return go.get(at.document()).containsKey(choice);
        if (cond.startsWith("v==")) return holds(cond, at.v());
        throw new AssertionError("unknown condition " + cond);
    }

    private static boolean holds(String cond, int v) {
        if (cond.isEmpty()) return true;
        Matcher m = VARIANT.matcher(cond);
        boolean any = false;
        while (m.find()) any |= Integer.parseInt(m.group(1)) == v;
        assertEquals(cond, String.join("||", VARIANT.matcher(cond).results().map(r -> r.group()).toList()), "only v==N||... is known");
        return any;
    }

    /** A grammar file's items (what is said or pressed) and the value each returns. */
    private Map<String, String> grammar(String path) {
        return grammars.computeIfAbsent(path, p -> {
            try {
                var response = server.get(p);
                assertEquals(200, response.statusCode(), p);
                assertEquals("application/srgs+xml; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""), p);
                grammarTexts.put(p, response.body());
                Document doc = IvrRoutesTest.parse(response.body());
                grammarLanguages.put(p, doc.getDocumentElement().getAttribute("xml:lang"));
                Map<String, String> items = new LinkedHashMap<>();
                var nodes = doc.getElementsByTagNameNS("http://www.w3.org/2001/06/grammar", "item");
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element item = (Element) nodes.item(i);
                    Matcher m = TAG.matcher(item.getElementsByTagNameNS("http://www.w3.org/2001/06/grammar", "tag").item(0).getTextContent());
                    assertTrue(m.matches(), p);
                    items.put(item.getFirstChild().getTextContent().strip(), m.group(1));
                }
                return items;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static String resolve(String document, String uri) {
        return URI.create("http://x" + document).resolve(uri).getPath();
    }
}
