package app.earshot.speech;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for where a sentence ends, shared by captions, EPUB Media Overlays and telephone part splitting: a word
 * ending in . ! ? or … (closing quotes and brackets may follow), unless it is a known abbreviation. Written and spoken
 * sentences can be paired by count only because every side cuts them the same way.
 */
public final class SentenceRule {
    // Titles and Latin abbreviations end in a full stop without ending the sentence, per language; a word is looked up
    // in all of them, as a Spanish title ("Dra.") ends no English sentence either and callers need not know the language.
    private static final java.util.Map<String, Set<String>> ABBREVIATIONS_BY_LANGUAGE = java.util.Map.of(
            "en", Set.of("dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "vs"),
            "es", Set.of("dra", "sr", "sra", "srta", "ud", "uds", "ee", "uu", "pág", "núm", "aprox"));
    private static final Set<String> ABBREVIATIONS = ABBREVIATIONS_BY_LANGUAGE.values().stream()
            .flatMap(Set::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());
    // Closing quotes and brackets sit after the punctuation that ends a sentence: "helps." or (twice).
    private static final Pattern CLOSERS = Pattern.compile("[\"'”’)\\]}]+$");

    private SentenceRule() {}

    /** True if {@code word} (a whitespace-free token) ends a sentence. */
    public static boolean endsSentence(String word) {
        String trimmed = CLOSERS.matcher(word).replaceFirst("");
        if (trimmed.endsWith("!") || trimmed.endsWith("?") || trimmed.endsWith("…")) return true;
        return trimmed.endsWith(".") && !ABBREVIATIONS.contains(core(trimmed).toLowerCase(Locale.ROOT));
    }

    /** True if the last word of {@code text} ends a sentence. */
    public static boolean endsWithSentence(String text) {
        String stripped = text.strip();
        return !stripped.isEmpty() && endsSentence(stripped.substring(stripped.lastIndexOf(' ') + 1));
    }

    private static String core(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetterOrDigit(word.charAt(start))) start++;
        while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) end--;
        return start == end ? word : word.substring(start, end);
    }
}
