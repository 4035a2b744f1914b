package app.earshot.search;

import app.earshot.content.ContentLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The clinic fixture library, its index, and the judged queries asked of it. */
final class Clinic {
    static final Path SITE = Path.of("src/test/resources/clinic");

    /** One judged query: what a patient typed, and the sections (page/section) that answer it. */
    record Judged(String query, List<String> answers) {}

    private Clinic() {}

    static SearchIndex index() {
        try {
            return SearchIndex.build(new ContentLoader().load(SITE));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lines of {@code name} under src/test/resources/search, without comments and blanks. */
    static List<String> lines(String name) {
        return lines(Path.of("src/test/resources/search", name));
    }

    /** Lines of {@code file}, without comments and blanks. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The judged set: one query a line, a tab, then the answering sections separated by spaces. */
    static List<Judged> judged() {
        return judged(Path.of("src/test/resources/search/judged-queries.tsv"));
    }

    /** A judged set in the same form, from {@code file}. */
    static List<Judged> judged(Path file) {
        List<Judged> judged = new ArrayList<>();
        for (String line : lines(file)) {
            String[] cells = line.split("\t");
            judged.add(new Judged(cells[0], Arrays.asList(cells[1].trim().split(" +"))));
        }
        return judged;
    }

    /** The first {@code n} results of {@code query}, as page/section. */
    static List<String> top(SearchIndex index, String query, int n) {
        return top(index, query, index.site().language(), n);
    }

    /** The first {@code n} results of {@code query} for a reader of {@code language}, as page/section. */
    static List<String> top(SearchIndex index, String query, String language, int n) {
        return index.search(Query.parse(query), language).shown().stream().limit(n)
                .map(h -> h.page().slug() + "/" + h.section().id()).toList();
    }
}
