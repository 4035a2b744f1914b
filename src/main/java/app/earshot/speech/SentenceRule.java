package app.earshot.speech;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for where a sentence ends, shared by captions, EPUB Media Overlays and telephone part splitting: a word
 * ending in . ! ? or … (closing quotes and brackets may follow), unless it is a known abbreviation. Written and spoken
 * sentences can be paired by count only because every side cuts them the same way ({@link Sentences} is the one loop
 * that applies it).
 *
 * <p>Two weaker tests live here too, for the script writer and the normaliser, which only ask whether a passage
 * already ends in punctuation that makes the voice pause (so no full stop need be added): {@link #endsInStop} and
 * {@link #endsInPause}. They are not sentence ends ("Dr." ends in a stop; a comma makes a pause).
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

    // The normaliser says a stop followed by a pause (". ," in "EE. UU., la FDA") as the stop alone, so a written
    // word ending that way must end a sentence exactly as the spoken word does.
    private static final Pattern PAUSE_AFTER_STOP = Pattern.compile("(?<=[.?!…])[,;:]+$");
    // The script writer's test: the passage ends in . ? ! or : (nothing after it).
    private static final Pattern STOP_AT_END = Pattern.compile(".*[.?!:]$", Pattern.DOTALL);
    // The normaliser's test: any pause punctuation, then closing quotes or brackets and spaces.
    private static final Pattern PAUSE_AT_END = Pattern.compile("[.?!:;,][\"'”’)\\]]*\\h*$");

    /** The language whose rule applies when a caller names none. */
    public static final String DEFAULT_LANGUAGE = "en";

    private SentenceRule() {}

    /**
     * True if {@code word} (a whitespace-free token) ends a sentence in {@code language} (a BCP 47 tag). Every language
     * uses the English abbreviations until one adds its own.
     */
    public static boolean endsSentence(String word, String language) {
        return endsSentence(word);
    }

    /** True if {@code word} (a whitespace-free token) ends a sentence. */
    public static boolean endsSentence(String word) {
        String trimmed = CLOSERS.matcher(PAUSE_AFTER_STOP.matcher(word).replaceFirst("")).replaceFirst("");
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

    /** True if {@code text} ends in . ? ! or : with nothing after it: the script writer adds no full stop. */
    public static boolean endsInStop(String text) {
        return STOP_AT_END.matcher(text).matches();
    }

    /**
     * True if {@code text} ends in pause punctuation (. ? ! : ; ,), closing quotes, brackets and spaces allowed after
     * it: the normaliser adds no full stop.
     */
    public static boolean endsInPause(String text) {
        return PAUSE_AT_END.matcher(text).find();
    }
}
