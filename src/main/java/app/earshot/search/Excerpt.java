package app.earshot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

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

    /** Which words of a text a search found: by the word's stem, or as written (at {@code start}-{@code end}) for a slip. */
    interface Found {
        boolean test(CharSequence stem, String text, int start, int end);
    }

    /**
     * The excerpt of {@code text} with the words {@code found} marked: around the first, or the start when none is.
     * Its words are cut and stemmed by {@code stemmed}, the analyzer of the text's language.
     */
    static Excerpt of(String text, Found found, org.apache.lucene.analysis.Analyzer stemmed) {
        List<int[]> marks = new ArrayList<>();
        try (TokenStream stream = stemmed.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                int s = offset.startOffset();
                // Nothing past the first mark's excerpt is shown: stop reading there (a long section costs no more).
                if (!marks.isEmpty() && s > marks.get(0)[0] + LENGTH) break;
                int e = offset.endOffset();
                if (found.test(term, text, s, e)) marks.add(new int[] {s, e});
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        List<Words.Word> words = Words.of(text);
        int first = marks.isEmpty() ? 0 : marks.get(0)[0];
        int start = first <= BEFORE ? 0 : wordStartAfter(words, first - BEFORE);
        int end = Math.min(text.length(), start + LENGTH);
        if (end < text.length()) end = wordEndBefore(words, end, first);
        List<Part> parts = new ArrayList<>();
        if (start > 0) parts.add(new Part("\u2026 ", false));
        int at = start;
        for (int[] mark : marks) {
            if (mark[0] < start || mark[1] > end) continue;
            if (mark[0] > at) parts.add(new Part(text.substring(at, mark[0]), false));
            parts.add(new Part(text.substring(mark[0], mark[1]), true));
            at = mark[1];
        }
        if (at < end) parts.add(new Part(text.substring(at, end), false));
        if (end < text.length()) parts.add(new Part(" \u2026", false));
        return new Excerpt(parts);
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
