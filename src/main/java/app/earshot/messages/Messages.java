package app.earshot.messages;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One language's interface words: every label, button, prompt and message the server writes around the content.
 *
 * <p>{@link #get} returns a message as written; {@link #format} replaces {@code {0}}, {@code {1}}, ... with its
 * arguments. Deliberately not {@link java.text.MessageFormat}: that treats an apostrophe as a quote, so a clinic
 * writing "the page's audio" in its own catalogue would silently lose text, and it formats numbers by locale
 * ("1,000" inside an address). Plurals are separate keys ({@code .one}, {@code .other}), chosen by the caller.
 *
 * <p>A key this language lacks falls back to the fallback catalogue (English), so a server never shows a key to a
 * reader; {@code check} refuses a site whose listed languages lack keys, so the fallback is a safety net, not a way
 * of working. An unknown key in every catalogue is a programming error ({@link IllegalArgumentException}).
 */
public final class Messages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    private final String language;
    private final Map<String, String> words;
    private final Messages fallback;

    /**
     * @param language the BCP 47 tag these words are in
     * @param words    key to message
     * @param fallback the catalogue asked for a key this one lacks, or null (English itself)
     */
    public Messages(String language, Map<String, String> words, Messages fallback) {
        this.language = Objects.requireNonNull(language);
        this.words = Map.copyOf(words);
        this.fallback = fallback;
    }

    /** The BCP 47 tag of this catalogue. */
    public String language() {
        return language;
    }

    /** The message for {@code key}, as written. */
    public String get(String key) {
        String text = words.get(key);
        if (text != null) return text;
        if (fallback != null) return fallback.get(key);
        throw new IllegalArgumentException("no message '" + key + "' in the " + language + " catalogue");
    }

    /** The message for {@code key} with {@code {0}}, {@code {1}}, ... replaced by {@code args} (as text, unescaped). */
    public String format(String key, Object... args) {
        return fill(get(key), args);
    }

    /** {@code text} with each {@code {n}} replaced by {@code args[n]}; a placeholder with no argument stays as is. */
    static String fill(String text, Object... args) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(n < args.length ? String.valueOf(args[n]) : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * {@code english} in this language when it is, word for word, one of English's error messages ({@code errors.*}):
     * routes throw their reasons in English, and the reader is told them in the page's language. Any other text is
     * returned as it is.
     */
    public String translated(String english) {
        Messages en = fallback == null ? this : fallback;
        for (Map.Entry<String, String> e : en.words.entrySet()) {
            if (e.getKey().startsWith("errors.") && e.getValue().equals(english)) return get(e.getKey());
        }
        return english;
    }

    /** The keys this catalogue itself defines (not its fallback's). */
    public java.util.Set<String> keys() {
        return words.keySet();
    }

    /** The placeholders ({@code {0}}, ...) of {@code key}'s message in this catalogue, in order of first use. */
    public java.util.SortedSet<Integer> placeholders(String key) {
        java.util.SortedSet<Integer> found = new java.util.TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(get(key));
        while (m.find()) found.add(Integer.parseInt(m.group(1)));
        return found;
    }
}
