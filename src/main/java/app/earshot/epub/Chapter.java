package app.earshot.epub;

import app.earshot.content.Block;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.speech.Captions;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * One section as an EPUB content document's body, with every stretch of text that the narration says in one go
 * marked by an id and timed: each sentence where written and spoken sentences can be paired, else the whole block.
 *
 * <p>Pairing works by structure, not by words (captions show "70 percent" where the page says "70%"): the script has
 * one paragraph per block (the heading first; a table's caption, then one per row), cues never cross a paragraph, so
 * the cues of each paragraph belong to one element. Within it, when the written text has as many sentences as the
 * cues make, sentence N is timed by cue-sentence N; otherwise the element is timed as one piece. A list is paired
 * item by item the same way. Elements the narration does not reach (a table's header row) get no timing.
 *
 * @param body     the section: a {@code section} element holding an {@code h1} and the written body
 * @param anchors  ids in document order, each with its stretch of the section's audio
 * @param headings the body's sub-headings ({@code h2}-{@code h6}), each with an id, for the navigation document
 */
record Chapter(Element body, List<Anchor> anchors, List<Heading> headings) {

    /** An element of the body and when the narration says it (seconds from the start of the section's audio). */
    record Anchor(String id, double start, double end) {}

    /** A sub-heading and its id. */
    record Heading(int level, String id, String text) {}

    private static final Pattern SAFE_LINK = Pattern.compile("(?i)(https?|mailto):.*");
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][-A-Za-z0-9_.]*");

    /**
     * The chapter for {@code section}: its written text ({@link Section#standaloneHtml()}) marked up for
     * {@code passages} (the script's paragraphs, from {@link ScriptWriter#passages}) timed by {@code cues}.
     */
    static Chapter of(Page page, Section section, List<ScriptWriter.Passage> passages, List<Captions.Cue> cues) {
        Document doc = Jsoup.parseBodyFragment(section.standaloneHtml());
        Element written = doc.body();
        makePortable(written);
        List<Element> blocks = blocks(written);
        // The parser makes one block per element with text; if that ever differs, only the heading is paired.
        boolean paired = blocks.size() == section.blocks().size();

        Element body = doc.createElement("section");
        Element h1 = body.appendElement("h1").text(section.introduction() ? page.title() : section.heading());
        for (Node node : new ArrayList<>(written.childNodes())) body.appendChild(node);
        Ids ids = new Ids(body);
        ids.ensure(h1);
        body.attr("aria-labelledby", h1.id());

        List<Anchor> anchors = anchor(h1, blocks, paired, section, passages, cues, ids);

        List<Heading> headings = new ArrayList<>();
        for (Element h : body.select("h2, h3, h4, h5, h6")) {
            ids.ensure(h);
            headings.add(new Heading(Integer.parseInt(h.tagName().substring(1)), h.id(), h.text()));
        }
        // Last, so no other id moves: the section's own, which its Media Overlay's epub:textref names.
        ids.ensure(body);
        return new Chapter(body, anchors, headings);
    }

    /** The elements of a section's written body that hold text, one per block of the content model. */
    static List<Element> blocks(Element written) {
        List<Element> blocks = new ArrayList<>();
        for (Element child : written.children()) {
            if (!child.text().isBlank()) blocks.add(child);
        }
        return blocks;
    }

    /**
     * Marks the written body for {@code passages} timed by {@code cues}: the pairing both the book's Media Overlays
     * and the web page's read-along use. {@code heading} (or null when the heading is not part of the body) gets the
     * heading passage's timing.
     */
    static List<Anchor> anchor(Element heading, List<Element> blocks, boolean paired, Section section,
                               List<ScriptWriter.Passage> passages, List<Captions.Cue> cues, Ids ids) {
        List<Anchor> anchors = new ArrayList<>();
        List<List<Captions.Cue>> grouped = group(passages, cues);
        for (int p = 0; p < passages.size(); p++) {
            ScriptWriter.Passage passage = passages.get(p);
            List<Captions.Cue> heard = grouped.get(p);
            if (heard.isEmpty()) continue;
            Element element;
            if (passage.block() < 0) {
                element = heading;
            } else if (paired && passage.block() < blocks.size()) {
                element = part(blocks.get(passage.block()), section.blocks().get(passage.block()), passage.part());
            } else {
                continue;
            }
            if (element == null) continue;
            anchor(element, Sentences.ofCues(heard), ids, anchors);
        }
        return anchors;
    }

    /** The element a passage is read from: the block, or for a table its caption (part 0) or row (part r + 1). */
    private static Element part(Element element, Block block, int part) {
        if (!(block instanceof Block.Table)) return element;
        Element table = element.is("table") ? element : element.selectFirst("table");
        if (table == null) return element;
        if (part == 0) return table.selectFirst("caption");
        List<Element> rows = table.select("tbody > tr");
        return part - 1 < rows.size() ? rows.get(part - 1) : null;
    }

    /** Gives {@code element} (or its sentences, or its list items) ids timed by {@code sentences}. */
    private static void anchor(Element element, List<Sentences.Timed> sentences, Ids ids, List<Anchor> anchors) {
        // A list is paired item by item; a care callout likewise, paragraph by paragraph (its title has no full stop).
        if (element.is("ul, ol, div.care")) {
            List<Element> items = element.is("div.care")
                    ? element.children().stream().filter(c -> c.is("p, .care-title")).toList() : element.select("> li");
            List<List<Sentences.Span>> split = new ArrayList<>();
            int total = 0;
            for (Element item : items) {
                List<Sentences.Span> spans = Sentences.of(text(item));
                split.add(spans);
                total += spans.size();
            }
            if (total == sentences.size()) {
                int next = 0;
                for (int i = 0; i < items.size(); i++) {
                    int n = split.get(i).size();
                    if (n == 0) continue;
                    timed(items.get(i), split.get(i), sentences.subList(next, next + n), ids, anchors);
                    next += n;
                }
                return;
            }
        } else {
            List<Sentences.Span> spans = Sentences.of(text(element));
            if (spans.size() == sentences.size()) {
                timed(element, spans, sentences, ids, anchors);
                return;
            }
        }
        whole(element, sentences, ids, anchors);
    }

    /** One sentence: the element itself; several: a span per sentence, if no sentence break falls inside markup. */
    private static void timed(Element element, List<Sentences.Span> spans, List<Sentences.Timed> sentences, Ids ids,
                              List<Anchor> anchors) {
        if (spans.size() > 1 && wrap(element, spans, ids)) {
            List<Element> wrapped = element.select("> span.sentence");
            for (int i = 0; i < wrapped.size(); i++) {
                Sentences.Timed t = sentences.get(i);
                anchors.add(new Anchor(wrapped.get(i).id(), t.start(), t.end()));
            }
        } else {
            whole(element, sentences, ids, anchors);
        }
    }

    private static void whole(Element element, List<Sentences.Timed> sentences, Ids ids, List<Anchor> anchors) {
        ids.ensure(element);
        anchors.add(new Anchor(element.id(), sentences.get(0).start(), sentences.get(sentences.size() - 1).end()));
    }

    /**
     * Regroups the element's children into one {@code <span class="sentence">} per span; false (and nothing
     * changed) if a sentence starts inside an inline element.
     */
    private static boolean wrap(Element element, List<Sentences.Span> spans, Ids ids) {
        List<Node> children = new ArrayList<>(element.childNodes());
        int offset = 0;
        List<Integer> cuts = new ArrayList<>();
        for (int k = 1; k < spans.size(); k++) cuts.add(spans.get(k).start());
        // Check first, so a refusal leaves the element as it was.
        int check = 0;
        for (Node child : children) {
            int length = text(child).length();
            for (int cut : cuts) {
                if (cut > check && cut < check + length && !(child instanceof TextNode)) return false;
            }
            check += length;
        }
        List<Node> pieces = new ArrayList<>();
        for (Node child : children) {
            int length = text(child).length();
            Node rest = child;
            int restStart = offset;
            if (child instanceof TextNode) {
                for (int cut : cuts) {
                    if (cut > restStart && cut < offset + length) {
                        TextNode tail = ((TextNode) rest).splitText(cut - restStart);
                        pieces.add(rest);
                        rest = tail;
                        restStart = cut;
                    }
                }
            }
            pieces.add(rest);
            offset += length;
        }
        // Every piece now lies within one sentence: group them in order.
        List<Element> sentences = new ArrayList<>();
        int position = 0;
        int sentence = -1;
        for (Node piece : new ArrayList<>(pieces)) {
            while (sentence + 1 < spans.size() && position >= spans.get(sentence + 1).start()) {
                sentence++;
                Element span = new Element("span").addClass("sentence");
                element.appendChild(span);
                ids.ensure(span);
                sentences.add(span);
            }
            int length = text(piece).length();
            sentences.get(sentences.size() - 1).appendChild(piece);
            position += length;
        }
        return sentences.size() == spans.size();
    }

    /** Cues per passage, by word count: the cues' words are the passages' words in order. */
    static List<List<Captions.Cue>> group(List<ScriptWriter.Passage> passages, List<Captions.Cue> cues) {
        List<List<Captions.Cue>> grouped = new ArrayList<>();
        int cue = 0;
        long wordsBefore = 0;
        long cueWordsBefore = 0;
        for (ScriptWriter.Passage passage : passages) {
            List<Captions.Cue> mine = new ArrayList<>();
            long end = wordsBefore + words(passage.text());
            // A cue belongs to the passage its first word is in.
            while (cue < cues.size() && cueWordsBefore < end) {
                mine.add(cues.get(cue));
                cueWordsBefore += words(cues.get(cue).text());
                cue++;
            }
            grouped.add(mine);
            wordsBefore = end;
        }
        return grouped;
    }

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /** The text of a node as its children concatenate it (offsets into it are offsets into the children). */
    private static String text(Node node) {
        if (node instanceof TextNode t) return t.getWholeText();
        if (node instanceof Element e) {
            StringBuilder sb = new StringBuilder();
            for (Node child : e.childNodes()) sb.append(text(child));
            return sb.toString();
        }
        return "";
    }

    /**
     * Keeps only what works inside a publication: links to the web stay, links into the site (which has no such
     * file inside the book) become their text; an image becomes its text alternative, since the book holds no
     * images; attributes whose names XML cannot carry are dropped.
     */
    private static void makePortable(Element root) {
        for (Element a : root.select("a")) {
            if (!SAFE_LINK.matcher(a.attr("href")).matches()) a.unwrap();
        }
        for (Element img : root.select("img")) {
            img.replaceWith(new Element("span").addClass("image-alternative").text(img.attr("alt")));
        }
        for (Element e : root.getAllElements()) {
            for (var attribute : new ArrayList<>(e.attributes().asList())) {
                if (!XML_NAME.matcher(attribute.getKey()).matches()) e.removeAttr(attribute.getKey());
            }
        }
    }

    /** Hands out ids not yet used under a root element. */
    static final class Ids {
        private final Element root;
        private int next = 1;

        Ids(Element root) {
            this.root = root;
        }

        void ensure(Element element) {
            if (!element.id().isEmpty()) return;
            String id;
            do {
                id = "t" + next++;
            } while (!root.select("[id=" + id + "]").isEmpty());
            element.id(id);
        }
    }
}
