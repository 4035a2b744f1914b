package app.earshot.ivr;

import app.earshot.content.Languages;
import app.earshot.content.Site;
import app.earshot.messages.Catalogues;
import app.earshot.messages.Messages;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The first step of the site-wide line on a site of several languages: "For English, press 1. Para español, oprima
 * 2.", each option a prompt in its own language (spoken by that language's voice), chosen by key or by saying the
 * language's name in any of the languages offered ("Spanish", "español", "espanol"). Then the call goes on in the
 * chosen language's line ({@link SiteMenu#of(Site, String)}). A language without a voice on this server is left out;
 * with fewer than two languages left there is no choice to make, and the line is the site language's, as on a site of
 * one language. Three silent menus end the call, as everywhere on the line, with a goodbye in each language offered.
 */
public final class LanguageMenu {
    /** One language offered: its key, the name of its prompt and the prompt's words, in that language. */
    public record Option(String language, String key, String prompt, String words) {}

    /** The form that says goodbye when three menus went unanswered, in every language offered. */
    public static final String GOODBYE = "goodbye";
    /** The form of the language menu in {@code /ivr.vxml}. */
    static final String FORM = "languages";

    private final String siteLanguage;
    private final List<Option> options;
    /** Each offered language's goodbye, in its own words, in the options' order. */
    private final Map<String, String> goodbyes;

    private LanguageMenu(String siteLanguage, List<Option> options) {
        this.siteLanguage = siteLanguage;
        this.options = List.copyOf(options);
        Map<String, String> words = new LinkedHashMap<>();
        for (Option o : options) words.put(o.language(), Catalogues.bundled().forLanguage(o.language()).get("phone.goodbye"));
        this.goodbyes = java.util.Collections.unmodifiableMap(words);
    }

    /**
     * The name of {@code language}'s goodbye ({@code goodbye-es}): the choice is said in every language offered, each
     * in its own, so its goodbye is too.
     */
    static String goodbye(String language) {
        return GOODBYE + "-" + language.toLowerCase(Locale.ROOT);
    }

