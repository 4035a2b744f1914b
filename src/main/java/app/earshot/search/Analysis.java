package app.earshot.search;

import org.apache.lucene.analysis.Analyzer;

/**
 * The analyzers and crisis words of one language: Spanish ({@code es}, any region) has its own; every other
 * language is read as English, the analysis Earshot had before it had languages.
 *
 * @param stemmed for the index and for phrases
 * @param query   for the query: stemmed, with the language's reviewed synonyms
 * @param plain   words as written, for typing slips
 * @param crisis  the language's reviewed crisis words
 */
record Analysis(Analyzer stemmed, Analyzer query, Analyzer plain, CrisisWords crisis) {
    static final Analysis ENGLISH = new Analysis(English.STEMMED, English.QUERY, English.PLAIN, CrisisWords.BUNDLED);
    static final Analysis SPANISH = new Analysis(Spanish.STEMMED, Spanish.QUERY, Spanish.PLAIN, Spanish.CRISIS);

    /** The analysis of BCP 47 tag {@code language}. */
    static Analysis of(String language) {
        String primary = language.split("-", 2)[0].toLowerCase(java.util.Locale.ROOT);
        return primary.equals("es") ? SPANISH : ENGLISH;
    }
}
