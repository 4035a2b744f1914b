package app.earshot.search;

import app.earshot.content.Block;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * A Lucene index of one content snapshot, in memory: one document per section, with the section's heading, its
 * page's title, its care callouts and its text as separate fields. Any word of a search finds a section; BM25 ranks
 * them, with words in headings, callouts and titles and the search's words side by side counting for more. Words
 * are stemmed, matched with their reviewed synonyms, and a word no section has is also tried one or two typing slips
 * away. Built once per snapshot, then read by any number of threads.
 */
public final class SearchIndex {
    /** Most results listed on one results page. */
    public static final int MAX_SHOWN = 50;
    /**
     * Matches counted exactly up to this many; beyond it the count is "more than" it. Counting every match of a common
     * word would score every section, where stopping lets Lucene skip the sections that cannot reach the top.
     */
    public static final int MAX_COUNTED = 1000;

    /** How much a field counts: the section heading most, then callouts, then the page title, then the text. */
    static final Map<String, Float> BOOSTS = Map.of("heading", 2f, "callout", 1.5f, "title", 1.2f, "body", 1f);
    /** How much the search's words in order (within two words of each other) add, in the text or in a heading. */
    static final float PHRASE_BOOST = 2f;
    /** How much a word found only by a typing slip counts. */
    static final float SLIP_BOOST = 0.6f;
    /** Words shorter than this are never taken for typing slips (too many short words are one letter apart). */
    static final int SLIP_FROM = 5;

    private final Site site;
    private final Page[] pages;
    private final Section[] sections;
    private final IndexSearcher searcher;
    private final Optional<Callout> mostUrgent;

    /** One section found, with the excerpt to show. */
    public record Hit(Page page, Section section, Excerpt excerpt) {}

    /**
     * A care callout, where it is, and how urgent it is.
     *
     * @param kind  "emergency", "urgent" or "non-urgent"
     * @param label what a reader sees first ("Urgent advice")
     */
    public record Callout(Page page, Section section, String kind, String label, String title, String text) {}

    /**
     * Everything a results page shows.
     *
     * @param total      how many sections matched, at most {@link #MAX_COUNTED}
     * @param more       whether more than {@code total} matched (the count stopped at {@link #MAX_COUNTED})
     * @param shown      the first {@link #MAX_SHOWN}, best first
     * @param crisis     whether the search is about crisis, self-harm or danger
     * @param urgentHelp the site's most urgent callout, when the search is about crisis or found nothing
     */
    public record Results(Query query, int total, boolean more, List<Hit> shown, boolean crisis,
                          Optional<Callout> urgentHelp) {}

    private SearchIndex(Site site, Page[] pages, Section[] sections, IndexSearcher searcher, Optional<Callout> mostUrgent) {
        this.site = site;
        this.pages = pages;
        this.sections = sections;
        this.searcher = searcher;
        this.mostUrgent = mostUrgent;
    }

    /** The snapshot this index was built from. */
    public Site site() {
        return site;
    }

    /** The site's most urgent care callout (emergency before urgent before non-urgent, then the first), if any. */
    public Optional<Callout> mostUrgent() {
        return mostUrgent;
    }

    /** The heading a section is found by: its own, or for the introduction the page's title. */
    public static String heading(Page page, Section section) {
        return section.introduction() ? page.title() : section.heading();
    }

    /** The running text of a section, blocks joined by spaces, as excerpts are cut from it (callouts apart). */
    public static String text(Section section) {
        StringBuilder sb = new StringBuilder();
        for (Block block : section.blocks()) {
            if (block instanceof Block.Heading h) {
                append(sb, h.text());
            } else if (block instanceof Block.Paragraph p) {
                append(sb, p.text());
            } else if (block instanceof Block.ItemList l) {
                l.items().forEach(item -> append(sb, item));
            } else if (block instanceof Block.Table t) {
                append(sb, t.caption());
                t.headers().forEach(h -> append(sb, h));
                t.rows().forEach(row -> row.forEach(cell -> append(sb, cell)));
            }
        }
        return sb.toString();
    }