    /**
     * The language menu of {@code site}, offering the languages {@code voiced} accepts in site.yaml's order (the site's
     * own first); empty when fewer than two are left (then the line has no language step).
     */
    public static Optional<LanguageMenu> of(Site site, Predicate<String> voiced) {
        List<String> languages = site.languages().stream().filter(voiced).toList();
        if (site.languages().size() < 2 || languages.size() < 2 || languages.size() > 9) return Optional.empty();
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < languages.size(); i++) {
            String language = languages.get(i);
            String key = Integer.toString(i + 1);
            options.add(new Option(language, key, "language-" + language.toLowerCase(Locale.ROOT),
                    Catalogues.bundled().forLanguage(language).format("phone.language.choice", key)));
        }
        return Optional.of(new LanguageMenu(site.language(), options));
    }

    public List<Option> options() {
        return options;
    }

    /** Every prompt of the menu by name: each option's, then each language's goodbye ({@code goodbye-en}, ...). */
    public Map<String, String> prompts() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Option o : options) out.put(o.prompt(), o.words());
        goodbyes.forEach((language, words) -> out.put(goodbye(language), words));
        return out;
    }

    /** The language a prompt of this menu is said in, if it is one of its prompts. */
    public Optional<String> languageOf(String prompt) {
        for (Option o : options) if (o.prompt().equals(prompt) || goodbye(o.language()).equals(prompt)) return Optional.of(o.language());
        return Optional.empty();
    }

    /** True if {@code language} is offered. */
    public boolean offers(String language) {
        return options.stream().anyMatch(o -> o.language().equals(language));
    }

    /**
     * The names a caller may say in {@code grammarLanguage}'s grammar: every offered language's name in it (its own
     * name for itself among them), lower case, and without accents too ("español", "espanol"); then every offered
     * language's names in the other languages offered, without accents ("ingles", "espanol" in the English grammar;
     * "english", "spanish" in the Spanish one). A platform whose recogniser knows one language only leaves the other
     * languages' grammars out, so each grammar holds every name a caller may say, the foreign ones spelt in letters its
     * recogniser reads. Every phrase is one {@link #chosen} takes for that language.
     */
    public List<String> phrases(String grammarLanguage) {
        List<String> out = new ArrayList<>(ownNames(grammarLanguage));
        for (Option in : options) {
            if (in.language().equals(grammarLanguage)) continue;
            for (String name : ownNames(in.language())) if (!out.contains(plain(name))) out.add(plain(name));
        }
        return out;
    }

    /** Every offered language's name in {@code in}, lower case, each with its accents and then without. */
    private List<String> ownNames(String in) {
        List<String> out = new ArrayList<>();
        for (Option o : options) for (String said : names(o.language(), in)) if (!out.contains(said)) out.add(said);
        return out;
    }

    /** The name of {@code language} in {@code in}, lower case, then without accents if that differs ("español", "espanol"). */
    static List<String> names(String language, String in) {
        Locale locale = Locale.forLanguageTag(in);
        String name = Locale.forLanguageTag(language).getDisplayLanguage(locale).toLowerCase(locale);
        if (name.isBlank()) name = Languages.selfName(language).toLowerCase(locale);
        return name.equals(plain(name)) ? List.of(name) : List.of(name, plain(name));
    }

    /**
     * The language whose key is the first of {@code digits} (a key decides, whatever the words), or whose name
     * {@code words} say in any language offered, whatever their case, accents and punctuation; empty for anything else,
     * and for words that name more than one language ("No English, español"; "English or Spanish?"), which are no
     * choice: the caller hears the choice again, as a VoiceXML grammar (which holds each name alone) answers them.
     */
    public Optional<String> chosen(String digits, String words) {
        if (digits != null && !digits.isBlank()) {
            String key = digits.strip().substring(0, 1);
            return options.stream().filter(o -> o.key().equals(key)).map(Option::language).findFirst();
        }
        if (words == null || words.isBlank()) return Optional.empty();
        List<String> said = List.of(plain(words.toLowerCase(Locale.ROOT)).split("[^a-z0-9]+"));
        List<String> named = new ArrayList<>();
        for (Option o : options) {
            for (Option grammar : options) {
                for (String name : names(o.language(), grammar.language())) {
                    if (said.contains(plain(name)) && !named.contains(o.language())) named.add(o.language());
                }
            }
        }
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** {@code text} without accents: "español" is "espanol", as recognisers and keyboards may write it. */
    static String plain(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /**
     * The menu as a VoiceXML 2.1 document: one form, each option's clip under its own {@code xml:lang}, the keypad
     * grammar and one voice grammar per language (its {@code xml:lang} its own); a key or a name goes to
     * {@code start.apply(language)} (a document URI with its first form), anything else repeats the menu, and the third
     * silence says goodbye in every language offered, each under its own {@code xml:lang}.
     *
     * @param audio   a prompt's clip by its name
     * @param grammar the URI of a language's voice grammar
     */
    public String voiceXml(Function<String, Sounds.Audio> audio, String keysGrammar, Function<String, String> grammar,
                           Function<String, String> start, int maxAgeSeconds) {
        Document doc = Xml.document();
        Element vxml = doc.createElementNS(VoiceXml.NAMESPACE, "vxml");
        doc.appendChild(vxml);
        vxml.setAttribute("version", "2.1");
        vxml.setAttributeNS(XML_NS, "xml:lang", siteLanguage);
        property(vxml, "inputmodes", "dtmf voice");
        property(vxml, "bargein", "true");
        property(vxml, "timeout", Twiml.TIMEOUT_SECONDS + "s");
        property(vxml, "audiomaxage", Integer.toString(maxAgeSeconds));
        property(vxml, "audiofetchhint", "prefetch");
        Xml.add(vxml, "var", "name", VoiceXml.VARIANT, "expr", "0");
        Element field = Xml.add(Xml.add(vxml, "form", "id", FORM), "field", "name", VoiceXml.FIELD);
        Xml.add(field, "grammar", "mode", "dtmf", "src", keysGrammar, "type", "application/srgs+xml");
        for (Option o : options) {
            Element g = Xml.add(field, "grammar", "mode", "voice", "src", grammar.apply(o.language()), "type", "application/srgs+xml");
            g.setAttributeNS(XML_NS, "xml:lang", o.language());
        }
        for (Option o : options) {
            Element prompt = Xml.add(field, "prompt", "bargein", "true");
            prompt.setAttributeNS(XML_NS, "xml:lang", o.language());
            audio(prompt, audio.apply(o.prompt()));
        }
        Element filled = Xml.add(field, "filled");
        Element branch = null;
        for (Option o : options) {
            List<String> said = new ArrayList<>(List.of(o.key()));
            for (Option g : options) for (String name : names(o.language(), g.language())) if (!said.contains(name)) said.add(name);
            for (String value : said) {
                String cond = VoiceXml.FIELD + "=='" + value + "'";
                if (branch == null) branch = Xml.add(filled, "if", "cond", cond);
                else Xml.add(branch, "elseif", "cond", cond);
                Xml.add(branch, "goto", "next", start.apply(o.language()));
            }
        }
        Xml.add(branch, "else");
        again(branch, 0);
        again(Xml.add(field, "nomatch"), 0);
        Element noinput = Xml.add(field, "noinput");
        Element chain = null;
        for (int v = 0; v < CallFlow.SILENT_MENUS; v++) {
            String cond = VoiceXml.VARIANT + "==" + v;
            if (chain == null) chain = Xml.add(noinput, "if", "cond", cond);
            else Xml.add(chain, "elseif", "cond", cond);
            if (v + 1 < CallFlow.SILENT_MENUS) again(chain, v + 1);
            else Xml.add(chain, "goto", "next", "#" + GOODBYE);
        }
        Element block = Xml.add(Xml.add(vxml, "form", "id", GOODBYE), "block");
        for (Option o : options) {
            Element prompt = Xml.add(block, "prompt", "bargein", "true");
            prompt.setAttributeNS(XML_NS, "xml:lang", o.language());
            audio(prompt, audio.apply(goodbye(o.language())));
        }
        Xml.add(block, "disconnect");
        return Xml.serialize(doc);
    }

    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private static void again(Element parent, int silence) {
        Xml.add(parent, "assign", "name", VoiceXml.VARIANT, "expr", Integer.toString(silence));
        Xml.add(parent, "goto", "next", "#" + FORM);
    }

    private static void audio(Element prompt, Sounds.Audio a) {
        if (a.ready()) Xml.text(Xml.add(prompt, "audio", "src", a.url()), a.words());
        else prompt.appendChild(prompt.getOwnerDocument().createTextNode(Xml.clean(a.words())));
    }

    private static void property(Element vxml, String name, String value) {
        Xml.add(vxml, "property", "name", name, "value", value);
    }

    /**
     * The menu as TwiML: a {@code <Gather>} listening in the site's language ({@code twilio} maps a tag to Twilio's
     * code) with every language's names as hints, each option's clip (or its words in its own language), answered at
     * {@code action}; silence goes to {@code redirect}. With {@code silence} at {@link CallFlow#SILENT_MENUS}: goodbye in every
     * language offered, each clip (or its words, in its own language), then hang up.
     */
    public String twiml(Function<String, Sounds.Audio> audio, Function<String, String> twilio, String action, String redirect,
                        int silence) {
        Document doc = Xml.document();
        Element response = Xml.add(doc, "Response");
        if (silence >= CallFlow.SILENT_MENUS) {
            for (Option o : options) play(response, audio.apply(goodbye(o.language())), twilio.apply(o.language()));
            Xml.add(response, "Hangup");
            return Xml.serialize(doc);
        }
        List<String> hints = new ArrayList<>();
        for (Option o : options) for (String p : ownNames(o.language())) if (!hints.contains(p)) hints.add(p);
        Element gather = Xml.add(response, "Gather", "input", "dtmf speech", "numDigits", "1",
                "timeout", Integer.toString(Twiml.TIMEOUT_SECONDS), "action", action, "method", "POST");
        gather.setAttribute("speechTimeout", "auto");
        gather.setAttribute("hints", String.join(", ", hints));
        gather.setAttribute("language", twilio.apply(siteLanguage));
        for (Option o : options) play(gather, audio.apply(o.prompt()), twilio.apply(o.language()));
        Xml.text(Xml.add(response, "Redirect", "method", "POST"), redirect);
        return Xml.serialize(doc);
    }

    private static void play(Element parent, Sounds.Audio a, String language) {
        if (a.ready()) Xml.text(Xml.add(parent, "Play"), a.url());
        else Xml.text(Xml.add(parent, "Say", "language", language), a.words());
    }
}
