package app.earshot.ivr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a page's phone menu as one VoiceXML 2.1 document compiled from its {@link CallTable}: a {@code <form>} per
 * turn of the call, so it follows exactly the keys, words and silence rules of {@link CallFlow} that TwiML answers with. Every {@code <audio>} holds
 * its words as the fallback a browser speaks if the fetch fails; the document's {@code audiomaxage} equals the audio's
 * HTTP {@code Cache-Control: max-age}.
 */
public final class VoiceXml {
    public static final String NAMESPACE = "http://www.w3.org/2001/vxml";
    /** The field that holds the caller's answer: a key, or a phrase's tag value. */
    static final String FIELD = "choice";

    private final Line line;
    private final Sounds sounds;
    private final int maxAgeSeconds;
    private final String language;

    /**
     * @param sounds        URLs may be relative to the document (VoiceXML resolves them against its own URI)
     * @param maxAgeSeconds the audio's {@code Cache-Control: max-age}
     * @param language      BCP 47 tag of the content
     */
    public VoiceXml(KeypadMenu keypad, Sounds sounds, int maxAgeSeconds, String language) {
        this(new CallFlow(keypad), sounds, maxAgeSeconds, language);
    }

    /** The document(s) of any line, e.g. the site-wide one. */
    public VoiceXml(Line line, Sounds sounds, int maxAgeSeconds, String language) {
        this.line = line;
        this.sounds = sounds;
        this.maxAgeSeconds = maxAgeSeconds;
        this.language = language;
    }

    /** Form id of the section at {@code index}. */
    public static String formId(String sectionId) {
        return "section-" + sectionId;
    }

    /** The whole line as one document. */
    public String write() {
        return write(CallTable.of(line), turn -> "");
    }

    /**
     * One document of a line split over several: a form for each turn of {@code table} whose {@code document} is ""
     * (this one), the start first; a jump to a turn of another document goes to that document's URI and form.
     */
    public String write(CallTable table, Function<CallFlow.Turn, String> document) {
        Document doc = Xml.document();
        Element vxml = doc.createElementNS(NAMESPACE, "vxml");
        doc.appendChild(vxml);
        vxml.setAttribute("version", "2.1");
        vxml.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", language);
        property(vxml, "inputmodes", "dtmf voice");
        property(vxml, "bargein", "true");
        property(vxml, "timeout", Twiml.TIMEOUT_SECONDS + "s");
        // Caching is said once for the document, not per <audio>: Xerces-based validators reject per-audio cache attributes.
        property(vxml, "audiomaxage", Integer.toString(maxAgeSeconds));
        property(vxml, "audiofetchhint", "prefetch");
        Function<CallFlow.Turn, String> target = turn -> document.apply(turn) + "#" + table.name(turn);
        for (CallFlow.Turn turn : table.turns()) if (document.apply(turn).isEmpty()) form(vxml, table, turn, target);
        return Xml.serialize(doc);
    }

    /**
     * One turn as a form: its sounds in a barge-in prompt, a DTMF grammar of the keys that lead somewhere other than
     * "not an option" and a voice grammar of the phrases that do, and a jump for each, for no match and for silence.
     * Every turn is its own form, so nothing is replayed by a prompt counter and no {@code <clear>} is needed.
     */
    private void form(Element vxml, CallTable table, CallFlow.Turn turn, Function<CallFlow.Turn, String> target) {
        String name = table.name(turn);
        Element form = Xml.add(vxml, "form", "id", name);
        if (turn.hangsUp()) {
            Element block = Xml.add(form, "block");
            prompt(block, turn.sounds());
            Xml.add(block, "disconnect");
            return;
        }
        Map<CallFlow.Input, CallFlow.Turn> next = new LinkedHashMap<>();
        for (CallTable.Row row : table.rows(turn)) next.put(row.input(), row.to());
        CallFlow.Turn noMatch = next.get(CallTable.UNRECOGNISED);
        CallFlow.Turn silence = next.get(new CallFlow.Silence());

        Element field = Xml.add(form, "field", "name", FIELD);
        // SRGS rule names may not contain '-', '.' or ':'; they are XML IDs, so unique in the document.
        String rule = name.replace('-', '_');
        Element keys = grammar(field, "dtmf", rule + "_keys");
        Element voice = grammar(field, "voice", rule + "_words");
        voice.setAttribute("tag-format", "semantics/1.0");
        voice.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", language);
        Element keyChoices = Xml.add(Xml.add(keys, "rule", "id", rule + "_keys", "scope", "public"), "one-of");
        Element wordChoices = Xml.add(Xml.add(voice, "rule", "id", rule + "_words", "scope", "public"), "one-of");
        Map<String, String> branches = new LinkedHashMap<>();
        int phrase = 0;
        for (Map.Entry<CallFlow.Input, CallFlow.Turn> e : next.entrySet()) {
            if (e.getValue().equals(noMatch)) continue;
            if (e.getKey() instanceof CallFlow.Key k) {
                Xml.text(Xml.add(keyChoices, "item"), k.key());
                branches.put(k.key(), target.apply(e.getValue()));
            } else if (e.getKey() instanceof CallFlow.Speech s) {
                String value = "say" + (++phrase);
                Element item = Xml.text(Xml.add(wordChoices, "item"), s.words());
                Xml.text(Xml.add(item, "tag"), "out='" + value + "';");
                branches.put(value, target.apply(e.getValue()));
            }
        }
        prompt(field, turn.sounds());
        Element filled = Xml.add(field, "filled");
        Element branch = null;
        for (Map.Entry<String, String> b : branches.entrySet()) {
            String cond = FIELD + " == '" + b.getKey() + "'";
            if (branch == null) branch = Xml.add(filled, "if", "cond", cond);
            else Xml.add(branch, "elseif", "cond", cond);
            Xml.add(branch, "goto", "next", b.getValue());
        }
        if (branch != null) Xml.add(branch, "else");
        Xml.add(branch == null ? filled : branch, "goto", "next", target.apply(noMatch));
        Xml.add(Xml.add(field, "nomatch"), "goto", "next", target.apply(noMatch));
        Xml.add(Xml.add(field, "noinput"), "goto", "next", target.apply(silence));
    }

    private static Element grammar(Element field, String mode, String root) {
        return Xml.add(field, "grammar", "mode", mode, "version", "1.0", "root", root, "type", "application/srgs+xml");
    }

    private void prompt(Element parent, List<CallFlow.Sound> turnSounds) {
        Element prompt = Xml.add(parent, "prompt", "bargein", "true");
        for (CallFlow.Sound sound : turnSounds) audio(prompt, sound);
    }

    /** Each clip as {@code <audio>} with its words as the fallback; a clip not made yet as its words alone, for the browser's own voice. */
    private void audio(Element prompt, CallFlow.Sound sound) {
        for (Sounds.Audio a : sounds.audio(sound)) {
            if (a.ready()) Xml.text(Xml.add(prompt, "audio", "src", a.url()), a.words());
            else prompt.appendChild(prompt.getOwnerDocument().createTextNode(Xml.clean(a.words())));
        }
    }

    private static void property(Element vxml, String name, String value) {
        Xml.add(vxml, "property", "name", name, "value", value);
    }
}
