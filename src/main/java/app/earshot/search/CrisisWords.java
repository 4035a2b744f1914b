package app.earshot.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * Whether a search is about crisis, self-harm or danger, from the reviewed list in {@code search/crisis-words.txt}:
 * a search whose stemmed words contain one entry's stemmed words, in order and next to each other, is. An entry
 * ending in {@code ~} also matches a word one typing slip away ("suicde"). Each language has its own list, cut into
 * words by that language's analyzers ({@code search/es/crisis-words.txt} for Spanish). Immutable; built once per
 * process.
 */
final class CrisisWords {
    /** The bundled list. */
    static final CrisisWords BUNDLED = new CrisisWords(English.lines("crisis-words.txt"));

    private final Analyzer stemmed;
    private final Analyzer plain;

    /** One entry: its stemmed words, each with a matcher of the written word and its slips when slips are allowed. */
    private record Entry(List<String> words, List<CharacterRunAutomaton> slips) {}

    private final List<Entry> entries = new ArrayList<>();

    CrisisWords(List<String> lines) {
        this(lines, English.STEMMED, English.PLAIN);
    }

    /** The list {@code lines}, read with a language's analyzers: {@code stemmed} words and {@code plain} (as written). */
    CrisisWords(List<String> lines, Analyzer stemmed, Analyzer plain) {
        this.stemmed = stemmed;
        this.plain = plain;
        for (String line : lines) {
            boolean slip = line.endsWith("~");
            String entry = slip ? line.substring(0, line.length() - 1) : line;
            List<String> words = English.terms(stemmed, entry);
            List<String> written = English.terms(plain, entry);
            if (words.isEmpty()) throw new IllegalArgumentException("crisis word '" + line + "' has no searchable word");
            List<CharacterRunAutomaton> slips = new ArrayList<>();
            for (String w : written) {
                slips.add(slip ? new CharacterRunAutomaton(new LevenshteinAutomata(w, true).toAutomaton(1)) : null);
            }
            entries.add(new Entry(List.copyOf(words), slips));
        }
    }

    /** Whether {@code text} (a search as typed) is about crisis, self-harm or danger. */
    boolean about(String text) {
        // The two analyzers differ only in stemming, so their words line up one for one.
        List<String> terms = English.terms(stemmed, text);
        List<String> written = English.terms(plain, text);
        for (Entry entry : entries) {
            for (int at = 0; at + entry.words().size() <= terms.size(); at++) {
                if (matchesAt(entry, terms, written, at)) return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(Entry entry, List<String> terms, List<String> written, int at) {
        for (int i = 0; i < entry.words().size(); i++) {
            CharacterRunAutomaton slip = entry.slips().get(i);
            boolean same = terms.get(at + i).equals(entry.words().get(i));
            if (!same && (slip == null || !slip.run(written.get(at + i)))) return false;
        }
        return true;
    }
}
