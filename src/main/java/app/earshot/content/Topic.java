package app.earshot.content;

/**
 * One heading the library's pages are grouped under, as listed in {@code site.yaml}'s {@code topics}.
 *
 * @param id    slug that pages name in their front matter ({@code topic: aftercare})
 * @param title what people see and hear as the topic's heading ("Aftercare")
 */
public record Topic(String id, String title) {}
