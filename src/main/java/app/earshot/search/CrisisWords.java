package app.earshot.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * Whether a search is about crisis, self-harm or danger, from the reviewed list in {@code search/crisis-words.txt}:
 * a search whose stemmed words contain one entry's stemmed words, in order and next to each other, is. An entry
 * ending in {@code ~} also matches a word one typing slip away ("suicde"). Immutable; built once per process.
 */
final class CrisisWords {
    /** The bundled list. */
    static final CrisisWords BUNDLED = new CrisisWords(English.lines("crisis-words.txt"));

    /** One entry: its stemmed words, each with a matcher when a slip is allowed. */
    private record Entry(List<String> words, List<CharacterRunAutomaton> slips) {}

    private final List<Entry> entries = new ArrayList<>();

    CrisisWords(List<String> lines) {
        for (String line : lines) {
            boolean slip = line.endsWith("~");
            List<String> words = English.terms(English.STEMMED, slip ? line.substring(0, line.length() - 1) : line);
            if (words.isEmpty()) throw new IllegalArgumentException("crisis word '" + line + "' has no searchable word");
            List<CharacterRunAutomaton> slips = new ArrayList<>();
            for (String w : words) {
                slips.add(slip ? new CharacterRunAutomaton(new LevenshteinAutomata(w, true).toAutomaton(1)) : null);
            }
            entries.add(new Entry(List.copyOf(words), slips));
        }
    }

    /** Whether {@code text} (a search as typed) is about crisis, self-harm or danger. */
    boolean about(String text) {
        List<String> terms = English.terms(English.STEMMED, text);
        for (Entry entry : entries) {
            for (int at = 0; at + entry.words().size() <= terms.size(); at++) {
                if (matchesAt(entry, terms, at)) return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(Entry entry, List<String> terms, int at) {
        for (int i = 0; i < entry.words().size(); i++) {
            String term = terms.get(at + i);
            CharacterRunAutomaton slip = entry.slips().get(i);
            if (!(slip == null ? term.equals(entry.words().get(i)) : slip.run(term))) return false;
        }
        return true;
    }
}
