package app.earshot.content;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a content folder ({@code site.yaml} and {@code pages/*.md}) into an immutable {@link Site}.
 * All problems across all files are collected and thrown together as one {@link ContentException},
 * each as {@code file:line: message}; nothing partial is ever returned.
 */
public final class ContentLoader {
    /** First path segments the server uses itself; a page with one of these names could never be reached. */
    public static final java.util.SortedSet<String> RESERVED_SLUGS = java.util.Collections.unmodifiableSortedSet(
            new java.util.TreeSet<>(List.of("api", "audio", "healthz", "ivr", "metrics", "preview", "search", "static", "telephony", "feed",
                    // Second segments of the site-wide phone line: /telephony/prompts/... and /ivr/twiml.
                    "prompts", "twiml")));

    /**
     * Largest page file accepted, in bytes: about 40 times the bundled page (4.7 KB), far more than a patient reads
     * in one sitting; a 1 MB page ran the launcher's 72 MB heap out of memory (issue 19). See docs/content-format.md.
     */
    public static final int MAX_PAGE_BYTES = 200_000;

    private final PageParser pageParser = new PageParser();

    /** Loads {@code dir}; throws with every problem found if the content cannot be served as it is. */
    public Site load(Path dir) throws ContentException {
        List<String> problems = new ArrayList<>();
        Path root = dir.normalize();
        if (!Files.isDirectory(root)) {
            throw new ContentException(List.of(root + ":1: content folder not found"));
        }
        List<String> outside = linksOutside(root);
        if (!outside.isEmpty()) throw new ContentException(outside);
        SiteYaml.Settings settings = SiteYaml.load(root.resolve("site.yaml"), problems);
        List<Page> pages = new ArrayList<>();
        Path pagesDir = root.resolve("pages");
        if (!Files.isDirectory(pagesDir)) {
            problems.add(pagesDir + ":1: pages folder not found; put one Markdown file per page in it");
        } else {
            java.util.Set<String> topicIds = settings == null || settings.topics() == null ? null
                    : settings.topics().stream().map(Topic::id).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
            for (Parsed parsed : parseAll(markdownFiles(pagesDir, problems), topicIds, settings == null ? null : settings.language())) {
                problems.addAll(parsed.problems());
                if (parsed.page() != null) pages.add(parsed.page());
            }
            if (pages.isEmpty() && problems.isEmpty()) {
                problems.add(pagesDir + ":1: no pages: add at least one .md file");
            }
        }
        if (settings != null && settings.languages() != null) {
            pages.replaceAll(page -> page.inLanguage(settings.language()));
            checkLanguages(pagesDir, pages, settings.languages(), problems);
        }
        if (!problems.isEmpty() || settings == null) throw new ContentException(problems);
        pages.sort(Comparator.comparing(Page::slug));
        return new Site(settings.title(), settings.language(), settings.organisation(), settings.description(),
                settings.speech(), pages, settings.baseUrl(), settings.podcast(), settings.topics(), settings.languages());
    }

    /**
     * Checks what pages say about their language against each other and site.yaml: each page's language is one the
     * site lists, and {@code translation-of} names another page, in another language, that is not itself a
     * translation (translations point at the page written first, so a set of translations is one page and its
     * translations), with at most one translation per language.
     */
    private static void checkLanguages(Path pagesDir, List<Page> pages, List<String> languages, List<String> problems) {
        Map<String, Page> bySlug = new HashMap<>();
        for (Page page : pages) bySlug.put(page.slug(), page);
        java.util.Set<String> translated = new java.util.HashSet<>();
        for (Page page : pages) {
            Path file = pagesDir.resolve(page.slug() + ".md");
            // /es/ is the Spanish home page: a page may not take the address of a language's home.
            for (String tag : languages.subList(1, languages.size())) {
                if (tag.equalsIgnoreCase(page.slug())) {
                    problems.add(file + ":1: the address /" + page.slug() + " is the home page of the site's pages in '"
                            + tag + "'; rename the file");
                }
            }
            if (!languages.contains(page.language())) {
                problems.add(file + ":" + frontMatterLine(file, "language") + ": language '" + page.language()
                        + "' is not one of the site's languages (" + String.join(", ", languages)
                        + "); add it to languages in site.yaml");
            }
            if (!page.isTranslation()) continue;
            int line = frontMatterLine(file, "translation-of");
            Page source = bySlug.get(page.translationOf());
            if (source == null) {
                problems.add(file + ":" + line + ": translation-of '" + page.translationOf() + "' is not a page here");
            } else if (source == page) {
                problems.add(file + ":" + line + ": a page cannot be a translation of itself");
            } else if (source.isTranslation()) {
                problems.add(file + ":" + line + ": '" + source.slug() + "' is itself a translation of '"
                        + source.translationOf() + "'; name that page instead");
            } else if (source.language().equals(page.language())) {
                problems.add(file + ":" + line + ": this page and '" + source.slug() + "' are both in '"
                        + page.language() + "'; a translation is in another language");
            } else if (!translated.add(source.slug() + " " + page.language())) {
                problems.add(file + ":" + line + ": '" + source.slug() + "' already has a translation in '"
                        + page.language() + "'");
            }
        }
    }

    /** The line of {@code key} in the front matter of {@code file} (1 when it cannot be found or read). */
    static int frontMatterLine(Path file, String key) {
        try {
            return SiteYaml.lineOf(Files.readString(file, StandardCharsets.UTF_8), key);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** One file's outcome: its page, or the problems that keep it from being served. */
    private record Parsed(Page page, List<String> problems) {}

    /** Files per parsing thread below which one thread is quicker than starting more. */
    private static final int FILES_PER_THREAD = 64;

    /**
     * Parses {@code files} on every core, each thread with its own parser, keeping the files' order: loading is the
     * one start-up step that grows with the library, so it uses the whole machine.
     */
    private List<Parsed> parseAll(List<Path> files, java.util.Set<String> topicIds, String siteLanguage) {
        Parsed[] parsed = new Parsed[files.size()];
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size() / FILES_PER_THREAD));
        if (threads == 1) {
            for (int i = 0; i < parsed.length; i++) parsed[i] = parse(files.get(i), pageParser, topicIds, siteLanguage);
            return List.of(parsed);
        }
        List<Thread> workers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                try {
                    PageParser parser = new PageParser();
                    for (int i = first; i < parsed.length; i += threads) parsed[i] = parse(files.get(i), parser, topicIds, siteLanguage);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "earshot-load-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading content", e);
            }
        }
        if (failure.get() != null) throw failure.get();
        return List.of(parsed);
    }

    private static Parsed parse(Path file, PageParser parser, java.util.Set<String> topicIds, String siteLanguage) {
        List<String> problems = new ArrayList<>();
        String name = file.getFileName().toString();
        String slug = name.substring(0, name.length() - ".md".length());
        if (!Slug.isValid(slug)) {
            problems.add(file + ":1: file name '" + name + "' must be a slug: lower-case letters, digits and single hyphens");
            return new Parsed(null, problems);
        }
        if (RESERVED_SLUGS.contains(slug)) {
            problems.add(file + ":1: '" + slug + "' is a reserved address (" + String.join(", ", RESERVED_SLUGS)
                    + "); rename the file");
            return new Parsed(null, problems);
        }
        if (tooBig(file, problems)) return new Parsed(null, problems);
        String source = readUtf8(file, problems);
        if (source == null) return new Parsed(null, problems);
        PageParser.Result result = parser.parse(file.toString(), slug, source, topicIds, siteLanguage);
        return new Parsed(result.page(), result.problems());
    }

    /**
     * A problem for each symbolic link among what Earshot reads from {@code root} (its own files, and those in
     * {@code pages/} and {@code messages/}, and those two folders) that leads outside it: content is read only from
     * inside the content folder, so a link to another file on the server (a cloned repository's, a careless
     * {@code ln -s}) never gets it published or echoed in a problem. Links that stay inside are fine, and so is a
     * content folder that is itself a link (an atomic deploy). Hidden files are skipped, as everywhere (an editor's
     * lock is a dangling link). Call before reading anything.
     */
    public static List<String> linksOutside(Path root) {
        List<String> problems = new ArrayList<>();
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            return List.of(root + ":1: content folder cannot be read: " + e.getMessage());
        }
        List<Path> read = new ArrayList<>(children(root));
        for (String folder : List.of("pages", "messages")) {
            Path dir = root.resolve(folder);
            if (!Files.isSymbolicLink(dir) && Files.isDirectory(dir)) read.addAll(children(dir));
        }
        for (Path file : read) {
            if (!Files.isSymbolicLink(file) || file.getFileName().toString().startsWith(".")) continue;
            Path target;
            try {
                target = file.toRealPath();
            } catch (IOException e) {
                continue; // a dangling link is no file: reading it fails as a missing file would
            }
            if (!target.startsWith(real)) {
                problems.add(file + ":1: a link to a file outside the content folder; content is read only from inside it "
                        + "(copy the file in instead of linking to it)");
            }
        }
        return problems;
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> markdownFiles(Path pagesDir, List<String> problems) {
        try (Stream<Path> files = Files.list(pagesDir)) {
            // Hidden files are not pages: an editor's lock (Emacs' .#page.md) or a Mac's ._page.md on a shared drive.
            return files.filter(p -> p.getFileName().toString().endsWith(".md") && !p.getFileName().toString().startsWith(".")
                            && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(pagesDir + ":1: cannot list pages: " + e.getMessage());
            return List.of();
        }
    }

    /** Refuses a page above {@link #MAX_PAGE_BYTES} before reading it, so its size never reaches the heap. */
    private static boolean tooBig(Path file, List<String> problems) {
        try {
            long size = Files.size(file);
            if (size <= MAX_PAGE_BYTES) return false;
            problems.add(file + ":1: page is " + size + " bytes; the limit is " + MAX_PAGE_BYTES
                    + " bytes (split it into several pages)");
        } catch (IOException e) {
            problems.add(file + ":1: cannot read: " + e.getMessage());
        }
        return true;
    }

    /** The file's text, or null (with the reason in {@code problems}) when it cannot be read or is not UTF-8. */
    static String readUtf8(Path file, List<String> problems) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(file + ":1: not valid UTF-8 text");
        } catch (IOException e) {
            problems.add(file + ":1: cannot read: " + e.getMessage());
        }
        return null;
    }
}
