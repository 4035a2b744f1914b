package app.earshot.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A search as typed, made safe to show and to run. Build one with {@link #parse}; every input has one.
 *
 * @param text     what the person typed, cleaned for display (controls and bidirectional overrides removed, spaces
 *                 collapsed; "" for none); it is shown back in the search box whole, however long
 * @param searched the part of {@code text} that is searched: at most {@link #MAX_LENGTH} characters (cut before a
 *                 word, never inside one) and at most {@link #MAX_TERMS} different words
 * @param leftOut  the rest of {@code text}, not searched ("" when everything was), so the page can say what it was
 * @param length   how many characters {@code text} has
 * @param dropped  how many further different words were left out because of {@link #MAX_TERMS}
 */
public record Query(String text, String searched, String leftOut, int length, int dropped) {
    /** Most characters searched; the rest of a longer search is kept in the box and named on the page. */
    public static final int MAX_LENGTH = 200;
    /** Most different words searched for; any more are left out, and the results page says so. */
    public static final int MAX_TERMS = 10;

    /** Whether there is nothing to search for (no query, only spaces or punctuation). */
    public boolean isEmpty() {
        return Words.of(searched).isEmpty();
    }

    /** Whether the search was longer than {@link #MAX_LENGTH} characters. */
    public boolean tooLong() {
        return length > MAX_LENGTH;
    }

    /** The query for {@code raw} (null for none). */
    public static Query parse(String raw) {
        if (raw == null) return new Query("", "", "", 0, 0);
        String text = raw.codePoints()
                .filter(cp -> !isHidden(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().replaceAll("\\s+", " ").strip();
        int length = text.codePointCount(0, text.length());
        int cut = text.length();
        if (length > MAX_LENGTH) {
            cut = text.offsetByCodePoints(0, MAX_LENGTH);
            for (Words.Word w : Words.of(text)) {
                if (w.start() < cut && w.end() > cut) cut = w.start(); // a word cut in two is left out whole
            }
        }
        Set<String> distinct = new LinkedHashSet<>();
        int dropped = 0;
        for (Words.Word w : Words.of(text.substring(0, cut))) {
            if (distinct.contains(w.key())) continue;
            if (distinct.size() == MAX_TERMS) {
                dropped++;
                continue;
            }
            distinct.add(w.key());
        }
        String searched = dropped == 0 ? text.substring(0, cut) : upToWord(text.substring(0, cut), distinct);
        return new Query(text, searched.strip(), text.substring(cut).strip(),
                length, dropped);
    }

    /** {@code text} up to the first word that is not one of {@code kept}. */
    private static String upToWord(String text, Set<String> kept) {
        for (Words.Word w : Words.of(text)) if (!kept.contains(w.key())) return text.substring(0, w.start());
        return text;
    }

    /** Control characters and the invisible formatting ones that could reorder or hide what is shown back. */
    private static boolean isHidden(int cp) {
        int type = Character.getType(cp);
        return (type == Character.CONTROL && !Character.isWhitespace(cp)) || type == Character.FORMAT
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /** The words of {@code searched}, distinct, in the form they are compared. */
    List<String> words() {
        Set<String> words = new LinkedHashSet<>();
        for (Words.Word w : Words.of(searched)) words.add(w.key());
        return List.copyOf(words);
    }
}
