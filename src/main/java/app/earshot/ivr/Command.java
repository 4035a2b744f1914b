package app.earshot.ivr;

import java.util.ArrayList;
import java.util.List;

/**
 * The words a caller may say anywhere on a phone line, and the one thing each means, on a page's line and the site's,
 * in VoiceXML and TwiML alike (both answer from {@link CallFlow} and {@link SiteFlow}, which read this table).
 */
public enum Command {
    /** What the caller just heard, again: the menu they are in, or the section. */
    REPEAT("repeat", "again"),
    /** Up one level: from a section or a "more" menu to the page's menu, from a page to its topic, and so on. */
    BACK("previous", "go back", "back"),
    /** The start of the line: the page's menu on a page's line, the first menu on the site's. */
    MAIN_MENU("main menu", "menu", "start again"),
    /** The keys of the menu the caller is in, and nothing else. */
    HELP("help"),
    /** In a section: the next one (elsewhere not an option). */
    NEXT("next", "next section"),
    /** In a section: the one before (elsewhere not an option). */
    PREVIOUS_SECTION("previous section");

    private final List<String> phrases;

    Command(String... phrases) {
        this.phrases = List.of(phrases);
    }

    /** The phrases that mean this command in English, as a grammar lists them. */
    public List<String> phrases() {
        return phrases;
    }

    /**
     * The phrases that mean this command in {@code language}: English's own, or the language's catalogue's
     * {@code phone.command.*} words ("repetir, otra vez"), as the call table keys them (lower case, no accents).
     */
    public List<String> phrases(String language) {
        return words(language).stream().map(SpokenChoices::phrase).distinct().toList();
    }

    /**
     * The words of {@link #phrases(String)} as the catalogue writes them, lower case and with their accents
     * ("atrás", "menú principal"): what a grammar lists first and Twilio is hinted.
     */
    public List<String> words(String language) {
        if (app.earshot.content.Languages.isEnglish(language)) return phrases;
        String words = app.earshot.messages.Catalogues.bundled().forLanguage(language)
                .get("phone.command." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        List<String> out = new ArrayList<>();
        for (String word : words.split(",")) if (!SpokenChoices.phrase(word).isEmpty()) out.add(SpokenChoices.written(word));
        return out.isEmpty() ? phrases : List.copyOf(out);
    }

    /** Every phrase of every command in English, each with its meaning, in table order. */
    static List<SpokenChoices.Said> all() {
        return all("en");
    }

    /** Every phrase of every command in {@code language}, each with its meaning, in table order. */
    static List<SpokenChoices.Said> all(String language) {
        List<SpokenChoices.Said> out = new ArrayList<>();
        for (Command c : values()) for (String p : c.phrases(language)) out.add(new SpokenChoices.Said(c, p));
        return out;
    }

    /** Every phrase of every command in {@code language} (as {@link #all(String)} keys it), and how it is written. */
    static java.util.Map<String, String> written(String language) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Command c : values()) for (String w : c.words(language)) out.putIfAbsent(SpokenChoices.phrase(w), w);
        return out;
    }
}
