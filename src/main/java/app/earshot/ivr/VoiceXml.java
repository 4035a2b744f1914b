package app.earshot.ivr;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a page's phone menu as one VoiceXML 2.1 document: a {@code <menu>} per keypad menu and a {@code <form>}
 * per section, following the same keys and the same silence rules as {@link CallFlow}. Every {@code <audio>} holds
 * its words as the fallback a browser speaks if the fetch fails, and a {@code maxage} equal to the audio's HTTP
 * {@code Cache-Control: max-age}.
 */
public final class VoiceXml {
    public static final String NAMESPACE = "http://www.w3.org/2001/vxml";
    public static final String GRAMMAR_NAMESPACE = "http://www.w3.org/2001/06/grammar";

    private final KeypadMenu keypad;
    private final Sounds sounds;
    private final int maxAgeSeconds;
    private final String language;

    /**
     * @param sounds        URLs may be relative to the document (VoiceXML resolves them against its own URI)
     * @param maxAgeSeconds the audio's {@code Cache-Control: max-age}
     * @param language      BCP 47 tag of the content
     */
    public VoiceXml(KeypadMenu keypad, Sounds sounds, int maxAgeSeconds, String language) {
        this.keypad = keypad;
        this.sounds = sounds;
        this.maxAgeSeconds = maxAgeSeconds;
        this.language = language;
    }

    /** Form id of the section at {@code index}. */
    public static String formId(String sectionId) {
        return "section-" + sectionId;
    }

    public String write() {
        Document doc = Xml.document();
        Element vxml = doc.createElementNS(NAMESPACE, "vxml");
        doc.appendChild(vxml);
        vxml.setAttribute("version", "2.1");
        vxml.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", language);
        property(vxml, "inputmodes", "dtmf");
        property(vxml, "timeout", Twiml.TIMEOUT_SECONDS + "s");
        property(vxml, "audiomaxage", Integer.toString(maxAgeSeconds));
        for (KeypadMenu.Menu menu : keypad.menus()) menu(vxml, menu);
        int n = keypad.page().sections().size();
        for (int i = 0; i < n; i++) section(vxml, i, n);
        return Xml.serialize(doc);
    }

    private void menu(Element vxml, KeypadMenu.Menu menu) {
        Element m = Xml.add(vxml, "menu", "id", menu.prompt(), "dtmf", "false");
        prompt(m, new CallFlow.Prompt(menu.prompt()));
        for (KeypadMenu.Option option : menu.options()) {
            Element choice = Xml.add(m, "choice", "dtmf", option.key(), "next", "#" + target(option.target()));
            Xml.text(choice, option.label());
        }
        Xml.text(Xml.add(m, "choice", "dtmf", KeypadMenu.HELP, "event", "help"), "help");
        Element help = Xml.add(m, "help");
        prompt(help, new CallFlow.Prompt(KeypadMenu.HELP_PROMPT));
        Xml.add(help, "reprompt");
        Element nomatch = Xml.add(m, "nomatch");
        prompt(nomatch, new CallFlow.Prompt(KeypadMenu.NOT_AN_OPTION));
        Xml.add(nomatch, "reprompt");
        Xml.add(Xml.add(m, "noinput", "count", "1"), "reprompt");
        Element bye = Xml.add(m, "noinput", "count", Integer.toString(CallFlow.SILENT_MENUS));
        prompt(bye, new CallFlow.Prompt(KeypadMenu.GOODBYE));
        Xml.add(bye, "disconnect");
    }

    private void section(Element vxml, int index, int count) {
        String id = keypad.page().sections().get(index).id();
        Element form = Xml.add(vxml, "form", "id", formId(id));
        Element field = Xml.add(form, "field", "name", "key");
        Element grammar = field.getOwnerDocument().createElementNS(GRAMMAR_NAMESPACE, "grammar");
        field.appendChild(grammar);
        grammar.setAttribute("mode", "dtmf");
        grammar.setAttribute("version", "1.0");
        grammar.setAttribute("root", "key");
        Element oneOf = Xml.add(Xml.add(grammar, "rule", "id", "key", "scope", "public"), "one-of");
        for (String key : List.of(KeypadMenu.REPEAT, KeypadMenu.PREVIOUS, KeypadMenu.NEXT, KeypadMenu.MAIN_MENU, KeypadMenu.HELP)) {
            Xml.text(Xml.add(oneOf, "item"), key);
        }
        // First visit: the section, then the keys. Coming back after help or a wrong key: the keys only.
        Element first = Xml.add(field, "prompt", "count", "1", "bargein", "true");
        audio(first, new CallFlow.SectionAudio(index), "safe");
        audio(first, new CallFlow.Prompt(KeypadMenu.AFTER_SECTION), "prefetch");
        Element later = Xml.add(field, "prompt", "count", "2", "bargein", "true");
        audio(later, new CallFlow.Prompt(KeypadMenu.AFTER_SECTION), "prefetch");
        Element nomatch = Xml.add(field, "nomatch");
        prompt(nomatch, new CallFlow.Prompt(KeypadMenu.NOT_AN_OPTION));
        Xml.add(nomatch, "reprompt");
        Xml.add(Xml.add(field, "noinput"), "goto", "next", "#" + KeypadMenu.MENU);

        Element filled = Xml.add(field, "filled");
        Element branch = Xml.add(filled, "if", "cond", "key == '" + KeypadMenu.REPEAT + "'");
        Xml.add(branch, "goto", "next", "#" + formId(id));
        Xml.add(branch, "elseif", "cond", "key == '" + KeypadMenu.PREVIOUS + "'");
        moveTo(branch, index - 1, count);
        Xml.add(branch, "elseif", "cond", "key == '" + KeypadMenu.NEXT + "'");
        moveTo(branch, index + 1, count);
        Xml.add(branch, "elseif", "cond", "key == '" + KeypadMenu.MAIN_MENU + "'");
        Xml.add(branch, "goto", "next", "#" + KeypadMenu.MENU);
        Xml.add(branch, "else");
        prompt(branch, new CallFlow.Prompt(KeypadMenu.HELP_PROMPT));
        Xml.add(branch, "clear", "namelist", "key");
    }

    /** A jump to the section at {@code index}, or "not an option" and the keys again if there is none. */
    private void moveTo(Element branch, int index, int count) {
        if (index >= 0 && index < count) {
            Xml.add(branch, "goto", "next", "#" + formId(keypad.page().sections().get(index).id()));
        } else {
            prompt(branch, new CallFlow.Prompt(KeypadMenu.NOT_AN_OPTION));
            Xml.add(branch, "clear", "namelist", "key");
        }
    }

    private String target(KeypadMenu.Target target) {
        if (target instanceof KeypadMenu.ToSection s) return formId(keypad.page().sections().get(s.index()).id());
        return keypad.menu(((KeypadMenu.ToMenu) target).number()).orElseThrow().prompt();
    }

    private void prompt(Element parent, CallFlow.Sound sound) {
        audio(Xml.add(parent, "prompt", "bargein", "true"), sound, "prefetch");
    }

    private void audio(Element prompt, CallFlow.Sound sound, String fetchhint) {
        for (Sounds.Audio a : sounds.audio(sound)) {
            Xml.text(Xml.add(prompt, "audio", "src", a.url(), "fetchhint", fetchhint, "maxage", Integer.toString(maxAgeSeconds)),
                    a.words());
        }
    }

    private static void property(Element vxml, String name, String value) {
        Xml.add(vxml, "property", "name", name, "value", value);
    }
}
