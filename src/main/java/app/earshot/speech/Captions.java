package app.earshot.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds WebVTT captions from a script and the timings of its spoken words (one cue per sentence, or per phrase when a
 * sentence is too long to read at once), and WebVTT chapter tracks; cues are in order, never overlap and stay inside
 * the clip.
 */
public final class Captions {

    /** Most words in one cue; longer sentences are split, preferably at a comma, semicolon or colon. */
    public static final int MAX_WORDS = 12;
    /** Longest a cue may stay on screen. */
    public static final double MAX_SECONDS = 7.0;
    /** Cue text is wrapped onto two lines of about this many characters (a common caption line length). */
    public static final int LINE_LENGTH = 42;

    private static final int MAX_CHARS = 2 * LINE_LENGTH;
    // Closing quotes and brackets sit after the punctuation that ends a sentence or clause: "helps." or (twice).
    private static final Pattern CLOSERS = Pattern.compile("[\"'”’)\\]}]+$");

    private Captions() {}

    /** A caption: {@code text} is shown from {@code start} to {@code end} seconds (plain text, not yet escaped). */
    public record Cue(double start, double end, String text) {}

    /** A named stretch of the clip, e.g. one section of a page. */
    public record Chapter(String title, double start, double end) {}

    /** WebVTT captions for {@code speech}, which must have been spoken from {@code script}. */
    public static String webVtt(String script, Speech speech) {
        return webVtt(cues(script, speech.words(), speech.audio().seconds()));
    }

    /**
     * Cues for {@code script} timed by {@code words}. Each cue's text is the script's words as written (punctuation
     * kept); it starts when its first timed word starts and ends when its last timed word ends. Script words without a
     * timing (a lone dash) are shown with their neighbours. Cues break at sentence ends and paragraphs, and are split
     * to stay within {@link #MAX_WORDS} words, {@link #MAX_SECONDS} seconds and two lines.
     *
     * @param clipSeconds length of the audio; no cue ends after it
     */
    public static List<Cue> cues(String script, List<WordTiming> words, double clipSeconds) {
        Objects.requireNonNull(script, "script");
        return cues(align(script, words), clipSeconds);
    }

    /**
     * Cues for a {@link SpeechScript}: timed against {@code script.spoken()} (what the engine said) but showing
     * {@code script.text()}, so a lexicon respelling ("N-M-D-A") is heard while the author's word ("NMDA") is read.
     * If the two do not have the same words one for one, the spoken words are shown.
     */
    public static List<Cue> cues(SpeechScript script, List<WordTiming> words, double clipSeconds) {
        List<Unit> units = align(script.spoken(), words);
        List<String> shown = new ArrayList<>();
        for (String paragraph : Paragraphs.of(script.text())) shown.addAll(Paragraphs.words(paragraph));
        if (shown.size() == units.size()) {
            List<Unit> relabelled = new ArrayList<>(units.size());
            for (int i = 0; i < units.size(); i++) {
                Unit u = units.get(i);
                relabelled.add(new Unit(shown.get(i), u.timing(), u.endsParagraph()));
            }
            units = relabelled;
        }
        return cues(units, clipSeconds);
    }

    private static List<Cue> cues(List<Unit> units, double clipSeconds) {
        List<List<Unit>> sentences = sentences(units);
        List<Cue> cues = new ArrayList<>();
        List<Unit> untimed = new ArrayList<>();
        for (List<Unit> sentence : sentences) {
            for (List<Unit> group : split(sentence)) {
                List<Unit> shown = new ArrayList<>(untimed);
                shown.addAll(group);
                if (group.stream().allMatch(u -> u.timing == null)) {
                    // Nothing here is heard: show it with the next cue rather than at a guessed time.
                    untimed = shown;
                    continue;
                }
                untimed = new ArrayList<>();
                cues.add(cue(shown, cues.isEmpty() ? 0 : cues.get(cues.size() - 1).end(), clipSeconds));
            }
        }
        if (!untimed.isEmpty() && !cues.isEmpty()) {
            Cue last = cues.remove(cues.size() - 1);
            cues.add(new Cue(last.start(), last.end(), last.text() + " " + text(untimed)));
        }
        return cues;
    }

