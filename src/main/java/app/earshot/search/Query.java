package app.earshot.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A search as typed, made safe to show and to run: the text shown back (controls and bidirectional overrides
 * removed, spaces collapsed) and the distinct words searched for. Build one with {@link #parse}.
 *
 * @param text  what the person typed, cleaned for display ("" for an empty search)
 * @param terms the distinct words searched for, at most {@link #MAX_TERMS}, in comparable form
 * @param dropped how many further words were left out because of {@link #MAX_TERMS}
 */
public record Query(String text, List<String> terms, int dropped) {
    /** Longest search accepted, in characters; a longer one is refused with a message, never cut silently. */
    public static final int MAX_LENGTH = 200;
    /** Most words searched for; any more are left out, and the results page says so. */
    public static final int MAX_TERMS = 10;
    /** Query words at least this long also find longer words they begin ("prepar" finds "preparing"). */
    static final int PREFIX_FROM = 3;

    public Query {
        terms = List.copyOf(terms);
    }

    /** Whether there is nothing to search for (no query, only spaces or punctuation). */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /**
     * The query for {@code raw} (null for none).
     *
     * @throws TooLong when {@code raw} is longer than {@link #MAX_LENGTH} characters
     */
    public static Query parse(String raw) {
        if (raw == null) return new Query("", List.of(), 0);
        int length = raw.codePointCount(0, raw.length());
        if (length > MAX_LENGTH) throw new TooLong(length);
        String text = raw.codePoints()
                .filter(cp -> !isHidden(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().replaceAll("\\s+", " ").strip();
        Set<String> terms = new LinkedHashSet<>();
        for (Words.Word w : Words.of(text)) terms.add(w.key());
        List<String> kept = new ArrayList<>(terms);
        int dropped = Math.max(0, kept.size() - MAX_TERMS);
        return new Query(text, kept.subList(0, kept.size() - dropped), dropped);
    }

    /** Control characters and the invisible formatting ones that could reorder or hide what is shown back. */
    private static boolean isHidden(int cp) {
        int type = Character.getType(cp);
        return (type == Character.CONTROL && !Character.isWhitespace(cp)) || type == Character.FORMAT
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /** A search longer than {@link #MAX_LENGTH}: refused with a message saying so. */
    public static final class TooLong extends RuntimeException {
        private final int length;

        TooLong(int length) {
            super("a search can be up to " + MAX_LENGTH + " characters; this one has " + length);
            this.length = length;
        }

        public int length() {
            return length;
        }
    }
}
