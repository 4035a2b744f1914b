package app.earshot.search;

import app.earshot.content.Block;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inverted index of one content snapshot: every word of every section's heading and text, pointing at the
 * sections that contain it. Built once per snapshot (in one pass over the words; nothing else is kept: excerpts
 * are cut from the section's text when a result is shown), then read by any number of threads.
 */
public final class SearchIndex {
    /** Most results listed on one results page; the count in the heading is always the full number. */
    public static final int MAX_SHOWN = 50;

    private final Site site;
    private final Page[] pages;
    private final Section[] sections;
    /** Every distinct word, sorted, so a prefix is a contiguous range. */
    private final String[] words;
    /** For each word: the sections whose heading has it, ascending. */
    private final int[][] inHeading;
    /** For each word: the sections whose text has it, ascending, and how often (same positions). */
    private final int[][] inText;
    private final int[][] counts;

    /** One section found, with the ranking facts and the excerpt to show. */
    public record Hit(Page page, Section section, int headingWords, Excerpt excerpt) {}

    /** Everything a results page shows: the query, how many sections matched, and the first {@link #MAX_SHOWN}. */
    public record Results(Query query, int total, List<Hit> shown) {}

    private SearchIndex(Site site, Page[] pages, Section[] sections, String[] words, int[][] inHeading, int[][] inText,
                        int[][] counts) {
        this.site = site;
        this.pages = pages;
        this.sections = sections;
        this.words = words;
        this.inHeading = inHeading;
        this.inText = inText;
        this.counts = counts;
    }

    /** The snapshot this index was built from. */
    public Site site() {
        return site;
    }

    /** The heading a section is found by: its own, or for the introduction the page's title. */
    public static String heading(Page page, Section section) {
        return section.introduction() ? page.title() : section.heading();
    }

    /** The running text of a section, blocks joined by spaces, as excerpts are cut from it. */
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

    private static void append(StringBuilder sb, String text) {
        if (text.isBlank()) return;
        if (!sb.isEmpty()) sb.append(' ');
        sb.append(text);
    }

    /** Indexes every section of {@code site}. */
    public static SearchIndex build(Site site) {
        List<Page> pageList = new ArrayList<>();
        List<Section> sectionList = new ArrayList<>();
        for (Page page : site.pages()) {
            for (Section section : page.sections()) {
                pageList.add(page);
                sectionList.add(section);
            }
        }
        Map<String, Postings> heading = new HashMap<>();
        Map<String, Postings> text = new HashMap<>();
        for (int doc = 0; doc < sectionList.size(); doc++) {
            for (Words.Word w : Words.of(heading(pageList.get(doc), sectionList.get(doc)))) {
                heading.computeIfAbsent(w.key(), k -> new Postings()).add(doc);
            }
            for (Words.Word w : Words.of(text(sectionList.get(doc)))) {
                text.computeIfAbsent(w.key(), k -> new Postings()).add(doc);
            }
        }
        java.util.TreeSet<String> all = new java.util.TreeSet<>(heading.keySet());
        all.addAll(text.keySet());
        String[] words = all.toArray(String[]::new);
        int[][] inHeading = new int[words.length][];
        int[][] inText = new int[words.length][];
        int[][] counts = new int[words.length][];
        for (int i = 0; i < words.length; i++) {
            Postings h = heading.get(words[i]);
            Postings t = text.get(words[i]);
            inHeading[i] = h == null ? new int[0] : h.docs();
            inText[i] = t == null ? new int[0] : t.docs();
            counts[i] = t == null ? new int[0] : t.counts();
        }
        return new SearchIndex(site, pageList.toArray(Page[]::new), sectionList.toArray(Section[]::new), words,
                inHeading, inText, counts);
    }

    /** Number of sections indexed. */
    public int size() {
        return sections.length;
    }

    /**
     * The sections that have every word of {@code query} (in their heading or text), those with more of the words
     * in their heading first, then those that use the words more often, then in the library's order.
     */
    public Results search(Query query) {
        if (query.isEmpty()) return new Results(query, 0, List.of());
        int n = sections.length;
        int[] termsFound = new int[n];
        int[] headingTerms = new int[n];
        int[] frequency = new int[n];
        int[] seen = new int[n];
        int[] seenInHeading = new int[n];
        int stamp = 0;
        for (String term : query.terms()) {
            stamp++;
            int from = Arrays.binarySearch(words, term);
            if (from < 0) from = -from - 1;
            for (int w = from; w < words.length && Words.matches(words[w], term); w++) {
                for (int doc : inHeading[w]) {
                    if (seenInHeading[doc] != stamp) {
                        seenInHeading[doc] = stamp;
                        headingTerms[doc]++;
                    }
                    if (seen[doc] != stamp) {
                        seen[doc] = stamp;
                        termsFound[doc]++;
                    }
                }
                int[] docs = inText[w];
                for (int i = 0; i < docs.length; i++) {
                    int doc = docs[i];
                    frequency[doc] += counts[w][i];
                    if (seen[doc] != stamp) {
                        seen[doc] = stamp;
                        termsFound[doc]++;
                    }
                }
            }
        }
        int wanted = query.terms().size();
        // Rank by packing (more heading words, more uses, library order) into one long each and sorting primitives.
        long[] ranked = new long[n];
        int total = 0;
        for (int doc = 0; doc < n; doc++) {
            if (termsFound[doc] != wanted) continue;
            long fewerHeadingWords = Query.MAX_TERMS - Math.min(headingTerms[doc], Query.MAX_TERMS);
            long fewerUses = 0xFFFFFL - Math.min(frequency[doc], 0xFFFFF);
            ranked[total++] = fewerHeadingWords << 52 | fewerUses << 32 | doc;
        }
        Arrays.sort(ranked, 0, total);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_SHOWN, total); i++) found.add((int) (ranked[i] & 0xFFFFFFFFL));
        List<Hit> shown = new ArrayList<>();
        for (int doc : found) {
            shown.add(new Hit(pages[doc], sections[doc], headingTerms[doc], Excerpt.of(text(sections[doc]), query.terms())));
        }
        return new Results(query, total, shown);
    }

    /** The sections one word occurs in, while the index is built; a section is added once with its count. */
    private static final class Postings {
        private int[] docs = new int[4];
        private int[] counts = new int[4];
        private int size;

        void add(int doc) {
            if (size > 0 && docs[size - 1] == doc) {
                counts[size - 1]++;
                return;
            }
            if (size == docs.length) {
                docs = Arrays.copyOf(docs, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            docs[size] = doc;
            counts[size++] = 1;
        }

        int[] docs() {
            return Arrays.copyOf(docs, size);
        }

        int[] counts() {
            return Arrays.copyOf(counts, size);
        }
    }
}
