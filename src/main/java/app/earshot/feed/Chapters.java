package app.earshot.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes the Podcasting 2.0 JSON chapters format (version 1.2.0), which {@code podcast:chapters} points to: each
 * chapter's start in seconds, its title and the web page it is about.
 */
public final class Chapters {
    public static final String MEDIA_TYPE = "application/json+chapters";
    static final String VERSION = "1.2.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One chapter: where it starts in the audio (seconds), its title, and the absolute URL of its page. */
    public record Chapter(double startTime, String title, String url) {}

    private Chapters() {}

    /** The chapters file; chapters are listed in the order given, which must be the order they start in. */
    public static String json(List<Chapter> chapters) {
        ObjectNode doc = JSON.createObjectNode().put("version", VERSION);
        ArrayNode list = doc.putArray("chapters");
        double previous = -1;
        for (Chapter c : chapters) {
            if (c.startTime() < previous) throw new IllegalArgumentException("chapters out of order at " + c.title());
            previous = c.startTime();
            list.addObject().put("startTime", Math.round(c.startTime() * 1000) / 1000.0).put("title", c.title()).put("url", c.url());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chapters could not be written", e);
        }
    }
}