    /** A WebVTT file holding {@code cues}, their text escaped and wrapped onto at most two lines. */
    public static String webVtt(List<Cue> cues) {
        return render(cues, true);
    }

    /**
     * A WebVTT chapter track (for {@code <track kind="chapters">}).
     *
     * @throws IllegalArgumentException if a title is blank, a chapter does not end after it starts, or chapters are
     *                                  out of order or overlap
     */
    public static String chapters(List<Chapter> chapters) {
        List<Cue> cues = new ArrayList<>();
        double previousEnd = 0;
        for (Chapter c : chapters) {
            if (c.title() == null || c.title().isBlank()) throw new IllegalArgumentException("chapter without a title");
            if (!(c.start() >= 0) || !(c.end() > c.start())) {
                throw new IllegalArgumentException("chapter '" + c.title() + "' must end after it starts: "
                        + c.start() + " -> " + c.end());
            }
            if (c.start() < previousEnd) {
                throw new IllegalArgumentException("chapter '" + c.title() + "' starts at " + c.start()
                        + " before the previous one ends at " + previousEnd);
            }
            previousEnd = c.end();
            cues.add(new Cue(c.start(), c.end(), c.title().strip().replaceAll("\\s+", " ")));
        }
        return render(cues, false);
    }

    /** The header, a blank line, then one block per cue: timing line, text, blank line between blocks. */
    private static String render(List<Cue> cues, boolean wrapLines) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            if (i > 0) vtt.append('\n');
            vtt.append(timestamp(cue.start())).append(" --> ").append(timestamp(cue.end())).append('\n')
                    .append(escape(wrapLines ? wrap(cue.text()) : cue.text())).append('\n');
        }
        return vtt.toString();
    }

    /** {@code seconds} as a WebVTT timestamp, HH:MM:SS.mmm. */
    static String timestamp(double seconds) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                ms % 1000);
    }

    /** One written word of the script, with its timing if it was heard. */
    private record Unit(String written, WordTiming timing, boolean endsParagraph) {}

    /**
     * Pairs each written word with the timing of the token spoken for it. The synthesizer names tokens as written
     * minus surrounding punctuation, so most pairs match directly; the rest are handled so that a mismatch costs a
     * timing, never the alignment of the words after it.
     */
    private static List<Unit> align(String script, List<WordTiming> timings) {
        List<Unit> units = new ArrayList<>();
        int next = 0;
        for (String paragraph : Paragraphs.of(script)) {
            List<String> written = Paragraphs.words(paragraph);
            for (int w = 0; w < written.size(); w++) {
                String word = written.get(w);
                WordTiming timing = null;
                if (next < timings.size() && matches(word, timings.get(next).token())) {
                    timing = timings.get(next++);
                } else if (!alphanumeric(word).isEmpty()) {
                    int joined = joinedMatch(word, timings, next);
                    if (joined > next) {
                        // One written word the engine split into several tokens ("word/word").
                        timing = new WordTiming(word, timings.get(next).start(), timings.get(joined - 1).end());
                        next = joined;
                    } else {
                        // Resynchronise if the engine spoke a token or two the script does not show.
                        for (int k = next + 1; k < Math.min(timings.size(), next + 4); k++) {
                            if (matches(word, timings.get(k).token())) {
                                timing = timings.get(k);
                                next = k + 1;
                                break;
                            }
                        }
                    }
                }
                units.add(new Unit(word, timing, w == written.size() - 1));
            }
        }
        return units;
    }

    private static boolean matches(String written, String token) {
        if (core(written).equalsIgnoreCase(token)) return true;
        String a = alphanumeric(written);
        return !a.isEmpty() && a.equals(alphanumeric(token));
    }

    /** End index (exclusive) of timings from {@code from} whose tokens together spell {@code written}, or {@code from}. */
    private static int joinedMatch(String written, List<WordTiming> timings, int from) {
        String target = alphanumeric(written);
        StringBuilder spelled = new StringBuilder();
        for (int i = from; i < timings.size() && spelled.length() < target.length(); i++) {
            String part = alphanumeric(timings.get(i).token());
            if (part.isEmpty() || !target.startsWith(spelled + part)) return from;
            spelled.append(part);
            if (spelled.length() == target.length()) return i + 1;
        }
        return from;
    }

    /** The word without surrounding punctuation; a word of punctuation only ("&") stays itself. */
    private static String core(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetterOrDigit(word.charAt(start))) start++;
        while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) end--;
        return start == end ? word : word.substring(start, end);
    }

    /** The word's letters and digits, lower-cased (a plain loop: a stream per word made about 6% of a cold clip's garbage). */
    private static String alphanumeric(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            if (Character.isLetterOrDigit(c)) out.appendCodePoint(Character.toLowerCase(c));
            i += Character.charCount(c);
        }
        return out.toString();
    }

    private static List<List<Unit>> sentences(List<Unit> units) {
        return Sentences.group(units, u -> u.endsParagraph || SentenceRule.endsSentence(u.written));
    }

    private static boolean endsClause(String word) {
        String trimmed = CLOSERS.matcher(word).replaceFirst("");
        return trimmed.endsWith(",") || trimmed.endsWith(";") || trimmed.endsWith(":")
                || trimmed.endsWith("—") || trimmed.endsWith("–");
    }

    /** The sentence as one group if it fits on screen, else phrases that do, cut at clause punctuation if possible. */
    private static List<List<Unit>> split(List<Unit> sentence) {
        List<List<Unit>> groups = new ArrayList<>();
        List<Unit> rest = sentence;
        while (!rest.isEmpty()) {
            if (fits(rest)) {
                groups.add(rest);
                break;
            }
            int longest = 1;
            while (longest < rest.size() && fits(rest.subList(0, longest + 1))) longest++;
            int cut = 0;
            for (int i = longest; i >= 2 && cut == 0; i--) {
                if (endsClause(rest.get(i - 1).written)) cut = i;
            }
            if (cut == 0) {
                // No clause break: share the words evenly rather than leave a one-word tail.
                int parts = (rest.size() + longest - 1) / longest;
                cut = Math.min(longest, (rest.size() + parts - 1) / parts);
            }
            groups.add(rest.subList(0, cut));
            rest = rest.subList(cut, rest.size());
        }
        return groups;
    }

    private static boolean fits(List<Unit> units) {
        // A lone dash is not a word a reader has to read, so only words with letters or digits count.
        long words = units.stream().filter(u -> !alphanumeric(u.written).isEmpty()).count();
        if (words > MAX_WORDS || text(units).length() > MAX_CHARS) return false;
        double start = Double.NaN;
        double end = Double.NaN;
        for (Unit u : units) {
            if (u.timing == null) continue;
            if (Double.isNaN(start)) start = u.timing.start();
            end = u.timing.end();
        }
        return Double.isNaN(start) || end - start <= MAX_SECONDS;
    }

    private static Cue cue(List<Unit> units, double previousEnd, double clipSeconds) {
        double start = Double.NaN;
        double end = Double.NaN;
        for (Unit u : units) {
            if (u.timing == null) continue;
            if (Double.isNaN(start)) start = u.timing.start();
            end = u.timing.end();
        }
        // Guards: timings are monotonic and inside the clip, but a cue must never overlap or overrun even if not.
        end = Math.min(end, clipSeconds);
        start = Math.min(Math.max(start, previousEnd), end);
        return new Cue(start, end, text(units));
    }

    private static String text(List<Unit> units) {
        StringBuilder out = new StringBuilder();
        for (Unit u : units) {
            if (!out.isEmpty()) out.append(' ');
            out.append(u.written);
        }
        return out.toString();
    }

    /** Two lines broken at the space nearest the middle, when one line would be too long to read comfortably. */
    private static String wrap(String text) {
        if (text.length() <= LINE_LENGTH) return text;
        int middle = text.length() / 2;
        int best = -1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
        }
        return best < 0 ? text : text.substring(0, best) + "\n" + text.substring(best + 1);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
