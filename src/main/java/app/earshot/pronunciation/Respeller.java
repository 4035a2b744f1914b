package app.earshot.pronunciation;

import app.earshot.speech.Pronouncer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Suggests a lexicon alias for a guessed word and checks it by running it back through the voice.
 *
 * <p>An all-capital word is spelled letter by letter ("R-E-M-S"). Any other word is cut into pieces the dictionary
 * knows, joined by hyphens (one token, so captions keep one word), choosing the cut whose dictionary phones are
 * closest to what the voice says now (few pieces preferred): "esketamine" becomes "es-ketamine"-like respellings that
 * keep the sound but take every phone, and its stress, from the dictionary. It is a starting point an author listens
 * to in the preview and edits, as the bundled lexicon's entries were made.
 */
public final class Respeller {
    private static final int MAX_LETTERS = 24;
    private static final int MAX_PIECES = 4;
    private static final int MAX_CANDIDATES = 20_000;

    private final Pronouncer pronouncer;
    private final String voice;

    public Respeller(Pronouncer pronouncer, String voice) {
        this.pronouncer = pronouncer;
        this.voice = voice;
    }

    /**
     * @param written the word as written ("Spravato", "REMS", "haven't")
     * @param word    the word as the voice reads it (lower case, apostrophes dropped: "havent")
     * @param phones  what the voice says for it now, space-separated
     * @return a checked suggestion, or null when no respelling from dictionary pieces exists
     */
    public GuessedWord.Suggestion suggest(String written, String word, String phones) {
        String alias = pieces(word, phones);
        if (alias == null && written.length() >= 2 && written.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            alias = String.join("-", written.split(""));
        }
        return alias == null ? null : check(alias);
    }

    /** How the voice says {@code alias}, and whether all of it comes from the dictionary. */
    public GuessedWord.Suggestion check(String alias) {
        List<Pronouncer.Token> tokens = pronouncer.pronounce(alias, voice);
        boolean known = !tokens.isEmpty() && tokens.stream().noneMatch(Pronouncer.Token::guessed);
        String said = String.join(" + ", tokens.stream().map(Pronouncer.Token::phones).toList());
        return new GuessedWord.Suggestion(alias, said, known);
    }

    private String pieces(String word, String phones) {
        if (word.length() > MAX_LETTERS || !word.chars().allMatch(Character::isLetter)) return null;
        Set<String> substrings = new HashSet<>();
        for (int i = 0; i < word.length(); i++) {
            for (int j = i + 2; j <= word.length(); j++) substrings.add(word.substring(i, j));
        }
        substrings.remove(word);
        Map<String, List<String>> known = pronouncer.dictionaryPhones(substrings, voice);
        List<String> target = List.of(phones.replace("+", " ").trim().split("\\s+"));
        Search search = new Search(word, known, target);
        search.from(0, new ArrayList<>(), new ArrayList<>());
        return search.best == null ? null : String.join("-", search.best);
    }

    /** Depth-first over cuts into known pieces; keeps the cut with the lowest cost. */
    private static final class Search {
        final String word;
        final Map<String, List<String>> known;
        final List<String> target;
        List<String> best;
        double bestCost = Double.MAX_VALUE;
        int visited;

        Search(String word, Map<String, List<String>> known, List<String> target) {
            this.word = word;
            this.known = known;
            this.target = target;
        }

        void from(int start, List<String> pieces, List<String> phones) {
            if (++visited > MAX_CANDIDATES) return;
            if (start == word.length()) {
                double cost = distance(phones, target) + 0.3 * pieces.size();
                if (cost < bestCost) {
                    bestCost = cost;
                    best = List.copyOf(pieces);
                }
                return;
            }
            if (pieces.size() == MAX_PIECES) return;
            // Longer pieces first: they find good cuts sooner.
            for (int end = word.length(); end >= start + 2; end--) {
                List<String> piecePhones = known.get(word.substring(start, end));
                if (piecePhones == null) continue;
                pieces.add(word.substring(start, end));
                int before = phones.size();
                phones.addAll(piecePhones);
                from(end, pieces, phones);
                pieces.remove(pieces.size() - 1);
                phones.subList(before, phones.size()).clear();
            }
        }
    }

    /** Edit distance between two phone sequences; a phone that differs only in stress costs half. */
    static double distance(List<String> a, List<String> b) {
        double[] previous = new double[b.size() + 1];
        double[] current = new double[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) previous[j] = j;
        for (int i = 1; i <= a.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                double substitute = previous[j - 1] + cost(a.get(i - 1), b.get(j - 1));
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            double[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }

    private static double cost(String a, String b) {
        if (a.equals(b)) return 0;
        return a.replaceAll("\\d", "").equals(b.replaceAll("\\d", "")) ? 0.5 : 1;
    }
}
