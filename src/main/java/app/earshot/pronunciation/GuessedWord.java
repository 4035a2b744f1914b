package app.earshot.pronunciation;

import java.util.List;

/**
 * A word the voice says by letter-to-sound rules because its dictionary does not have it.
 *
 * @param word       as written, the grapheme a lexicon entry needs ("Spravato"); case matters
 * @param lines      source lines it is written on (1-based), in order; empty when the source is not known
 * @param count      how often it is spoken on the page
 * @param sections   ids of the sections it is spoken in
 * @param phones     the phones the voice uses now (CMU style, "s p r aa1 v aa1 t ow")
 * @param suggestion a checked respelling for a PLS {@code <alias>}, or null when none was found
 */
public record GuessedWord(String word, List<Integer> lines, int count, List<String> sections, String phones,
                          Suggestion suggestion) {
    public GuessedWord {
        lines = List.copyOf(lines);
        sections = List.copyOf(sections);
    }

    /**
     * A respelling run back through the voice.
     *
     * @param alias          the text to put in {@code <alias>} ("spra-vato")
     * @param phones         the phones the voice says for it
     * @param fromDictionary true when every word of it comes from the voice's dictionary, none guessed
     */
    public record Suggestion(String alias, String phones, boolean fromDictionary) {}
}
