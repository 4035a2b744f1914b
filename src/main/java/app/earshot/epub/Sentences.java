package app.earshot.epub;

import app.earshot.speech.Captions;
import app.earshot.speech.SentenceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into sentences by {@link SentenceRule} (the rule captions use), and joins caption cues back into the sentences they were cut from; the same rule on both sides is
 * what lets written sentences be paired with spoken ones by count.
 */
final class Sentences {
    private static final Pattern WORD = Pattern.compile("\\S+");
    // ScriptWriter says an ordered list's item number as "1." before the item: a cue sentence of its own.
    private static final Pattern ITEM_NUMBER = Pattern.compile("\\d+\\.");

    private Sentences() {}

    /** A stretch of text, {@code start} inclusive to {@code end} exclusive. */
    record Span(int start, int end) {}

    /** A sentence of the narration: from the start of its first cue to the end of its last. */
    record Timed(double start, double end) {}

    /**
     * The sentences of {@code text} as consecutive spans covering all of it (whitespace after a sentence belongs to
     * it); empty if the text has no words.
     */
    static List<Span> of(String text) {
        List<Integer> starts = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        boolean sentenceEnded = true;
        while (word.find()) {
            if (sentenceEnded) starts.add(word.start());
            sentenceEnded = endsSentence(word.group());
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            spans.add(new Span(i == 0 ? 0 : starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : text.length()));
        }
        return spans;
    }

    /** The cues joined into sentences; a lone item number ("1.") is joined to the sentence after it. */
    static List<Timed> of(List<Captions.Cue> cues) {
        List<Timed> sentences = new ArrayList<>();
        double start = Double.NaN;
        for (int i = 0; i < cues.size(); i++) {
            Captions.Cue cue = cues.get(i);
            if (Double.isNaN(start)) start = cue.start();
            String text = cue.text().strip();
            String last = text.substring(text.lastIndexOf(' ') + 1);
            boolean number = ITEM_NUMBER.matcher(text).matches();
            if ((endsSentence(last) && !number) || i == cues.size() - 1) {
                sentences.add(new Timed(start, cue.end()));
                start = Double.NaN;
            }
        }
        return sentences;
    }

    static boolean endsSentence(String word) {
        return SentenceRule.endsSentence(word);
    }
}
