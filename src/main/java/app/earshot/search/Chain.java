package app.earshot.search;

import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The one chain of filters every language's analysis uses: words cut by Unicode rules, the language's first step
 * (English: possessives), lower case, folded to ASCII, the language's stop words left out and its stemmer applied
 * (each only when asked for), then, for queries, the language's synonyms, matched on the stems. Immutable.
 */
final class Chain extends Analyzer {
    private final UnaryOperator<TokenStream> first;
    private final CharArraySet stopWords;
    private final UnaryOperator<TokenStream> stemmer;
    private final SynonymMap synonyms;

    /**
     * @param first     applied to the words as cut, before lower-casing
     * @param stopWords left out (lower case, folded), or null to keep every word
     * @param stemmer   the language's stemmer, or null for words as written
     * @param synonyms  the language's synonyms, or null for none
     */
    Chain(UnaryOperator<TokenStream> first, CharArraySet stopWords, UnaryOperator<TokenStream> stemmer, SynonymMap synonyms) {
        this.first = first;
        this.stopWords = stopWords;
        this.stemmer = stemmer;
        this.synonyms = synonyms;
    }

    @Override
    protected TokenStreamComponents createComponents(String field) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(first.apply(source));
        stream = new ASCIIFoldingFilter(stream);
        if (stopWords != null) stream = new StopFilter(stream, stopWords);
        if (stemmer != null) stream = stemmer.apply(stream);
        // Synonyms come after stemming, and their file is read through the same stemmer, so any form matches.
        if (synonyms != null) stream = new SynonymGraphFilter(stream, synonyms, true);
        return new TokenStreamComponents(source, stream);
    }
}
