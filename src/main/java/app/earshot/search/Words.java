package app.earshot.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a search into words, so it is cut and counted by words, never inside one: runs of letters, digits and
 * combining marks in any script, compared in NFKC and lower case.
 */
final class Words {
    /** Longer words are cut to this length (a word this long is noise, not something anyone types). */
    static final int MAX_WORD = 48;

    private Words() {}

    /** One word of a text: where it is ({@code start} inclusive, {@code end} exclusive) and its comparable form. */
    record Word(int start, int end, String key) {}

    /** Every word of {@code text} in order, with its position in {@code text}. */
    static List<Word> of(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && isWordChar(text.codePointAt(i))) i += Character.charCount(text.codePointAt(i));
            words.add(new Word(start, i, key(text.substring(start, i))));
        }
        return words;
    }

    /** The comparable form of one word: compatibility-normalised, lower case, at most {@link #MAX_WORD} characters. */
    static String key(String word) {
        // Most words are ASCII, which NFKC leaves as they are; skipping the normaliser halves the index build.
        String k = (isAscii(word) ? word : Normalizer.normalize(word, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        if (k.length() <= MAX_WORD) return k;
        int cut = Character.isHighSurrogate(k.charAt(MAX_WORD - 1)) ? MAX_WORD - 1 : MAX_WORD;
        return k.substring(0, cut);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) return true;
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || type == Character.OTHER_NUMBER || type == Character.LETTER_NUMBER;
    }
}
