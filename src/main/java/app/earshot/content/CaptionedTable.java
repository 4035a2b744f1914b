package app.earshot.content;

import org.commonmark.node.CustomBlock;

/** A GFM table together with the caption its author gave in a "Table: ..." line just before it. */
final class CaptionedTable extends CustomBlock {
    private final String caption;
    private final String captionId;

    CaptionedTable(String caption, String captionId) {
        this.caption = caption;
        this.captionId = captionId;
    }

    String caption() {
        return caption;
    }

    String captionId() {
        return captionId;
    }
}
