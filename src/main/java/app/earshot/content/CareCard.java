package app.earshot.content;

import java.util.Locale;
import java.util.Optional;
import org.commonmark.node.CustomBlock;

/**
 * An urgent-help note in the manner of NHS.UK care cards, written as a block quote whose first line is
 * {@code [!non-urgent]}, {@code [!urgent]} or {@code [!emergency]} followed by its title; its children are the body.
 */
final class CareCard extends CustomBlock {
    /** The three kinds; the words a reader sees and hears before the title are the catalogue's page.care.{marker}. */
    enum Kind {
        NON_URGENT("non-urgent"),
        URGENT("urgent"),
        EMERGENCY("emergency");

        final String marker;

        Kind(String marker) {
            this.marker = marker;
        }

        static Optional<Kind> of(String marker) {
            for (Kind k : values()) if (k.marker.equals(marker.toLowerCase(Locale.ROOT))) return Optional.of(k);
            return Optional.empty();
        }
    }

    private final Kind kind;
    private final String label;
    private final String title;
    private final String id;

    /** A card of {@code kind} whose label ("Urgent advice") is in the page's language. */
    CareCard(Kind kind, String label, String title, String id) {
        this.kind = kind;
        this.label = label;
        this.title = title;
        this.id = id;
    }

    Kind kind() {
        return kind;
    }

    /** The words before the title: how urgent it is, in the page's language. */
    String label() {
        return label;
    }

    String title() {
        return title;
    }

    String id() {
        return id;
    }
}
