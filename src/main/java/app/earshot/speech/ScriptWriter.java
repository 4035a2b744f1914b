package app.earshot.speech;

import app.earshot.content.Block;
import app.earshot.content.Page;
import app.earshot.content.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a section of the content model into its speech script: the heading, then the body; lists
 * item by item, tables row by row with their column headers, sub-headings as their own sentences.
 * The text is normalised for speech and then the pronunciation lexicon is applied.
 */
public final class ScriptWriter {
    // FreeTTS reads a capital "A" standing alone as the letter ("ay"); as the article it must be "a".
    private static final Pattern ARTICLE_A = Pattern.compile("(?<![\\p{L}\\p{N}'-])A(?=\\h+\\p{L}{2})");
    private static final Pattern ENDS_SENTENCE = Pattern.compile(".*[.?!:]$", Pattern.DOTALL);

    private final SpeechNormalizer normalizer;
    private final Lexicon lexicon;

    public ScriptWriter(SpeechNormalizer normalizer, Lexicon lexicon) {
        this.normalizer = normalizer;
        this.lexicon = lexicon;
    }

    /** The script of {@code section}; the introduction starts with the page title instead of a heading. */
    public SpeechScript section(Page page, Section section) {
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(sentence(section.introduction() ? page.title() : section.heading()));
        for (Block block : section.blocks()) {
            if (block instanceof Block.Heading h) {
                paragraphs.add(sentence(h.text()));
            } else if (block instanceof Block.Paragraph p) {
                paragraphs.add(sentence(p.text()));
            } else if (block instanceof Block.ItemList list) {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < list.items().size(); i++) {
                    String item = list.items().get(i);
                    items.add(sentence(list.ordered() ? (i + 1) + ". " + item : item));
                }
                paragraphs.add(String.join("\n", items));
            } else if (block instanceof Block.Table table) {
                paragraphs.addAll(table(table));
            }
        }
        List<String> normalised = new ArrayList<>();
        for (String paragraph : paragraphs) {
            String text = normalizer.normalize(paragraph);
            if (!text.isBlank()) normalised.add(text);
        }
        String text = String.join("\n\n", normalised);
        return new SpeechScript(text, lexicon.apply(ARTICLE_A.matcher(text).replaceAll("a")));
    }

    /** The script for a short free-standing prompt ("Press 1 for ..."), normalised and with the lexicon applied. */
    public SpeechScript prompt(String words) {
        String text = normalizer.normalize(sentence(words));
        return new SpeechScript(text, lexicon.apply(ARTICLE_A.matcher(text).replaceAll("a")));
    }

    /** "Caption." then per row: "Row header. Column header: cell. Column header: cell." */
    private static List<String> table(Block.Table table) {
        List<String> out = new ArrayList<>();
        if (!table.caption().isBlank()) out.add(sentence("Table: " + table.caption()));
        for (List<String> row : table.rows()) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                if (c == 0) {
                    sb.append(sentence(cell));
                } else {
                    String header = c < table.headers().size() ? table.headers().get(c) : "";
                    sb.append(' ').append(sentence(header.isBlank() ? cell : header + ": " + cell));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String sentence(String text) {
        String t = text.strip();
        if (t.isEmpty()) return t;
        return ENDS_SENTENCE.matcher(t).matches() ? t : t + ".";
    }
}
