package app.earshot.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one loop that cuts words into sentences by {@link SentenceRule}: captions cut the script with it, the EPUB
 * read-along and the page's read-along cut the written text and join the caption cues with it. Written and spoken
 * sentences are paired by count, so every side must cut through here.
 */
public final class Sentences {
    private static final Pattern WORD = Pattern.compile("\\S+");
    // ScriptWriter says an ordered list's item number as "1." before the item: a cue sentence of its own.
    private static final Pattern ITEM_NUMBER = Pattern.compile("\\d+\\.");

    private Sentences() {}

    /** A stretch of text, {@code start} inclusive to {@code end} exclusive. */
    public record Span(int start, int end) {}

    /** A sentence of the narration: from the start of its first cue to the end of its last. */
    public record Timed(double start, double end) {}

    /**
     * Groups {@code words} into sentences, in order: a sentence ends after a word for which {@code ends} is true, and
     * the words left after the last such word are a sentence too. Every word is in exactly one sentence.
     */
    public static <T> List<List<T>> group(List<T> words, Predicate<T> ends) {
        List<List<T>> sentences = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (T word : words) {
            current.add(word);
            if (ends.test(word)) {
                sentences.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) sentences.add(current);
        return sentences;
    }

    /**
     * The sentences of {@code text} (in {@code language}, a BCP 47 tag) as consecutive spans covering all of it
     * (whitespace after a sentence belongs to it); empty if the text has no words.
     */
    public static List<Span> of(String text, String language) {
        List<int[]> words = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) words.add(new int[]{word.start(), word.end()});
        List<List<int[]>> sentences =
                group(words, w -> SentenceRule.endsSentence(text.substring(w[0], w[1]), language));
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            int start = i == 0 ? 0 : sentences.get(i).get(0)[0];
            int end = i + 1 < sentences.size() ? sentences.get(i + 1).get(0)[0] : text.length();
            spans.add(new Span(start, end));
        }
        return spans;
    }

    /** {@link #of(String, String)} by the rule of the default language. */
    public static List<Span> of(String text) {
        return of(text, SentenceRule.DEFAULT_LANGUAGE);
    }

    /**
     * The caption cues joined back into the sentences they were cut from (captions cut a sentence into cues, never a
     * cue across sentences); a lone item number ("1.") is joined to the sentence after it.
     */
    public static List<Timed> ofCues(List<Captions.Cue> cues) {
        List<Timed> sentences = new ArrayList<>();
        for (List<Captions.Cue> sentence : group(cues, Sentences::endsSentence)) {
            sentences.add(new Timed(sentence.get(0).start(), sentence.get(sentence.size() - 1).end()));
        }
        return sentences;
    }

    private static boolean endsSentence(Captions.Cue cue) {
        String text = cue.text().strip();
        return !ITEM_NUMBER.matcher(text).matches() && SentenceRule.endsWithSentence(text);
    }
}
