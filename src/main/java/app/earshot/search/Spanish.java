package app.earshot.search;

import java.text.Normalizer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * How Spanish text is cut into searchable terms, the same way for the index and the query: words lower-cased, common
 * small words (Lucene's Spanish list plus the question words in {@code search/es/stopwords.txt}) left out, accents
 * folded ("depresion" is "depresión", as patients type without accents), then stemmed with Lucene's light Spanish
 * stemmer ("depresiones" and "depresión" are both "depresion"). Queries also get the reviewed synonyms of
 * {@code search/es/synonyms.txt}. Immutable and thread-safe; built once per process from the bundled files.
 */
final class Spanish {
    /** Lucene's Spanish stop words that carry meaning in a health question, and so are searched for. */
    static final java.util.Set<String> KEPT = java.util.Set.of("no", "sin", "antes", "después", "despues", "mucho",
            "muchos", "poco", "contra", "durante");
    /** The stop words, each also without its accents: Lucene's Spanish list and the reviewed question words. */
    static final CharArraySet STOP_WORDS = stopWords();
    /** For the index (and for phrases): stemmed terms, no synonyms. */
    static final Analyzer STEMMED = chain(null, true, true);
    /** For the query: stemmed terms with their synonyms, as a graph. */
    static final Analyzer QUERY = chain(English.synonyms("es/synonyms.txt", chain(null, false, true)), true, true);
    /** Unstemmed, unaccented lower-case words, for typing slips. */
    static final Analyzer PLAIN = chain(null, true, false);
    /** The reviewed Spanish crisis words. */
    static final CrisisWords CRISIS = new CrisisWords(English.lines("es/crisis-words.txt"), STEMMED, PLAIN);

    private Spanish() {}

    /** The Spanish chain, with or without synonyms, stop words and stemming. */
    private static Chain chain(SynonymMap synonyms, boolean stop, boolean stem) {
        // Folded before the stop words, whose list holds both forms, so "esta" and "está" are both left out.
        return new Chain(t -> t, stop ? STOP_WORDS : null, stem ? SpanishLightStemFilter::new : null, synonyms);
    }

    private static CharArraySet stopWords() {
        CharArraySet words = new CharArraySet(SpanishAnalyzer.getDefaultStopSet(), false);
        words.addAll(English.lines("es/stopwords.txt"));
        CharArraySet all = new CharArraySet(words.size() * 2, false);
        for (Object word : words) {
            String w = new String((char[]) word);
            if (KEPT.contains(w)) continue;
            all.add(w);
            all.add(Normalizer.normalize(w, Normalizer.Form.NFD).replaceAll("\\p{M}", ""));
        }
        return CharArraySet.unmodifiableSet(all);
    }
}
