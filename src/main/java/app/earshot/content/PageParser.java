package app.earshot.content;

import static app.earshot.content.SectionBody.attachCaptions;
import static app.earshot.content.SectionBody.blocks;
import static app.earshot.content.SectionBody.careCards;
import static app.earshot.content.SectionBody.checkImages;
import static app.earshot.content.SectionBody.line;
import static app.earshot.content.SectionBody.plainText;

import app.earshot.messages.Catalogues;
import app.earshot.messages.Messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Parses one page file (YAML front matter, then CommonMark with tables) into a {@link Page}.
 * Every problem is reported as {@code file:line: message}; a page with problems is not returned.
 */
final class PageParser {
    /**
     * Most sections a page may have, the introduction included: about 5 times the bundled page's 11; a 130-section
     * page ran the launcher's 72 MB heap out of memory (issue 19). See docs/content-format.md.
     */
    static final int MAX_SECTIONS = 60;
    /** The one section id a page cannot use: {@code /{page}/transcript} is the whole page's transcript. */
    static final String TRANSCRIPT = "transcript";

    static final String INTRODUCTION_ID = "introduction";
    private static final Pattern EXPLICIT_ID = Pattern.compile("\\s*\\{#([^}\\s]*)\\}\\s*$");

    private final Parser markdown = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    // Front matter is read only while loading, by the one thread that owns this parser (a Yaml is not thread-safe,
    // and making one per page cost a tenth of loading); sections made later on any thread use only the thread-safe
    // CommonMark parser and renderers.
    private final Yaml yaml = frontMatterYaml();
    private final SectionHtmlRenderer pageRenderer = new SectionHtmlRenderer(0);
    private final SectionHtmlRenderer standaloneRenderer = new SectionHtmlRenderer(-1);

