package app.earshot.content;

import java.util.List;

/**
 * One structural block of a section in reading order, free of markup: what the speech script and
 * other non-HTML renderings are made from.
 */
public sealed interface Block {

    /** A sub-heading inside a section ({@code level} 3 or deeper on the whole page). */
    record Heading(int level, String text) implements Block {}

    /** A paragraph of running text. */
    record Paragraph(String text) implements Block {}

    /** A bulleted or numbered list; each item is its plain text. */
    record ItemList(boolean ordered, List<String> items) implements Block {
        public ItemList {
            items = List.copyOf(items);
        }
    }

    /** A table: its caption, its column headers, and its rows (first cell of a row is the row header). */
    record Table(String caption, List<String> headers, List<List<String>> rows) implements Block {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * An urgent-help note (a care card): spoken first in its section.
     *
     * @param label "Urgent advice", "Non-urgent advice" or "Immediate action required", in the page's language
     * @param title the author's title ("Get help now")
     * @param text  the body as plain text
     * @param kind  "non-urgent", "urgent" or "emergency", the same in every language
     */
    record Care(String label, String title, String text, String kind) implements Block {}
}
