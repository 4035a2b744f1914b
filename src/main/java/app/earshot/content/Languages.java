package app.earshot.content;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/** BCP 47 language tags as content names them (site.yaml's {@code language} and {@code languages}, a page's {@code language}). */
public final class Languages {
    private Languages() {}

    /** True when {@code tag} is a well-formed BCP 47 tag such as {@code en}, {@code es} or {@code pt-BR}. */
    public static boolean isTag(String tag) {
        if (tag == null || tag.isBlank()) return false;
        try {
            new Locale.Builder().setLanguageTag(tag.strip());
            return true;
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    /** {@code first}, then the other tags of {@code all} in their order, each once. */
    static List<String> withFirst(String first, List<String> all) {
        List<String> tags = new ArrayList<>();
        if (first != null && !first.isBlank()) tags.add(first);
        if (all != null) for (String tag : all) if (tag != null && !tag.isBlank() && !tags.contains(tag)) tags.add(tag);
        return List.copyOf(tags);
    }

    /**
     * True for English ({@code en}, {@code en-*}), and for no language at all (a page made outside the loader): the
     * language FreeTTS speaks, and the phone line's own words.
     */
    public static boolean isEnglish(String tag) {
        String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() || t.equals("en") || t.startsWith("en-");
    }

    /** The language's own name for itself, capitalised as a link would show it ("English", "Español"). */
    public static String selfName(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        String name = locale.getDisplayLanguage(locale);
        if (name.isEmpty()) return tag;
        return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }
}
