package app.earshot.ivr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a content folder of a library into a temporary folder: as many topics as counts are given, each with that
 * many pages of two sections (an introduction and one heading), with realistic topic and page titles, so the site-wide
 * phone line can be walked and measured at sizes no committed fixture has (nine topics of nine pages).
 */
public final class LibraryFixture {
    static final List<String> TOPICS = List.of("Treatments", "Preparing for a visit", "Aftercare", "Consent and your rights",
            "Billing and insurance", "Safety", "Research and trials", "Support groups", "Contact and opening hours", "Children and teenagers",
            "Medicines");
    static final List<String> SUBJECTS = List.of("infusions", "your first visit", "recovery", "consent forms", "payment plans",
            "side effects", "clinical trials", "family support", "appointments", "young patients", "other medicines");
    static final List<String> PAGES = List.of("About %s", "%s step by step", "Questions about %s", "%s for carers",
            "Costs of %s", "Risks of %s", "%s and driving", "After %s", "Booking %s", "%s in other languages");

    private LibraryFixture() {}

    /** Writes the library into {@code dir} (which must exist): topic {@code i} gets {@code pagesPerTopic[i]} pages. */
    public static Path write(Path dir, int... pagesPerTopic) {
        try {
            StringBuilder site = new StringBuilder("title: Riverside Clinic\nlanguage: en\norganisation: Riverside Clinic\n"
                    + "description: A generated library for the phone line tests.\ntopics:\n");
            Files.createDirectories(dir.resolve("pages"));
            for (int t = 0; t < pagesPerTopic.length; t++) {
                String id = "topic-" + (char) ('a' + t);
                site.append("  - id: ").append(id).append("\n    title: ").append(TOPICS.get(t)).append('\n');
                for (int p = 0; p < pagesPerTopic[t]; p++) {
                    String title = String.format(PAGES.get(p % PAGES.size()), SUBJECTS.get(t));
                    title = Character.toUpperCase(title.charAt(0)) + title.substring(1) + (p >= PAGES.size() ? " " + (p / PAGES.size() + 1) : "");
                    Files.writeString(dir.resolve("pages").resolve(id + "-page-" + String.format("%02d", p + 1) + ".md"), "---\ntitle: " + title
                            + "\nsummary: What to know about " + SUBJECTS.get(t) + ".\nreviewed: 2026-10-01\nnext-review: 2027-10-01\ntopic: " + id
                            + "\n---\n\nThis page is about " + SUBJECTS.get(t) + ".\n\n## What to bring\n\nBring a list of your medicines.\n");
                }
            }
            Files.writeString(dir.resolve("site.yaml"), site);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
