package app.earshot.content;

import java.util.Locale;
import java.util.Optional;
import org.commonmark.node.CustomBlock;

/**
 * An urgent-help note in the manner of NHS.UK care cards, written as a block quote whose first line is
 * {@code [!non-urgent]}, {@code [!urgent]} or {@code [!emergency]} followed by its title; its children are the body.
 */
final class CareCard extends CustomBlock {
    /** The three kinds, with the words a reader sees and hears before the title. */
    enum Kind {
        NON_URGENT("non-urgent", "Non-urgent advice"),
        URGENT("urgent", "Urgent advice"),
        EMERGENCY("emergency", "Immediate action required");

        final String marker;
        final String label;

        Kind(String marker, String label) {
            this.marker = marker;
            this.label = label;
        }

        static Optional<Kind> of(String marker) {
            for (Kind k : values()) if (k.marker.equals(marker.toLowerCase(Locale.ROOT))) return Optional.of(k);
            return Optional.empty();
        }
    }

    private final Kind kind;
    private final String title;
    private final String id;

    CareCard(Kind kind, String title, String id) {
        this.kind = kind;
        this.title = title;
        this.id = id;
    }

    Kind kind() {
        return kind;
    }

    String title() {
        return title;
    }

    String id() {
        return id;
    }
}
