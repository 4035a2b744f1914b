package app.earshot.ivr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a phone line as VoiceXML 2.1 compiled from its {@link CallTable}, so it follows exactly the keys, words and
 * silence rules that TwiML answers with. The size grows linearly with what the document offers: one {@code <form>} per
 * place a caller listens in (a menu, a section), never one per turn; the turns that listen in the same place (the
 * plain arrival, help, "not an option", the silent repeats) are variants of its form, chosen by the document variable
 * {@code v} and said by {@code <prompt cond>}; each sound is written once per form. Grammars are separate, cacheable
 * files ({@link #keysGrammar()}, {@link #voiceGrammar}) that every form refers to, and a word that leads to the same
 * place from every form (a section's name) is dispatched once per document through the script object {@code go}.
 * Every {@code <audio>} holds its words as the fallback a browser speaks if the fetch fails; the document's
 * {@code audiomaxage} equals the audio's HTTP {@code Cache-Control: max-age}. No indentation is written.
 */
public final class VoiceXml {
    public static final String NAMESPACE = "http://www.w3.org/2001/vxml";
    /** The SRGS namespace of the grammar files. */
    public static final String GRAMMAR_NAMESPACE = "http://www.w3.org/2001/06/grammar";
    /** The field that holds the caller's answer: a key, or a phrase. */
    static final String FIELD = "choice";
    /** The document variable naming which turn of a form's place is being played. */
    static final String VARIANT = "v";

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

    /** Where the grammars are: the shared keypad grammar, and the voice grammar of each listening place. */
    public record Grammars(String keys, Function<CallFlow.State, String> voice) {}

    /** The whole line as one document. */
    public String write(Grammars grammars) {
        return write(CallTable.of(line), turn -> "", grammars);
    }

    /**
     * One document of a line split over several: a form for each place of {@code table} whose {@code document} is ""
     * (this one), the start's first; a jump to a turn of another document goes to that document's URI and form, and
     * must arrive there plainly (variant 0), as every jump between documents of the site line does.
     */
    public String write(CallTable table, Function<CallFlow.Turn, String> document, Grammars grammars) {
        Map<Object, List<CallFlow.Turn>> places = new LinkedHashMap<>();
        for (CallFlow.Turn turn : table.turns()) {
            if (!document.apply(turn).isEmpty()) continue;
            places.computeIfAbsent(place(turn), p -> new ArrayList<>(turn.hangsUp() ? List.of() : List.of(line.arrive(turn.listen()))));
            List<CallFlow.Turn> variants = places.get(place(turn));
            if (!variants.contains(turn)) variants.add(turn);
        }
        Function<CallFlow.Turn, Jump> jump = turn -> {
            String doc = document.apply(turn);
            String id = formName(turn);
            if (!doc.isEmpty()) {
                if (!turn.hangsUp() && !line.arrive(turn.listen()).equals(turn)) {
                    throw new IllegalStateException("a jump to another document must arrive plainly: " + id);
                }
                return new Jump(doc + "#" + id, -1);
            }
            return new Jump("#" + id, places.get(place(turn)).indexOf(turn));
        };

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
        Xml.add(vxml, "var", "name", VARIANT, "expr", "0");
        Map<String, CallFlow.Turn> global = globalPhrases(table, places, jump);
        if (!global.isEmpty()) {
            StringBuilder script = new StringBuilder("var go={");
            global.forEach((phrase, to) -> script.append(script.length() > 8 ? "," : "").append('\'').append(phrase).append("':'")
                    .append(jump.apply(to).uri()).append('\''));
            Xml.text(Xml.add(vxml, "script"), script.append("};").toString());
        }
        for (List<CallFlow.Turn> variants : places.values()) {
            if (variants.isEmpty()) continue;
            if (variants.get(0).hangsUp()) goodbye(vxml, variants.get(0));
            else form(vxml, table, variants, jump, global.keySet(), grammars);
        }
        return Xml.serialize(doc);
    }

    /** A place in the call: the state listened in, or a turn that hangs up. */
    private static Object place(CallFlow.Turn turn) {
        return turn.hangsUp() ? turn : turn.listen();
    }

    private String formName(CallFlow.Turn turn) {
        return line.name(turn.hangsUp() ? turn : line.arrive(turn.listen()));
    }

    /** Where a jump goes, and the variant it plays there (-1: another document, which starts at variant 0). */
    private record Jump(String uri, int variant) {}

    /**
     * The phrases that lead to the same turn from every form of this document that listens for them, that turn being a
     * plain arrival: they are dispatched once through {@code go} instead of once per form.
     */
    private Map<String, CallFlow.Turn> globalPhrases(CallTable table, Map<Object, List<CallFlow.Turn>> places,
                                                      Function<CallFlow.Turn, Jump> jump) {
        Map<String, CallFlow.Turn> targets = new LinkedHashMap<>();
        Set<String> local = new LinkedHashSet<>();
        for (List<CallFlow.Turn> variants : places.values()) {
            if (variants.isEmpty() || variants.get(0).hangsUp()) continue;
            for (CallTable.Row row : rows(table, variants)) {
                if (!(row.input() instanceof CallFlow.Speech s) || row.input().equals(CallTable.UNRECOGNISED)) continue;
                CallFlow.Turn known = targets.putIfAbsent(s.words(), row.to());
                if (known != null && !known.equals(row.to())) local.add(s.words());
                if (jump.apply(row.to()).variant() > 0) local.add(s.words());
            }
        }
        local.forEach(targets::remove);
        return targets;
    }

    /** The rows leaving a place: those of any of its turns in the table (they all listen alike). */
    private static List<CallTable.Row> rows(CallTable table, List<CallFlow.Turn> variants) {
        for (CallFlow.Turn turn : variants) {
            List<CallTable.Row> rows = table.rows(turn);
            if (!rows.isEmpty()) return rows;
        }
        return List.of();
    }

    /** A turn that ends the call: its sounds, then disconnect. */
    private void goodbye(Element vxml, CallFlow.Turn turn) {
        Element block = Xml.add(Xml.add(vxml, "form", "id", formName(turn)), "block");
        Element prompt = Xml.add(block, "prompt", "bargein", "true");
        for (CallFlow.Sound sound : turn.sounds()) audio(prompt, sound);
        Xml.add(block, "disconnect");
    }

    /**
     * One place as a form: each sound of its variants once, in a barge-in prompt said when {@code v} names a variant
     * that plays it; the shared grammars; a branch per key or local phrase that leads somewhere other than "not an
     * option", the global phrases through {@code go}; no match; and silence, which depends on the variant.
     */
    private void form(Element vxml, CallTable table, List<CallFlow.Turn> variants, Function<CallFlow.Turn, Jump> jump,
                      Set<String> global, Grammars grammars) {
        CallFlow.State listen = variants.get(0).listen();
        Element field = Xml.add(Xml.add(vxml, "form", "id", formName(variants.get(0))), "field", "name", FIELD);
        grammar(field, "dtmf", grammars.keys());
        grammar(field, "voice", grammars.voice().apply(listen));
        for (Map.Entry<CallFlow.Sound, List<Integer>> sound : merge(variants).entrySet()) {
            Element prompt = Xml.add(field, "prompt", "bargein", "true");
            if (sound.getValue().size() < variants.size()) prompt.setAttribute("cond", variants(sound.getValue()));
            audio(prompt, sound.getKey());
        }
        List<CallTable.Row> rows = rows(table, variants);
        CallFlow.Turn noMatch = rows.stream().filter(r -> r.input().equals(CallTable.UNRECOGNISED)).findFirst().orElseThrow().to();
        Element filled = Xml.add(field, "filled");
        Element branch = null;
        for (CallTable.Row row : rows) {
            String value = row.input() instanceof CallFlow.Key k ? k.key()
                    : row.input() instanceof CallFlow.Speech s && !row.input().equals(CallTable.UNRECOGNISED) && !global.contains(s.words()) ? s.words() : null;
            if (value == null || row.to().equals(noMatch)) continue;
            branch = branch(filled, branch, FIELD + "=='" + value + "'");
            go(branch, jump.apply(row.to()));
        }
        if (!global.isEmpty()) {
            branch = branch(filled, branch, "go.hasOwnProperty(" + FIELD + ")");
            Xml.add(branch, "assign", "name", VARIANT, "expr", "0");
            Xml.add(branch, "goto", "expr", "go[" + FIELD + "]");
        }
        if (branch != null) Xml.add(branch, "else");
        go(branch == null ? filled : branch, jump.apply(noMatch));
        go(Xml.add(field, "nomatch"), jump.apply(noMatch));
        Map<CallFlow.Turn, List<Integer>> silence = new LinkedHashMap<>();
        for (int i = 0; i < variants.size(); i++) silence.computeIfAbsent(line.arrive(variants.get(i).onSilence()), t -> new ArrayList<>()).add(i);
        Element noinput = Xml.add(field, "noinput");
        Element chain = null;
        for (Map.Entry<CallFlow.Turn, List<Integer>> e : silence.entrySet()) {
            if (silence.size() > 1) chain = branch(noinput, chain, variants(e.getValue()));
            go(chain == null ? noinput : chain, jump.apply(e.getKey()));
        }
    }

    /** The first condition as an {@code <if>} under {@code parent}, the next ones as {@code <elseif>} in it. */
    private static Element branch(Element parent, Element branch, String cond) {
        if (branch == null) return Xml.add(parent, "if", "cond", cond);
        Xml.add(branch, "elseif", "cond", cond);
        return branch;
    }

    private static void go(Element parent, Jump jump) {
        if (jump.variant() >= 0) Xml.add(parent, "assign", "name", VARIANT, "expr", Integer.toString(jump.variant()));
        Xml.add(parent, "goto", "next", jump.uri());
    }

    private static String variants(List<Integer> which) {
        return String.join("||", which.stream().map(i -> VARIANT + "==" + i).toList());
    }

    /**
     * Every sound the variants play, each once, in an order that keeps each variant's own order, with the variants that
     * play it. A variant whose sounds cannot be kept in order this way (never the case for the lines here) is an error.
     */
    static Map<CallFlow.Sound, List<Integer>> merge(List<CallFlow.Turn> variants) {
        List<CallFlow.Sound> order = new ArrayList<>();
        for (CallFlow.Turn turn : variants) {
            int at = 0;
            List<CallFlow.Sound> said = turn.sounds();
            for (int i = 0; i < said.size(); i++) {
                if (!order.contains(said.get(i))) {
                    // Before the next sound of this variant already placed, else last: the plain arrival's sounds stay first.
                    int before = order.size();
                    for (int j = i + 1; j < said.size() && before == order.size(); j++) if (order.contains(said.get(j))) before = order.indexOf(said.get(j));
                    order.add(Math.max(at, before), said.get(i));
                }
                at = order.indexOf(said.get(i)) + 1;
            }
        }
        Map<CallFlow.Sound, List<Integer>> out = new LinkedHashMap<>();
        for (CallFlow.Sound sound : order) out.put(sound, new ArrayList<>());
        for (int i = 0; i < variants.size(); i++) {
            for (CallFlow.Sound sound : variants.get(i).sounds()) out.get(sound).add(i);
            int index = i;
            List<CallFlow.Sound> heard = order.stream().filter(s -> out.get(s).contains(index)).toList();
            if (!heard.equals(variants.get(i).sounds())) throw new IllegalStateException("sounds out of order: " + variants.get(i).sounds());
        }
        return out;
    }

    private static void grammar(Element field, String mode, String src) {
        Xml.add(field, "grammar", "mode", mode, "src", src, "type", "application/srgs+xml");
    }

    /** Each clip as {@code <audio>} with its words as the fallback; a clip not made yet as its words alone, for the browser's own voice. */
    private void audio(Element prompt, CallFlow.Sound sound) {
        for (Sounds.Audio a : sounds.audio(sound)) {
            if (a.ready()) Xml.text(Xml.add(prompt, "audio", "src", a.url()), a.words());
            else prompt.appendChild(prompt.getOwnerDocument().createTextNode(Xml.clean(a.words())));
        }
    }

    /** The keypad grammar every form shares: the twelve keys, each returning itself. */
    public static String keysGrammar() {
        return grammar("dtmf", null, CallFlow.KEYS);
    }

    /** A voice grammar of {@code phrases}, each returning itself (the language choice's names). */
    public static String voiceGrammar(List<String> phrases, String language) {
        Map<String, String> items = new LinkedHashMap<>();
        for (String p : phrases) items.putIfAbsent(p, p);
        return grammar("voice", language, items);
    }

    /**
     * A voice grammar of {@code items} (as {@link SpokenChoices#grammar()} gives them): each said as written, with its
     * accents ("atrás"), and as keyed ("atras"), and each short name ("fda status"), returning the phrase the call table
     * and the document's branches know ("fda breakthrough status").
     */
    public static String voiceGrammar(Map<String, String> items, String language) {
        return grammar("voice", language, items);
    }

    private static String grammar(String mode, String language, List<String> items) {
        Map<String, String> each = new LinkedHashMap<>();
        for (String item : items) each.putIfAbsent(item, item);
        return grammar(mode, language, each);
    }

    /** An SRGS grammar of {@code items}: each said or pressed as its key, returning its value. */
    private static String grammar(String mode, String language, Map<String, String> items) {
        Document doc = Xml.document();
        Element grammar = doc.createElementNS(GRAMMAR_NAMESPACE, "grammar");
        doc.appendChild(grammar);
        grammar.setAttribute("version", "1.0");
        grammar.setAttribute("mode", mode);
        grammar.setAttribute("root", "choice");
        grammar.setAttribute("tag-format", "semantics/1.0");
        if (language != null) grammar.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", language);
        Element choices = Xml.add(Xml.add(grammar, "rule", "id", "choice", "scope", "public"), "one-of");
        items.forEach((item, value) -> Xml.text(Xml.add(Xml.text(Xml.add(choices, "item"), item), "tag"), "out='" + value + "';"));
        return Xml.serialize(doc);
    }

    private static void property(Element vxml, String name, String value) {
        Xml.add(vxml, "property", "name", name, "value", value);
    }
}
