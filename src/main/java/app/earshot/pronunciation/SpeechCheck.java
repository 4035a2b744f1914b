package app.earshot.pronunciation;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.speech.Lexicon;
import app.earshot.speech.Pronouncer;
import app.earshot.speech.ScriptWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the words of a page that the voice would say by letter-to-sound rules: it runs exactly the spoken script
 * (normalised, acronyms spelled, lexicon applied, by the same {@link ScriptWriter} that narration uses) through the
 * voice's own text analysis, leaves out every word the lexicon covers, and suggests a checked alias for the rest.
 */
public final class SpeechCheck {
    // What FreeTTS's tokenizer strips from the ends of a token before reading it.
    private static final Pattern PUNCTUATION = Pattern.compile("^[\"'`({\\[]+|[\"'`.,:;!?(){}\\[\\]]+$");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}_]+");

    private final Pronouncer pronouncer;
    private final String voice;
    private final Respeller respeller;

    public SpeechCheck(Pronouncer pronouncer, String voice) {
        this.pronouncer = pronouncer;
        this.voice = voice;
        this.respeller = new Respeller(pronouncer, voice);
    }

    /** The respeller this check uses, for checking an alias by ear and by phones. */
    public Respeller respeller() {
        return respeller;
    }

    /**
     * @param page        the page
     * @param writer      how the page is spoken (its lexicon decides what is already covered)
     * @param file        the page's source file as users know it, for {@code file:line}; null if unknown
     * @param sourceLines the source file's lines, to find where each word is written; empty if unknown
     */
    public PageReport check(Page page, ScriptWriter writer, String file, List<String> sourceLines) {
        Lexicon lexicon = writer.lexicon();
        Map<String, Found> found = new LinkedHashMap<>();
        List<PageReport.SectionSpeech> sections = new ArrayList<>();
        for (Section section : page.sections()) {
            List<PageReport.Paragraph> paragraphs = new ArrayList<>();
            for (ScriptWriter.Passage passage : writer.passages(page, section)) {
                paragraphs.add(paragraph(passage.text(), writer, lexicon, section, found));
            }
            sections.add(new PageReport.SectionSpeech(section.id(),
                    section.introduction() ? "Introduction" : section.heading(), paragraphs));
        }
        List<GuessedWord> words = new ArrayList<>();
        for (Map.Entry<String, Found> e : found.entrySet()) {
            Found f = e.getValue();
            words.add(new GuessedWord(e.getKey(), lines(sourceLines, e.getKey()), f.count, List.copyOf(f.sections),
                    f.phones, respeller.suggest(e.getKey(), f.word, f.phones)));
        }
        return new PageReport(page.slug(), file, words, sections);
    }

    private PageReport.Paragraph paragraph(String written, ScriptWriter writer, Lexicon lexicon, Section section,
                                           Map<String, Found> found) {
        String spoken = writer.spoken(written);
        String[] writtenTokens = written.split("\\s+");
        String[] spokenTokens = spoken.split("\\s+");
        // The script's contract: every replacement is one token. Should that ever break, report on the spoken words.
        boolean aligned = writtenTokens.length == spokenTokens.length;
        int[] marks = new int[spokenTokens.length];
        Arrays.fill(marks, -1);
        int next = 0;
        for (Pronouncer.Token token : pronouncer.pronounce(spoken, voice)) {
            int at = find(spokenTokens, next, token.text());
            if (at >= 0) next = at + 1;
            if (!token.guessed()) continue;
            String writtenToken = at < 0 ? token.text() : aligned ? writtenTokens[at] : spokenTokens[at];
            if (coveredByLexicon(writtenToken, lexicon)) continue;
            for (Pronouncer.Word word : token.words()) {
                if (word.fromDictionary()) continue;
                String grapheme = grapheme(writtenToken, word.text());
                Found f = found.computeIfAbsent(grapheme, g -> new Found(word.text(), String.join(" ", word.phones())));
                f.count++;
                f.sections.add(section.id());
                if (at >= 0) marks[at] = new ArrayList<>(found.keySet()).indexOf(grapheme);
            }
        }
        List<PageReport.SpokenToken> tokens = new ArrayList<>();
        for (int i = 0; i < spokenTokens.length; i++) tokens.add(new PageReport.SpokenToken(spokenTokens[i], marks[i]));
        return new PageReport.Paragraph(written, tokens);
    }

    /** The whitespace token the voice's token {@code name} came from, looking a few tokens ahead of {@code from}. */
    private static int find(String[] tokens, int from, String name) {
        for (int k = from; k < Math.min(tokens.length, from + 4); k++) {
            if (PUNCTUATION.matcher(tokens[k]).replaceAll("").equals(name)) return k;
        }
        return -1;
    }

    /** True when the lexicon aliases the token, or names it or a word in it (phoneme-only entries change nothing). */
    private static boolean coveredByLexicon(String writtenToken, Lexicon lexicon) {
        String stripped = PUNCTUATION.matcher(writtenToken).replaceAll("");
        return !lexicon.apply(writtenToken).equals(writtenToken) || lexicon.graphemes().contains(stripped)
                || Arrays.stream(NOT_WORD.split(stripped)).anyMatch(lexicon.graphemes()::contains);
    }

    /** The part of a written token the voice guessed: "Spravato" in "Spravato's", "COVID" in "COVID-19". */
    static String grapheme(String writtenToken, String word) {
        String stripped = PUNCTUATION.matcher(writtenToken).replaceAll("");
        for (String part : NOT_WORD.split(stripped)) {
            if (part.equalsIgnoreCase(word)) return part;
        }
        return stripped;
    }

    /** Lines where {@code word} is written as a whole word: the body, and the title (which is spoken first). */
    static List<Integer> lines(List<String> source, String word) {
        Pattern whole = Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}_])");
        List<Integer> lines = new ArrayList<>();
        boolean frontMatter = !source.isEmpty() && source.get(0).strip().equals("---");
        for (int i = 0; i < source.size(); i++) {
            String line = source.get(i);
            if (frontMatter && i > 0 && line.strip().equals("---")) {
                frontMatter = false;
                continue;
            }
            if (frontMatter && !line.startsWith("title:")) continue;
            if (whole.matcher(line).find()) lines.add(i + 1);
        }
        return lines;
    }

    private static final class Found {
        final String word;
        final String phones;
        final Set<String> sections = new LinkedHashSet<>();
        int count;

        Found(String word, String phones) {
            this.word = word;
            this.phones = phones;
        }
    }
}
