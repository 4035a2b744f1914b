package app.earshot.epub;

import app.earshot.content.Section;
import app.earshot.speech.Captions;
import app.earshot.speech.ScriptWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The web page's read-along and transcript, from the same sentence-to-cue pairing as the talking book's Media
 * Overlays ({@link Chapter}): a section's HTML with every timed sentence carrying {@code data-start} and
 * {@code data-end} (seconds in its player's audio), and the script's paragraphs with the time each starts.
 */
public final class ReadAlong {
    private ReadAlong() {}

    /** One paragraph of what is said: its words as written (captions' words, not the lexicon's respellings). */
    public record Passage(double start, double end, String text) {}

    /**
     * {@code html} (the section's rendered body) with each stretch the narration says in one go marked with its
     * times, shifted by {@code offset} seconds (where the section starts in the player's audio). Markup is only
     * added: sentence {@code span}s and data attributes; no ids, so sections on one page never clash.
     */
    public static String html(String html, Section section, List<ScriptWriter.Passage> passages,
                              List<Captions.Cue> cues, double offset) {
        Document doc = Jsoup.parseBodyFragment(html);
        Element body = doc.body();
        Set<String> own = new HashSet<>();
        for (Element e : body.select("[id]")) own.add(e.id());
        List<Element> blocks = Chapter.blocks(body);
        boolean paired = blocks.size() == section.blocks().size();
        List<Chapter.Anchor> anchors = Chapter.anchor(null, blocks, paired, section, passages, cues, new Chapter.Ids(body));
        for (Chapter.Anchor anchor : anchors) {
            Element e = body.getElementById(anchor.id());
            if (e == null) continue;
            e.attr("data-start", seconds(anchor.start() + offset));
            e.attr("data-end", seconds(anchor.end() + offset));
        }
        for (Element e : body.select("[id]")) {
            if (!own.contains(e.id())) e.removeAttr("id");
        }
        doc.outputSettings().prettyPrint(false);
        return body.html();
    }

    /** The script's paragraphs in order, each with when it starts and ends, shifted by {@code offset} seconds. */
    public static List<Passage> passages(List<ScriptWriter.Passage> passages, List<Captions.Cue> cues, double offset) {
        List<Passage> out = new ArrayList<>();
        List<List<Captions.Cue>> grouped = Chapter.group(passages, cues);
        double last = offset;
        for (int p = 0; p < passages.size(); p++) {
            List<Captions.Cue> heard = grouped.get(p);
            double start = heard.isEmpty() ? last : heard.get(0).start() + offset;
            double end = heard.isEmpty() ? start : heard.get(heard.size() - 1).end() + offset;
            out.add(new Passage(start, end, passages.get(p).text()));
            last = end;
        }
        return out;
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
