package app.earshot.speech;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Splits a speech script into paragraphs at blank lines: the one rule that synthesis and captions must share. */
final class Paragraphs {

    private static final Pattern BLANK_LINE = Pattern.compile("\\R[\\h\\x0B\\f]*\\R\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Paragraphs() {}

    /** The non-blank paragraphs of {@code script}, each with its whitespace collapsed to single spaces. */
    static List<String> of(String script) {
        return Arrays.stream(BLANK_LINE.split(script))
                .map(p -> WHITESPACE.matcher(p.strip()).replaceAll(" "))
                .filter(p -> !p.isEmpty())
                .toList();
    }

    /** The whitespace-separated words of one paragraph, as written (punctuation attached). */
    static List<String> words(String paragraph) {
        String stripped = paragraph.strip();
        return stripped.isEmpty() ? List.of() : List.of(WHITESPACE.split(stripped));
    }
}
