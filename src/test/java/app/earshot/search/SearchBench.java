package app.earshot.search;

import app.earshot.content.ContentLoader;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Measurement, not a test: the Java half of {@code bench/search.sh}. Usage: {@code SearchBench LIBRARY ROUNDS}.
 * Builds the search index of LIBRARY, then asks every judged and crisis query ROUNDS times of it and of a reference
 * in the same process: bare Lucene (StandardAnalyzer, one field, any word, top 50, no synonyms, slips, boosts or
 * excerpts), the two alternating query by query. Prints {@code key=value} lines; times in milliseconds. Also prints
 * the judged set's success in the top 3 on the clinic fixture.
 */
public final class SearchBench {
    public static void main(String[] args) throws Exception {
        Site site = new ContentLoader().load(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        // Pages are parsed on first use: parse them all first, so neither build below pays for it.
        long parsed = site.pages().stream().mapToLong(p -> p.sections().size()).sum();
        long t0 = System.nanoTime();
        SearchIndex index = SearchIndex.build(site);
        double build = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        IndexSearcher reference = reference(site);
        double referenceBuild = (System.nanoTime() - t1) / 1e6;
        QueryBuilder bare = new QueryBuilder(new StandardAnalyzer());

        List<String> queries = new ArrayList<>();
        Clinic.judged().forEach(j -> queries.add(j.query()));
        queries.addAll(Clinic.lines("crisis-queries.txt"));
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        long sink = 0;
        for (int round = 0; round < rounds + 3; round++) {
            for (String q : queries) {
                // Alternate which goes first, so neither always runs on a cache the other warmed.
                for (int side = 0; side < 2; side++) {
                    boolean oursNow = (side == 0) == (round % 2 == 0);
                    long start = System.nanoTime();
                    if (oursNow) {
                        sink += index.search(Query.parse(q)).total();
                    } else {
                        var query = bare.createBooleanQuery("text", q, BooleanClause.Occur.SHOULD);
                        sink += query == null ? 0 : reference.search(query, SearchIndex.MAX_SHOWN).scoreDocs.length;
                    }
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (round >= 3) (oursNow ? ours : theirs).add(ms); // the first three rounds warm the JIT
                }
            }
        }
        SearchIndex clinic = Clinic.index();
        long answered = Clinic.judged().stream()
                .filter(j -> Clinic.top(clinic, j.query(), 3).stream().anyMatch(j.answers()::contains)).count();
        System.out.printf(Locale.ROOT, "parsed=%d%nsections=%d%nqueries=%d%nsamples=%d%nbuild_ms=%.0f%nreference_build_ms=%.0f%n",
                parsed, index.size(), queries.size(), ours.size(), build, referenceBuild);
        System.out.printf(Locale.ROOT, "p50_ms=%.3f%np99_ms=%.3f%nmax_ms=%.3f%n", pct(ours, 50), pct(ours, 99), pct(ours, 100));
        System.out.printf(Locale.ROOT, "reference_p50_ms=%.3f%nreference_p99_ms=%.3f%nreference_max_ms=%.3f%n",
                pct(theirs, 50), pct(theirs, 99), pct(theirs, 100));
        System.out.printf(Locale.ROOT, "judged=%d%nanswered_top3=%d%nsink=%d%n", Clinic.judged().size(), answered, sink);
    }

    private static IndexSearcher reference(Site site) throws Exception {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (Page page : site.pages()) {
                for (Section section : page.sections()) {
                    Document doc = new Document();
                    doc.add(new TextField("text", SearchIndex.heading(page, section) + " " + SearchIndex.text(section)
                            + " " + SearchIndex.callouts(section), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
        }
        IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
        searcher.setQueryCache(null);
        return searcher;
    }

    /** The {@code p}th percentile (nearest rank) of {@code values}. */
    private static double pct(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
