package app.earshot.content;

import app.earshot.messages.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * A section's Markdown body made into the content model: table captions and care callouts attached, images checked for
 * alt text, blocks for the speech script, plain text of any node. Problems are reported as {@code file:line: message}.
 */
final class SectionBody {
    private static final Pattern CARE_MARKER = Pattern.compile("^\\[!([A-Za-z-]+)\\]\\s*");
    private static final Pattern CAPTION = Pattern.compile("^Table:\\s*(.+)$", Pattern.DOTALL);

    private SectionBody() {}

    /** Turns a "Table: ..." paragraph just before a table into that table's caption. */
    static List<Node> attachCaptions(String file, String sectionId, List<Node> body, int lineOffset, List<String> problems) {
        List<Node> out = new ArrayList<>();
        int tableNumber = 0;
        for (int i = 0; i < body.size(); i++) {
            Node node = body.get(i);
            if (node instanceof TableBlock table) {
                String caption = null;
                if (!out.isEmpty() && out.get(out.size() - 1) instanceof Paragraph p) {
                    Matcher m = CAPTION.matcher(plainText(p));
                    if (m.matches()) {
                        caption = m.group(1).strip();
                        out.remove(out.size() - 1);
                    }
                }
                if (caption == null) {
                    problems.add(file + ":" + line(table, lineOffset) + ": table without a caption; add a line 'Table: what the table shows' just before it");
                    caption = "";
                }
                tableNumber++;
                CaptionedTable captioned = new CaptionedTable(caption, sectionId + "-table-" + tableNumber);
                captioned.appendChild(table);
                out.add(captioned);
            } else {
                out.add(node);
            }
        }
        return out;
    }

    /**
     * Turns a block quote whose first line is {@code [!kind] Title} into a {@link CareCard}; an unknown kind or a card
     * with no title or no body is a problem. Other block quotes are left as they are.
     */
    static List<Node> careCards(String file, String sectionId, List<Node> body, int lineOffset, List<String> problems,
                                 Messages words) {
        List<Node> out = new ArrayList<>();
        int number = 0;
        for (Node node : body) {
            Matcher marker = node instanceof BlockQuote && node.getFirstChild() instanceof Paragraph p
                    && p.getFirstChild() instanceof Text t ? CARE_MARKER.matcher(t.getLiteral()) : null;
            if (marker == null || !marker.find()) {
                out.add(node);
                continue;
            }
            int line = line(node, lineOffset);
            Paragraph first = (Paragraph) node.getFirstChild();
            Text text = (Text) first.getFirstChild();
            var kind = CareCard.Kind.of(marker.group(1));
            if (kind.isEmpty()) {
                problems.add(file + ":" + line + ": unknown care callout '[!" + marker.group(1) + "]'; use [!non-urgent], [!urgent] or [!emergency]");
                out.add(node);
                continue;
            }
            text.setLiteral(text.getLiteral().substring(marker.end()));
            // The title is the rest of the marker's line; the body starts on the next line.
            StringBuilder title = new StringBuilder();
            Node n = first.getFirstChild();
            while (n != null && !(n instanceof SoftLineBreak || n instanceof HardLineBreak)) {
                title.append(plainText(n));
                Node next = n.getNext();
                n.unlink();
                n = next;
            }
            if (n != null) n.unlink();
            if (first.getFirstChild() == null) first.unlink();
            number++;
            CareCard card = new CareCard(kind.get(), words.get("page.care." + kind.get().marker), title.toString().strip(),
                    sectionId + "-care-" + number);
            for (Node child = node.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                card.appendChild(child);
                child = next;
            }
            if (card.title().isEmpty()) problems.add(file + ":" + line + ": care callout has no title; write it after the marker: > [!" + kind.get().marker + "] Title");
            if (plainText(card).isBlank()) problems.add(file + ":" + line + ": care callout '" + card.title() + "' is empty; say what to do on the lines after its title");
            out.add(card);
        }
        return out;
    }

    static void checkImages(String file, Node node, int line, List<String> problems) {
        if (node instanceof Image image && plainText(image).isBlank()) {
            problems.add(file + ":" + line + ": image '" + image.getDestination() + "' has no alt text; write ![what it shows](" + image.getDestination() + ")");
        }
        if (node instanceof HtmlInline) return;
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            checkImages(file, child, line, problems);
        }
    }

    static int line(Node node, int lineOffset) {
        var spans = node.getSourceSpans();
        return spans.isEmpty() ? lineOffset + 1 : spans.get(0).getLineIndex() + lineOffset + 1;
    }

    static List<Block> blocks(List<Node> body) {
        List<Block> blocks = new ArrayList<>();
        for (Node node : body) {
            if (node instanceof Heading h) {
                blocks.add(new Block.Heading(h.getLevel(), plainText(h)));
            } else if (node instanceof Paragraph p) {
                blocks.add(new Block.Paragraph(plainText(p)));
            } else if (node instanceof ListBlock list) {
                List<String> items = new ArrayList<>();
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    if (item instanceof ListItem) items.add(plainText(item));
                }
                blocks.add(new Block.ItemList(list instanceof OrderedList, items));
            } else if (node instanceof CaptionedTable captioned) {
                blocks.add(table(captioned));
            } else if (node instanceof CareCard card) {
                blocks.add(new Block.Care(card.label(), card.title(), plainText(card).strip(), card.kind().marker));
            } else if (!plainText(node).isBlank()) {
                blocks.add(new Block.Paragraph(plainText(node)));
            }
        }
        return blocks;
    }

    private static Block.Table table(CaptionedTable captioned) {
        List<String> headers = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Node part = captioned.getFirstChild().getFirstChild(); part != null; part = part.getNext()) {
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) continue;
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) cells.add(plainText(cell));
                }
                if (part instanceof TableHead) headers.addAll(cells);
                else rows.add(cells);
            }
        }
        return new Block.Table(captioned.caption(), headers, rows);
    }

    /** The text a reader sees, without markup; block children are separated by spaces. */
    static String plainText(Node node) {
        StringBuilder sb = new StringBuilder();
        appendText(node, sb);
        return collapseSpaces(sb);
    }

    /** {@code text} with each run of white space made one space, and none at either end (as {@code \\s+}, no regex). */
    private static String collapseSpaces(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                space = !out.isEmpty();
            } else {
                if (space) out.append(' ');
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void appendText(Node node, StringBuilder sb) {
        if (node instanceof Text t) {
            sb.append(t.getLiteral());
        } else if (node instanceof Code c) {
            sb.append(c.getLiteral());
        } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
            sb.append(' ');
        } else if (node instanceof HtmlInline || node instanceof HtmlBlock) {
            return;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            appendText(child, sb);
            if (child instanceof Paragraph || child instanceof ListBlock || child instanceof BulletList) sb.append(' ');
        }
    }
}
