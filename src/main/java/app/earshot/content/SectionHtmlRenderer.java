package app.earshot.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders a section's Markdown nodes to HTML for one of two contexts: the whole page (sub-headings
 * stay {@code h3}) or the section's own page (sub-headings move up one level so none is skipped).
 * Raw HTML in Markdown is escaped, unsafe URLs are dropped, and tables get a caption, column and
 * row headers with {@code scope}, and a focusable, labelled scroll region for narrow screens.
 */
final class SectionHtmlRenderer {
    private final HtmlRenderer renderer;

    SectionHtmlRenderer(int headingShift) {
        this.renderer = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create()))
                .escapeHtml(true)
                .sanitizeUrls(true)
                .nodeRendererFactory(ctx -> new ShiftedHeadingRenderer(ctx, headingShift))
                .nodeRendererFactory(CaptionedTableRenderer::new)
                .nodeRendererFactory(ctx -> new CareCardRenderer(ctx, headingShift))
                .attributeProviderFactory(ctx -> SectionHtmlRenderer::oneLine)
                .build();
    }

    /**
     * Emphasis and strong emphasis keep their look but are no objects of their own for screen readers: Orca 43 in Chromium
     * spoke each as an utterance apart ("Most adults need" / "seven to nine hours." / "a night", a lone "•" before a bold
     * figure), while {@code role="none"} (allowed on both by ARIA in HTML) kept the line whole. Their emphasis is not
     * announced by default by NVDA, JAWS or VoiceOver either.
     */
    private static void oneLine(Node node, String tagName, Map<String, String> attributes) {
        if (node instanceof org.commonmark.node.Emphasis || node instanceof org.commonmark.node.StrongEmphasis) attributes.put("role", "none");
    }

    /** Renders {@code nodes} in order; they are moved under one new document (so render them before reusing the tree). */
    String render(List<Node> nodes) {
        // One render of one parent: each render call sets up every node renderer afresh, which cost more than the
        // rendering itself when it was done node by node.
        org.commonmark.node.Document holder = new org.commonmark.node.Document();
        for (Node node : nodes) holder.appendChild(node);
        return renderer.render(holder);
    }

    private static final class ShiftedHeadingRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;
        private final int shift;

        ShiftedHeadingRenderer(HtmlNodeRendererContext context, int shift) {
            this.context = context;
            this.html = context.getWriter();
            this.shift = shift;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Heading.class);
        }

        @Override
        public void render(Node node) {
            Heading heading = (Heading) node;
            String tag = "h" + Math.max(2, Math.min(6, heading.getLevel() + shift));
            html.line();
            html.tag(tag);
            renderChildren(context, node);
            html.tag("/" + tag);
            html.line();
        }
    }

    /** A care card: a block under its own heading, whose first words say how urgent it is. */
    private static final class CareCardRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;
        private final int shift;

        CareCardRenderer(HtmlNodeRendererContext context, int shift) {
            this.context = context;
            this.html = context.getWriter();
            this.shift = shift;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(CareCard.class);
        }

        @Override
        public void render(Node node) {
            CareCard card = (CareCard) node;
            // A heading, not role=note (Orca says "comment") nor <aside> (a landmark inside main): heading keys reach
            // it, and its first words say how urgent it is. One level under the section's heading.
            String tag = "h" + Math.max(2, Math.min(6, 3 + shift));
            html.line();
            html.tag("div", attrs("class", "care care-" + card.kind().marker));
            html.tag(tag, attrs("class", "care-title", "id", card.id()));
            html.text(card.label() + ": " + card.title());
            html.tag("/" + tag);
            renderChildren(context, card);
            html.tag("/div");
            html.line();
        }
    }

    private static final class CaptionedTableRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;
        private List<String> columns = new ArrayList<>();

        CaptionedTableRenderer(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(CaptionedTable.class);
        }

        @Override
        public void render(Node node) {
            CaptionedTable captioned = (CaptionedTable) node;
            TableBlock table = (TableBlock) captioned.getFirstChild();
            // No scroller and no region: at narrow widths the stylesheet stacks each row's cells under the row's
            // header with the column's name shown, so every column stays in view and the caption is said once.
            html.line();
            html.tag("div", attrs("class", "table-region"));
            html.tag("table");
            html.tag("caption", attrs("id", captioned.captionId()));
            // The span stays in view while a wide table scrolls sideways, so the caption is never cut off.
            html.tag("span", attrs("class", "caption-text"));
            html.text(captioned.caption());
            html.tag("/span");
            html.tag("/caption");
            columns = new ArrayList<>();
            for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
                boolean head = part instanceof TableHead;
                if (!head && !(part instanceof TableBody)) continue;
                html.tag(head ? "thead" : "tbody");
                for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                    if (row instanceof TableRow) renderRow(row, head);
                }
                html.tag(head ? "/thead" : "/tbody");
            }
            html.tag("/table");
            html.tag("/div");
            html.line();
        }

        private void renderRow(Node row, boolean head) {
            html.tag("tr");
            boolean first = true;
            int column = 0;
            for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                if (!(cell instanceof TableCell)) continue;
                if (head) {
                    columns.add(plainText(cell));
                    html.tag("th", attrs("scope", "col"));
                    renderChildren(context, cell);
                    html.tag("/th");
                } else if (first) {
                    html.tag("th", attrs("scope", "row"));
                    renderChildren(context, cell);
                    html.tag("/th");
                } else {
                    // The column's name, shown before the cell when cells stack at narrow widths (CSS, silent).
                    html.tag("td", column < columns.size() ? attrs("data-column", columns.get(column)) : attrs());
                    renderChildren(context, cell);
                    html.tag("/td");
                }
                first = false;
                column++;
            }
            html.tag("/tr");
        }
    }

    private static String plainText(Node node) {
        StringBuilder out = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof org.commonmark.node.Text t) out.append(t.getLiteral());
            else if (child instanceof org.commonmark.node.Code c) out.append(c.getLiteral());
            else out.append(plainText(child));
        }
        return out.toString().strip();
    }

    private static void renderChildren(HtmlNodeRendererContext context, Node parent) {
        Node child = parent.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            context.render(child);
            child = next;
        }
    }

    private static Map<String, String> attrs(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
        return map;
    }
}