    /** The text of a section's care callouts, titles and bodies. */
    static String callouts(Section section) {
        StringBuilder sb = new StringBuilder();
        for (Block block : section.blocks()) {
            if (block instanceof Block.Care c) {
                append(sb, c.title());
                append(sb, c.text());
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String text) {
        if (text.isBlank()) return;
        if (!sb.isEmpty()) sb.append(' ');
        sb.append(text);
    }

    /** Indexes every section of {@code site}. */
    public static SearchIndex build(Site site) {
        List<Page> pageList = new ArrayList<>();
        List<Section> sectionList = new ArrayList<>();
        Callout urgent = null;
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        var analyzer = new PerFieldAnalyzerWrapper(English.STEMMED, Map.of("plain", English.PLAIN));
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64))) {
            for (Page page : site.pages()) {
                for (Section section : page.sections()) {
                    String heading = heading(page, section);
                    String body = text(section);
                    String callouts = callouts(section);
                    Document doc = new Document();
                    doc.add(new StoredField("n", sectionList.size()));
                    doc.add(new TextField("heading", heading, Field.Store.NO));
                    doc.add(new TextField("title", page.title(), Field.Store.NO));
                    doc.add(new TextField("callout", callouts, Field.Store.NO));
                    doc.add(new TextField("body", body, Field.Store.NO));
                    doc.add(new TextField("plain", heading + " " + body + " " + callouts, Field.Store.NO));
                    writer.addDocument(doc);
                    pageList.add(page);
                    sectionList.add(section);
                    urgent = moreUrgent(urgent, page, section);
                }
            }
            writer.commit();
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setQueryCache(null); // each snapshot has its own index; nothing is shared across them
            return new SearchIndex(site, pageList.toArray(Page[]::new), sectionList.toArray(Section[]::new), searcher,
                    Optional.ofNullable(urgent));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory directory does not fail
        }
    }

    /** {@code best} or the first callout of {@code section} that is more urgent than it. */
    private static Callout moreUrgent(Callout best, Page page, Section section) {
        for (Block block : section.blocks()) {
            if (!(block instanceof Block.Care c)) continue;
            String kind = c.kind();
            if (best == null || urgency(kind) > urgency(best.kind())) {
                best = new Callout(page, section, kind, c.label(), c.title(), c.text());
            }
        }
        return best;
    }


    private static int urgency(String kind) {
        return switch (kind) {
            case "emergency" -> 2;
            case "urgent" -> 1;
            default -> 0;
        };
    }

    /** Number of sections indexed. */
    public int size() {
        return sections.length;
    }

    /** The sections that have any word of {@code query}, best first, with urgent help when it is wanted. */
    public Results search(Query query) {
        if (query.isEmpty()) return new Results(query, 0, false, List.of(), false, Optional.empty());
        // Compatibility forms (full-width letters, ligatures) are searched as the letters they stand for.
        String text = java.text.Normalizer.normalize(query.searched(), java.text.Normalizer.Form.NFKC);
        boolean crisis = CrisisWords.BUNDLED.about(text);
        try {
            List<CharacterRunAutomaton> slips = new ArrayList<>();
            org.apache.lucene.search.Query lucene = luceneQuery(text, slips);
            TopDocs top = searcher.search(lucene, new TopScoreDocCollectorManager(MAX_SHOWN, null, MAX_COUNTED, false));
            org.apache.lucene.analysis.CharArraySet stems = new org.apache.lucene.analysis.CharArraySet(English.terms(English.QUERY, text), false);
            Excerpt.Found found = (stem, written, start, end) -> stems.contains(stem) || !slips.isEmpty()
                    && slips.stream().anyMatch(a -> a.run(written.substring(start, end).toLowerCase(java.util.Locale.ROOT)));
            List<Hit> shown = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                int n = stored.document(hit.doc).getField("n").numericValue().intValue();
                String excerptText = text(sections[n]);
                if (excerptText.isBlank()) excerptText = callouts(sections[n]);
                shown.add(new Hit(pages[n], sections[n], Excerpt.of(excerptText, found)));
            }
            int total = (int) Math.min(top.totalHits.value, MAX_COUNTED);
            boolean more = top.totalHits.relation == org.apache.lucene.search.TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO
                    || top.totalHits.value > MAX_COUNTED;
            return new Results(query, total, more, shown, crisis, crisis || total == 0 ? mostUrgent : Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any word in any field (boosted), the words side by side, and typing slips of words no section has. */
    private org.apache.lucene.search.Query luceneQuery(String text, List<CharacterRunAutomaton> slips) throws IOException {
        QueryBuilder builder = new QueryBuilder(English.QUERY);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (var field : BOOSTS.entrySet()) {
            add(any, builder.createBooleanQuery(field.getKey(), text, BooleanClause.Occur.SHOULD), field.getValue());
        }
        if (English.terms(English.STEMMED, text).size() > 1) {
            QueryBuilder phrases = new QueryBuilder(English.STEMMED);
            add(any, phrases.createPhraseQuery("body", text, 2), PHRASE_BOOST);
            add(any, phrases.createPhraseQuery("heading", text, 2), PHRASE_BOOST);
        }
        for (String word : new HashSet<>(English.terms(English.PLAIN, text))) {
            int length = word.codePointCount(0, word.length());
            if (length < SLIP_FROM || searcher.getIndexReader().docFreq(new Term("plain", word)) > 0) continue;
            int edits = length >= 8 ? 2 : 1;
            add(any, new FuzzyQuery(new Term("plain", word), edits, 1), SLIP_BOOST);
            slips.add(new CharacterRunAutomaton(new LevenshteinAutomata(word, true).toAutomaton(edits)));
        }
        return any.build();
    }

    private static void add(BooleanQuery.Builder builder, org.apache.lucene.search.Query query, float boost) {
        if (query != null) builder.add(new BoostQuery(query, boost), BooleanClause.Occur.SHOULD);
    }
}
