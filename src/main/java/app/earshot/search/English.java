package app.earshot.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How English text is cut into searchable terms, the same way for the index and the query: words lower-cased and
 * folded to ASCII, possessives and common small words (Lucene's English list plus the question words in
 * {@code search/stopwords.txt}) left out, then Porter-stemmed ("pregnancies" and "pregnancy" are both "pregnanc").
 * Queries also get the reviewed synonyms of {@code search/synonyms.txt} (UK/US spellings, lay terms), matched on
 * stems. The analyzers are immutable and thread-safe; they are built once per process from the bundled files.
 */
final class English {
    /** The stop words: Lucene's English list and the reviewed question words. */
    static final CharArraySet STOP_WORDS = stopWords();
    /** For the index (and for phrases): stemmed terms, no synonyms. */
    static final Analyzer STEMMED = chain(null, true, true);
    /** For the query: stemmed terms with their synonyms, as a graph. */
    static final Analyzer QUERY = chain(synonyms(), true, true);
    /** Unstemmed lower-case words, for typing slips: a misspelt word is compared with the words as written. */
    static final Analyzer PLAIN = chain(null, true, false);

    private English() {}

    /** The terms {@code analyzer} makes of {@code text}, in order. */
    static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) terms.add(term.toString());
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return terms;
    }

    /** The English chain, with or without synonyms, stop words and stemming. */
    private static Chain chain(SynonymMap synonyms, boolean stop, boolean stem) {
        return new Chain(EnglishPossessiveFilter::new, stop ? STOP_WORDS : null, stem ? PorterStemFilter::new : null, synonyms);
    }

    private static CharArraySet stopWords() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        for (String line : lines("stopwords.txt")) words.add(line);
        return CharArraySet.unmodifiableSet(words);
    }

    private static SynonymMap synonyms() {
        // The file's entries are analyzed without stop words (a synonym may not have a gap), but stemmed.
        return synonyms("synonyms.txt", chain(null, false, true));
    }

    /** The reviewed synonyms of bundled file {@code name}, each entry cut into terms by {@code analyzer}. */
    static SynonymMap synonyms(String name, Analyzer analyzer) {
        SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
        try (Reader reader = reader(name)) {
            parser.parse(reader);
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("search/" + name + " line " + e.getErrorOffset() + ": " + e.getMessage(), e);
        }
    }

    /** The lines of a bundled word list, without comments and blank lines. */
    static List<String> lines(String name) {
        List<String> lines = new ArrayList<>();
        try (Reader reader = reader(name)) {
            for (String line : new java.io.BufferedReader(reader).lines().toList()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) lines.add(word);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static Reader reader(String name) {
        InputStream in = English.class.getResourceAsStream("/search/" + name);
        if (in == null) throw new IllegalStateException("search/" + name + " is missing from the build");
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