    /**
     * A YAML reader for front matter: a key written twice is an error (which title is meant?), and dates stay text, read
     * strictly by {@link FrontMatter}: YAML's timestamps are lenient (2026-02-30 became 2026-03-02, 2026-13-45 a date in 2027).
     */
    static Yaml frontMatterYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        org.yaml.snakeyaml.resolver.Resolver noTimestamps = new org.yaml.snakeyaml.resolver.Resolver() {
            @Override
            public void addImplicitResolver(org.yaml.snakeyaml.nodes.Tag tag, java.util.regex.Pattern regexp, String first, int limit) {
                if (!org.yaml.snakeyaml.nodes.Tag.TIMESTAMP.equals(tag)) super.addImplicitResolver(tag, regexp, first, limit);
            }
        };
        org.yaml.snakeyaml.DumperOptions dumping = new org.yaml.snakeyaml.DumperOptions();
        return new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(dumping), dumping, options, noTimestamps);
    }

    /** Result of parsing: the page, or the problems that stop it from being served. */
    record Result(Page page, List<String> problems) {}

    Result parse(String file, String slug, String source) {
        return parse(file, slug, source, null);
    }

    /**
     * As {@link #parse(String, String, String)}, checking the page's {@code topic} against {@code topics}, the ids
     * {@code site.yaml} lists: a site with topics needs one of them on every page, a site without needs none.
     * {@code null} skips the check (site.yaml itself is broken and reported on its own).
     */
    Result parse(String file, String slug, String source, java.util.Set<String> topics) {
        return parse(file, slug, source, topics, null);
    }

    /**
     * As above, for a site whose language is {@code siteLanguage} (null: English): the words the parser writes into a
     * page (the introduction's heading, care callouts' labels) are in the page's language, else the site's.
     */
    Result parse(String file, String slug, String source, java.util.Set<String> topics, String siteLanguage) {
        Outline outline = outline(file, source, topics, false, siteLanguage);
        if (!outline.problems().isEmpty()) return new Result(null, outline.problems());
        // Everything a page can get wrong has been checked above; its sections' HTML and blocks (most of the cost of
        // a page) are made the first time anything reads them, so loading a library does not render all of it.
        // The front matter is not read again, only the body (kept until then) parsed again and rendered.
        FrontMatter meta = outline.meta();
        Messages words = words(meta.language(), siteLanguage);
        Supplier<List<Section>> sections = () -> {
            List<String> problems = new ArrayList<>();
            List<Section> made = sections(file, markdown.parse(meta.body()), meta.bodyLineOffset(), problems, true, words);
            if (!problems.isEmpty()) throw new IllegalStateException("a checked page has problems now: " + problems);
            return made;
        };
        return new Result(page(slug, meta, new LazySections(outline.sections().size(), sections)), List.of());
    }

    /** The same page as {@link #parse}, with its sections made at once (for tests comparing the two). */
    Result parseEagerly(String file, String slug, String source, java.util.Set<String> topics) {
        Outline outline = outline(file, source, topics, true, null);
        if (!outline.problems().isEmpty()) return new Result(null, outline.problems());
        return new Result(page(slug, outline.meta(), outline.sections()), List.of());
    }

    private static Page page(String slug, FrontMatter meta, List<Section> sections) {
        return new Page(slug, meta.title().strip(), meta.summary().strip(), meta.reviewed(), meta.nextReview(), sections,
                meta.topic(), meta.language(), meta.translationOf(), meta.translationReviewed());
    }

    /**
     * A page read and checked: its front matter, its sections (with HTML and blocks only when {@code render}; else
     * with ids, headings and lines alone) and every problem found, the same problems either way.
     */
    private record Outline(FrontMatter meta, List<Section> sections, List<String> problems) {
        static Outline failed(List<String> problems) {
            return new Outline(null, List.of(), problems);
        }
    }

    /** The interface words of a page in {@code language}, or in the site's when the page names none. */
    private static Messages words(String language, String siteLanguage) {
        return Catalogues.bundled().forLanguage(language == null || language.isEmpty() ? siteLanguage : language);
    }

    private Outline outline(String file, String source, java.util.Set<String> topics, boolean render, String siteLanguage) {
        List<String> problems = new ArrayList<>();
        FrontMatter meta = FrontMatter.read(file, source, topics, yaml, problems);
        if (meta == null) return Outline.failed(problems);
        Node document = markdown.parse(meta.body());
        List<Section> sections = sections(file, document, meta.bodyLineOffset(), problems, render,
                words(meta.language(), siteLanguage));
        if (sections.isEmpty() && problems.isEmpty()) {
            problems.add(file + ":" + (meta.bodyLineOffset() + 1) + ": the page has no content");
        }
        if (!problems.isEmpty()) return Outline.failed(problems);
        return new Outline(meta, sections, List.of());
    }

    /** Splits the document at level-2 headings; text before the first is the introduction. */
    private List<Section> sections(String file, Node document, int lineOffset, List<String> problems, boolean render,
                                   Messages words) {
        Parts parts = split(file, document, lineOffset, problems);
        if (parts.bodies().size() > MAX_SECTIONS) {
            Heading first = parts.headings().get(MAX_SECTIONS);
            int line = first == null ? line(parts.bodies().get(MAX_SECTIONS).get(0), lineOffset) : line(first, lineOffset);
            problems.add(file + ":" + line + ": the page has " + parts.bodies().size() + " sections; the limit is " + MAX_SECTIONS
                    + " (split it into several pages)");
            return List.of();
        }
        List<Section> sections = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        for (int i = 0; i < parts.bodies().size(); i++) {
            sections.add(section(file, parts.headings().get(i), parts.bodies().get(i), lineOffset, seenIds, problems, render,
                    words));
        }
        return sections;
    }

    /** The document's top-level nodes cut at each level-2 heading: each part's heading (null first) and body. */
    private record Parts(List<Heading> headings, List<List<Node>> bodies) {}

    /** Cuts the document into parts, reporting heading levels that skip or repeat the title, images and raw HTML. */
    private Parts split(String file, Node document, int lineOffset, List<String> problems) {
        Parts parts = new Parts(new ArrayList<>(), new ArrayList<>());
        List<Node> current = new ArrayList<>();
        Heading currentHeading = null;
        int previousLevel = 1;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            int line = line(node, lineOffset);
            if (node instanceof Heading h) {
                checkLevel(file, line, h, previousLevel, problems);
                previousLevel = h.getLevel();
                if (h.getLevel() == 2) {
                    if (currentHeading != null || !current.isEmpty()) {
                        parts.bodies().add(current);
                        parts.headings().add(currentHeading);
                    }
                    current = new ArrayList<>();
                    currentHeading = h;
                    continue;
                }
            }
            checkImages(file, node, line, problems);
            if (node instanceof HtmlBlock) {
                problems.add(file + ":" + line + ": raw HTML is not allowed in content; write it as Markdown");
            }
            current.add(node);
        }
        if (currentHeading != null || !current.isEmpty()) {
            parts.bodies().add(current);
            parts.headings().add(currentHeading);
        }
        return parts;
    }

    private static void checkLevel(String file, int line, Heading h, int previousLevel, List<String> problems) {
        if (h.getLevel() == 1) {
            problems.add(file + ":" + line + ": a level-1 heading in the body; the page title is the only level-1 heading (use ## for sections)");
        } else if (h.getLevel() > previousLevel + 1) {
            problems.add(file + ":" + line + ": heading level jumps from " + previousLevel + " to " + h.getLevel()
                    + " ('" + plainText(h) + "'); use level " + (previousLevel + 1));
        }
    }

    /** One section from its heading (null for the introduction) and body, its id checked against {@code seenIds}. */
    private Section section(String file, Heading heading, List<Node> raw, int lineOffset, Map<String, Integer> seenIds,
                            List<String> problems, boolean render, Messages words) {
        int line = heading == null ? line(raw.get(0), lineOffset) : line(heading, lineOffset);
        Named named = heading == null ? new Named(INTRODUCTION_ID, words.get("page.introduction"))
                : named(file, line, heading, problems);
        String id = named.id();
        String headingText = named.text();
        if (id.equals(TRANSCRIPT)) {
            // /{page}/transcript is the page's transcript; a section with this id could never be reached.
            problems.add(file + ":" + line + ": section id 'transcript' is reserved for the page's transcript; set another with {#your-id}");
        }
        Integer firstLine = seenIds.putIfAbsent(id, line);
        if (firstLine != null) {
            problems.add(file + ":" + line + ": duplicate section id '" + id + "' (first used on line " + firstLine + "); set another with {#your-id}");
        }
        List<Node> body = careCards(file, id, attachCaptions(file, id, raw, lineOffset, problems), lineOffset, problems, words);
        if (body.isEmpty()) {
            problems.add(file + ":" + line + ": section '" + headingText + "' is empty");
        }
        return render ? new Section(id, headingText, heading == null, pageRenderer.render(body),
                standaloneRenderer.render(body), blocks(body), line)
                : new Section(id, headingText, heading == null, "", "", List.of(), line);
    }

    /** A section's id and heading text. */
    private record Named(String id, String text) {}

    /** A section heading's id (explicit {#id} or made from the text) and its text without the {#id}. */
    private static Named named(String file, int line, Heading heading, List<String> problems) {
        String headingText = plainText(heading);
        String id;
        Matcher explicit = EXPLICIT_ID.matcher(headingText);
        if (explicit.find()) {
            id = explicit.group(1);
            headingText = headingText.substring(0, explicit.start()).strip();
            if (!Slug.isValid(id)) {
                problems.add(file + ":" + line + ": section id '" + id + "' must be lower-case letters, digits and single hyphens, at most " + Slug.MAX_LENGTH + " characters");
            }
        } else {
            id = Slug.of(headingText);
            if (id.isEmpty()) {
                problems.add(file + ":" + line + ": heading '" + headingText + "' gives an empty id; add one with {#your-id}");
            }
        }
        if (headingText.isBlank()) {
            problems.add(file + ":" + line + ": empty heading");
        }
        return new Named(id, headingText);
    }
}
