package app.earshot.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A short passage of a section around the first word a search found, in pieces, the found words marked, so a
 * template can put each marked piece in {@code <mark>} and escape everything.
 *
 * @param parts the passage in order; "…" at either end says it was cut there
 */
public record Excerpt(List<Part> parts) {
    /** About how many characters an excerpt has. */
    static final int LENGTH = 180;
    /** How much comes before the first match, so it is read in context. */
    static final int BEFORE = 50;

    public Excerpt {
        parts = List.copyOf(parts);
    }

    /** One piece of an excerpt: text, and whether it is a found word. */
    public record Part(String text, boolean marked) {}

    /** The excerpt of {@code text} for {@code terms}: around the first match, or the start when the text has none. */
    static Excerpt of(String text, List<String> terms) {
        List<Words.Word> words = Words.of(text);
        int first = 0;
        for (Words.Word w : words) {
            if (matchesAny(w.key(), terms)) {
                first = w.start();
                break;
            }
        }
        int start = first <= BEFORE ? 0 : wordStartAfter(words, first - BEFORE);
        int end = Math.min(text.length(), start + LENGTH);
        if (end < text.length()) end = wordEndBefore(words, end, first);
        List<Part> parts = new ArrayList<>();
        if (start > 0) parts.add(new Part("\u2026 ", false));
        int at = start;
        for (Words.Word w : words) {
            if (w.start() < start || w.end() > end) continue;
            if (matchesAny(w.key(), terms)) {
                if (w.start() > at) parts.add(new Part(text.substring(at, w.start()), false));
                parts.add(new Part(text.substring(w.start(), w.end()), true));
                at = w.end();
            }
        }
        if (at < end) parts.add(new Part(text.substring(at, end), false));
        if (end < text.length()) parts.add(new Part(" \u2026", false));
        return new Excerpt(parts);
    }

    private static boolean matchesAny(String word, List<String> terms) {
        for (String term : terms) if (Words.matches(word, term)) return true;
        return false;
    }

    /** The start of the first word that begins at or after {@code at}. */
    private static int wordStartAfter(List<Words.Word> words, int at) {
        for (Words.Word w : words) if (w.start() >= at) return w.start();
        return at;
    }

    /** The end of the last word that ends at or before {@code at}, but never before the matched word at {@code keep}. */
    private static int wordEndBefore(List<Words.Word> words, int at, int keep) {
        int end = at;
        for (Words.Word w : words) {
            if (w.end() <= at) end = w.end();
            else if (w.start() <= keep) end = w.end();
            else break;
        }
        return end;
    }
}
