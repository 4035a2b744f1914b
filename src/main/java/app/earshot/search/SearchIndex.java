package app.earshot.search;

import app.earshot.content.Block;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * away. Each language's pages have an index of their own, cut into words by that language's analysis (for Spanish:
 * its stemming, stop words and accent folding; see {@code Analysis}): a search is read the way the reader's
 * language is, and finds that language's pages, or the other languages' when that language has none. Built once per
 * snapshot, then read by any number of threads.
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
    /** One shelf per language that has pages: the site's language first, then the site's other languages in order. */
    private final Map<String, Shelf> shelves;

    /** What one shelf found: how many, whether there were more, and the first {@link #MAX_SHOWN}. */
    private record Matches(int total, boolean more, List<Hit> shown) {}

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
     * @param urgentHelp the most urgent callout in the reader's language, when the search is about crisis or found nothing
     * @param asked      the reader's language (BCP 47), the one the search was read in
     * @param language   the language of the sections found: {@code asked}, or another when no page in {@code asked}
     *                   has any of the words (then every shown section is in that one other language)
     */
    public record Results(Query query, int total, boolean more, List<Hit> shown, boolean crisis,
                          Optional<Callout> urgentHelp, String asked, String language) {
        /** Whether the results are in another language than the reader's, because the reader's had none. */
        public boolean elsewhere() {
            return !asked.equals(language);
        }
    }

    private SearchIndex(Site site, Map<String, Shelf> shelves) {
        this.site = site;
        this.shelves = shelves;
    }

    /** The snapshot this index was built from. */
    public Site site() {
        return site;
    }

    /** The site's most urgent care callout (emergency before urgent before non-urgent, then the first), if any. */
    public Optional<Callout> mostUrgent() {
        return mostUrgent(site.language());
    }

    /**
     * The most urgent care callout of the pages in {@code language}; when those pages have none (or there are no
     * such pages), the first language's in site order that has one: urgent help is never left out for want of a
     * translation.
     */
    public Optional<Callout> mostUrgent(String language) {
        Shelf own = shelves.get(language);
        if (own != null && own.mostUrgent().isPresent()) return own.mostUrgent();
        return shelves.values().stream().map(Shelf::mostUrgent).flatMap(Optional::stream).findFirst();
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

    /** Indexes every section of {@code site}, each language's pages apart. */
    public static SearchIndex build(Site site) {
        Map<String, List<Page>> byLanguage = new LinkedHashMap<>();
        for (String language : site.languages()) byLanguage.put(language, new ArrayList<>());
        for (Page page : site.pages()) {
            byLanguage.computeIfAbsent(page.language().isEmpty() ? site.language() : page.language(), l -> new ArrayList<>()).add(page);
        }
        Map<String, Shelf> shelves = new LinkedHashMap<>();
        byLanguage.forEach((language, pages) -> {
            if (!pages.isEmpty()) shelves.put(language, shelf(language, pages));
        });
        return new SearchIndex(site, java.util.Collections.unmodifiableMap(shelves));
    }

    /** The index of {@code pages}, all in {@code language}. */
    private static Shelf shelf(String language, List<Page> pages) {
        Analysis analysis = Analysis.of(language);
        List<Page> pageList = new ArrayList<>();
        List<Section> sectionList = new ArrayList<>();
        Callout urgent = null;
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        var analyzer = new PerFieldAnalyzerWrapper(analysis.stemmed(), Map.of("plain", analysis.plain()));
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64))) {
            for (Page page : pages) {
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
            return new Shelf(language, analysis, pageList.toArray(Page[]::new), sectionList.toArray(Section[]::new),
                    searcher, Optional.ofNullable(urgent));
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
        return shelves.values().stream().mapToInt(shelf -> shelf.sections().length).sum();
    }

    /** The sections that have any word of {@code query}, read in the site's language: {@link #search(Query, String)}. */
    public Results search(Query query) {
        return search(query, site.language());
    }

    /**
     * The sections in {@code language} (the reader's) that have any word of {@code query}, read the way that language
     * is, best first; when none has, those of the first other language in site order that has any. Urgent help comes
     * with a search about crisis and with a search that found nothing: in the reader's language when the reader's
     * language's crisis words or the site language's take the search for one, or nothing was found; else, when another
     * of the site's languages' crisis words do ("suicidio" typed in an English page's search box), in that language.
     */
    public Results search(Query query, String language) {
        if (query.isEmpty()) return new Results(query, 0, false, List.of(), false, Optional.empty(), language, language);
        // Compatibility forms (full-width letters, ligatures) are searched as the letters they stand for.
        String text = java.text.Normalizer.normalize(query.searched(), java.text.Normalizer.Form.NFKC);
        String crisisIn = Analysis.of(language).crisis().about(text) || Analysis.of(site.language()).crisis().about(text)
                ? language
                : shelves.keySet().stream().filter(other -> Analysis.of(other).crisis().about(text)).findFirst().orElse(null);
        boolean crisis = crisisIn != null;
        try {
            Shelf own = shelves.get(language);
            Matches found = own == null ? new Matches(0, false, List.of()) : own.find(text);
            String foundIn = language;
            for (Shelf other : shelves.values()) {
                if (found.total() > 0) break;
                if (other == own) continue;
                found = other.find(text);
                foundIn = other.language();
            }
            if (found.total() == 0) foundIn = language;
            return new Results(query, found.total(), found.more(), found.shown(), crisis,
                    crisis ? mostUrgent(crisisIn) : found.total() == 0 ? mostUrgent(language) : Optional.empty(), language, foundIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index of one language's sections, read with that language's analysis. */
    private record Shelf(String language, Analysis analysis, Page[] pages, Section[] sections, IndexSearcher searcher,
                         Optional<Callout> mostUrgent) {
        /** The sections of this shelf that have any word of {@code text}, best first. */
        Matches find(String text) throws IOException {
            List<CharacterRunAutomaton> slips = new ArrayList<>();
            org.apache.lucene.search.Query lucene = luceneQuery(text, slips);
            TopDocs top = searcher.search(lucene, new TopScoreDocCollectorManager(MAX_SHOWN, null, MAX_COUNTED, false));
            org.apache.lucene.analysis.CharArraySet stems =
                    new org.apache.lucene.analysis.CharArraySet(English.terms(analysis.query(), text), false);
            Excerpt.Found found = (stem, written, start, end) -> stems.contains(stem) || !slips.isEmpty()
                    && slips.stream().anyMatch(a -> a.run(written.substring(start, end).toLowerCase(java.util.Locale.ROOT)));
            List<Hit> shown = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                int n = stored.document(hit.doc).getField("n").numericValue().intValue();
                String excerptText = text(sections[n]);
                if (excerptText.isBlank()) excerptText = callouts(sections[n]);
                shown.add(new Hit(pages[n], sections[n], Excerpt.of(excerptText, found, analysis.stemmed())));
            }
            int total = (int) Math.min(top.totalHits.value, MAX_COUNTED);
            boolean more = top.totalHits.relation == org.apache.lucene.search.TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO
                    || top.totalHits.value > MAX_COUNTED;
            return new Matches(total, more, shown);
        }

        /** Any word in any field (boosted), the words side by side, and typing slips of words no section has. */
        private org.apache.lucene.search.Query luceneQuery(String text, List<CharacterRunAutomaton> slips) throws IOException {
            QueryBuilder builder = new QueryBuilder(analysis.query());
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (var field : BOOSTS.entrySet()) {
                add(any, builder.createBooleanQuery(field.getKey(), text, BooleanClause.Occur.SHOULD), field.getValue());
            }
            if (English.terms(analysis.stemmed(), text).size() > 1) {
                QueryBuilder phrases = new QueryBuilder(analysis.stemmed());
                add(any, phrases.createPhraseQuery("body", text, 2), PHRASE_BOOST);
                add(any, phrases.createPhraseQuery("heading", text, 2), PHRASE_BOOST);
            }
            for (String word : new HashSet<>(English.terms(analysis.plain(), text))) {
                int length = word.codePointCount(0, word.length());
                if (length < SLIP_FROM || searcher.getIndexReader().docFreq(new Term("plain", word)) > 0) continue;
                int edits = length >= 8 ? 2 : 1;
                add(any, new FuzzyQuery(new Term("plain", word), edits, 1), SLIP_BOOST);
                slips.add(new CharacterRunAutomaton(new LevenshteinAutomata(word, true).toAutomaton(edits)));
            }
            return any.build();
        }
    }

    private static void add(BooleanQuery.Builder builder, org.apache.lucene.search.Query query, float boost) {
        if (query != null) builder.add(new BoostQuery(query, boost), BooleanClause.Occur.SHOULD);
    }
}
