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
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

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
        SiteSettings settings = loadSettings(root.resolve("site.yaml"), problems);
        List<Page> pages = new ArrayList<>();
        Path pagesDir = root.resolve("pages");
        if (!Files.isDirectory(pagesDir)) {
            problems.add(pagesDir + ":1: pages folder not found; put one Markdown file per page in it");
        } else {
            java.util.Set<String> topicIds = settings == null || settings.topics == null ? null
                    : settings.topics.stream().map(Topic::id).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
            for (Parsed parsed : parseAll(markdownFiles(pagesDir, problems), topicIds, settings == null ? null : settings.language)) {
                problems.addAll(parsed.problems());
                if (parsed.page() != null) pages.add(parsed.page());
            }
            if (pages.isEmpty() && problems.isEmpty()) {
                problems.add(pagesDir + ":1: no pages: add at least one .md file");
            }
        }
        if (settings != null && settings.languages != null) {
            pages.replaceAll(page -> page.inLanguage(settings.language));
            checkLanguages(pagesDir, pages, settings.languages, problems);
        }
        if (!problems.isEmpty() || settings == null) throw new ContentException(problems);
        pages.sort(Comparator.comparing(Page::slug));
        return new Site(settings.title, settings.language, settings.organisation, settings.description,
                settings.speech, pages, settings.baseUrl, settings.podcast, settings.topics, settings.languages);
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
            return lineOf(Files.readString(file, StandardCharsets.UTF_8), key);
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

    private record SiteSettings(String title, String language, String organisation, String description,
                                SpeechSettings speech, String baseUrl, PodcastSettings podcast, List<Topic> topics,
                                List<String> languages) {}

    private static List<Path> markdownFiles(Path pagesDir, List<String> problems) {
        try (Stream<Path> files = Files.list(pagesDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
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

    private static String readUtf8(Path file, List<String> problems) {
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

    private static SiteSettings loadSettings(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + ":1: site.yaml not found; it needs title, language and organisation");
            return null;
        }
        String text = readUtf8(file, problems);
        if (text == null) return null;
        Map<String, Object> yaml;
        try {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (!(loaded instanceof Map<?, ?> map)) {
                problems.add(file + ":1: site.yaml must be key: value pairs");
                return null;
            }
            yaml = new HashMap<>();
            map.forEach((k, v) -> yaml.put(String.valueOf(k), v));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(file + ":" + (mark == null ? 1 : mark.getLine() + 1) + ": broken YAML: " + e.getProblem());
            return null;
        } catch (YAMLException e) {
            problems.add(file + ":1: broken YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
        String title = text(yaml.get("title"));
        if (title.isBlank()) problems.add(file + ":" + lineOf(text, "title") + ": missing title");
        String language = text(yaml.get("language"));
        if (language.isBlank()) {
            problems.add(file + ":" + lineOf(text, "language") + ": missing language (a BCP 47 tag such as en or en-GB)");
        } else {
            try {
                new Locale.Builder().setLanguageTag(language);
            } catch (IllformedLocaleException e) {
                problems.add(file + ":" + lineOf(text, "language") + ": language '" + language + "' is not a BCP 47 tag");
            }
        }
        String organisation = text(yaml.get("organisation"));
        if (organisation.isBlank()) problems.add(file + ":" + lineOf(text, "organisation") + ": missing organisation");
        SpeechSettings speech = speech(file, text, yaml.get("speech"), problems);
        String baseUrl = "";
        if (yaml.get("base-url") != null) {
            try {
                baseUrl = Site.checkBaseUrl(text(yaml.get("base-url")));
            } catch (IllegalArgumentException e) {
                problems.add(file + ":" + lineOf(text, "base-url") + ": " + e.getMessage());
            }
        }
        List<Topic> topics = topics(file, text, language.strip(), yaml.get("topics"), problems);
        PodcastSettings podcast = podcast(file, text, yaml.get("podcast"), organisation.strip(), problems);
        List<String> languages = languages(file, text, language.strip(), yaml.get("languages"), problems);
        return new SiteSettings(title.strip(), language.strip(), organisation.strip(),
                text(yaml.get("description")).strip(), speech, baseUrl, podcast, topics, languages);
    }

    /** The {@code podcast} block: {@code owner}, {@code email} and {@code artwork} (a file name in the content folder). */
    private static PodcastSettings podcast(Path file, String text, Object value, String organisation, List<String> problems) {
        if (value == null) return PodcastSettings.defaults(organisation);
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(file + ":" + lineOf(text, "podcast") + ": podcast must be a block with owner, email and artwork");
            return PodcastSettings.defaults(organisation);
        }
        String owner = text(map.get("owner")).strip();
        String email = text(map.get("email")).strip();
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(file + ":" + lineOf(text, "email") + ": podcast email '" + email + "' is not an e-mail address");
        }
        String artwork = text(map.get("artwork")).strip();
        java.util.Optional<PodcastSettings.Artwork> art = java.util.Optional.empty();
        if (!artwork.isEmpty()) {
            // A plain file name: the artwork lives in the content folder, never elsewhere.
            if (!artwork.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,100}") || artwork.contains("..")) {
                problems.add(file + ":" + lineOf(text, "artwork") + ": podcast artwork must be a file name in the content folder");
            } else {
                art = ArtworkCheck.check(file.resolveSibling(artwork), problems);
            }
        }
        return new PodcastSettings(owner.isEmpty() ? organisation : owner, email, art);
    }

    /**
     * The {@code languages} list: BCP 47 tags the site publishes in, each once; the site's {@code language} is one of
     * them whether listed or not. Null when the list has problems (pages are then not checked against it).
     */
    private static List<String> languages(Path file, String text, String language, Object value, List<String> problems) {
        if (value == null) return List.of(language);
        int line = lineOf(text, "languages");
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            problems.add(file + ":" + line + ": languages must be a list of BCP 47 tags, such as '[en, es]'");
            return null;
        }
        List<String> tags = new ArrayList<>();
        boolean failed = false;
        for (Object item : items) {
            String tag = text(item).strip();
            if (!Languages.isTag(tag)) {
                problems.add(file + ":" + line + ": languages lists '" + tag + "', which is not a BCP 47 tag (such as en or es)");
                failed = true;
            } else if (tags.contains(tag)) {
                problems.add(file + ":" + line + ": languages lists '" + tag + "' twice");
                failed = true;
            } else {
                tags.add(tag);
            }
        }
        return failed ? null : Languages.withFirst(language, tags);
    }

    /**
     * The {@code topics} list: each item an {@code id} (a slug, unique) and a {@code title}; absent means no topics.
     * Null when the list itself has problems, so pages are not also blamed for naming a topic it failed to define.
     */
    private static List<Topic> topics(Path file, String text, String language, Object value, List<String> problems) {
        if (value == null) return List.of();
        int line = lineOf(text, "topics");
        if (!(value instanceof List<?> items) || items.isEmpty()) {
            problems.add(file + ":" + line + ": topics must be a list of items with id and title, such as"
                    + " '- id: aftercare' then '  title: Aftercare'");
            return null;
        }
        List<Topic> topics = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        boolean failed = false;
        int searchFrom = line;
        for (Object item : items) {
            String id = item instanceof Map<?, ?> m ? text(m.get("id")).strip() : "";
            Object named = item instanceof Map<?, ?> m ? m.get("title") : null;
            // A title per language ({en: Treatments, es: Tratamientos}): the site's language's is the topic's title.
            Map<String, String> titles = new java.util.LinkedHashMap<>();
            if (named instanceof Map<?, ?> byLanguage) byLanguage.forEach((k, v) -> titles.put(text(k).strip(), text(v).strip()));
            String title = named instanceof Map<?, ?> ? titles.getOrDefault(language, "") : text(named).strip();
            int at = lineOf(text, "- ", line, searchFrom);
            searchFrom = at;
            if (!Slug.isValid(id)) {
                problems.add(file + ":" + at + ": topic id '" + id + "' must be lower-case letters, digits and single hyphens");
            } else if (!seen.add(id)) {
                problems.add(file + ":" + at + ": topic '" + id + "' is listed twice");
            } else if (title.isEmpty() && !titles.isEmpty()) {
                problems.add(file + ":" + at + ": topic '" + id + "' needs a title in '" + language + "', the site's language");
            } else if (title.isEmpty()) {
                problems.add(file + ":" + at + ": topic '" + id + "' needs a title");
            } else {
                topics.add(new Topic(id, title, titles));
                continue;
            }
            failed = true;
        }
        return failed ? null : topics;
    }

    private static SpeechSettings speech(Path file, String text, Object value, List<String> problems) {
        if (value == null) return SpeechSettings.DEFAULT;
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(file + ":" + lineOf(text, "speech") + ": speech must be a block with voice, rate and pitch");
            return SpeechSettings.DEFAULT;
        }
        String voice = map.get("voice") == null ? SpeechSettings.DEFAULT.voice() : String.valueOf(map.get("voice"));
        int rate = number(file, text, "rate", "rate", map.get("rate"), SpeechSettings.DEFAULT.rate(), problems);
        int pitch = (int) SpeechSettings.DEFAULT.pitch();
        if (map.get("pitch") != null) {
            if (map.get("pitch") instanceof Number n && n.intValue() >= 50 && n.intValue() <= 300) {
                pitch = n.intValue();
            } else {
                problems.add(file + ":" + lineOf(text, "pitch") + ": speech pitch must be a number from 50 to 300, not " + map.get("pitch"));
            }
        }
        Object ratesValue = map.get("rates");
        if (ratesValue == null) return new SpeechSettings(voice, rate, pitch);
        if (!(ratesValue instanceof Map<?, ?> rates)) {
            problems.add(file + ":" + lineOf(text, "rates") + ": speech rates must be a block with slower, normal and faster (words per minute)");
            return new SpeechSettings(voice, rate, pitch);
        }
        for (Object key : rates.keySet()) {
            if (!List.of("slower", "normal", "faster").contains(String.valueOf(key))) {
                problems.add(file + ":" + lineOf(text, String.valueOf(key)) + ": speech rates has slower, normal and faster only, not '" + key + "'");
            }
        }
        int normal = rate;
        if (rates.get("normal") != null) {
            normal = number(file, text, "normal", "rates.normal", rates.get("normal"), rate, problems);
            if (map.get("rate") != null && normal != rate) {
                problems.add(file + ":" + lineOf(text, "rate") + ": speech rate " + rate + " and rates.normal " + normal
                        + " disagree; give the normal rate once");
            }
        }
        int slower = number(file, text, "slower", "rates.slower", rates.get("slower"), SpeechSettings.defaultSlower(normal), problems);
        int faster = number(file, text, "faster", "rates.faster", rates.get("faster"), SpeechSettings.defaultFaster(normal), problems);
        if (!(slower < normal && normal < faster)) {
            problems.add(file + ":" + lineOf(text, "rates") + ": speech rates must rise from slower to faster, not "
                    + slower + ", " + normal + ", " + faster);
        }
        return new SpeechSettings(voice, normal, pitch, slower, faster);
    }

    /** A speaking rate in words per minute, 60 to 400; {@code key} is the YAML key, {@code name} how messages call it. */
    private static int number(Path file, String text, String key, String name, Object value, int fallback,
                              List<String> problems) {
        if (value == null) return fallback;
        if (value instanceof Number n && n.intValue() >= 60 && n.intValue() <= 400) return n.intValue();
        problems.add(file + ":" + lineOf(text, key) + ": speech " + name + " must be a number from 60 to 400, not " + value);
        return fallback;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith(key + ":")) return i + 1;
        }
        return 1;
    }

    /** The first line after line {@code after} that starts (after indentation) with {@code start}; {@code fallback} if none. */
    private static int lineOf(String text, String start, int fallback, int after) {
        String[] lines = text.split("\n", -1);
        for (int i = after; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith(start)) return i + 1;
        }
        return fallback;
    }
}
