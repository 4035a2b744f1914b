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
 * The text is normalised for speech; then all-capital tokens are spelled by the {@link Acronyms} rule and the
 * pronunciation lexicon is applied.
 */
public final class ScriptWriter {
    // FreeTTS reads a capital "A" standing alone as the letter ("ay"); as the article it must be "a".
    private static final Pattern ARTICLE_A = Pattern.compile("(?<![\\p{L}\\p{N}'-])A(?=\\h+\\p{L}{2})");

    private final SpeechNormalizer normalizer;
    private final Lexicon lexicon;
    private final List<Lexicon> others;
    private final Acronyms acronyms;

    public ScriptWriter(SpeechNormalizer normalizer, Lexicon lexicon) {
        this(normalizer, lexicon, List.of());
    }

    /**
     * A writer whose pages use the lexicon of their language: {@code lexicon} (the site's {@code lexicon.pls}) or one of
     * {@code others} ({@code lexicon.es.pls}, ...), the first whose {@code xml:lang} matches; a page in a language with
     * none gets no lexicon. For eSpeak NG voices only aliases apply (text substitutions), as for FreeTTS.
     */
    public ScriptWriter(SpeechNormalizer normalizer, Lexicon lexicon, List<Lexicon> others) {
        this.others = List.copyOf(others);
        this.normalizer = normalizer;
        this.lexicon = lexicon;
        this.acronyms = Acronyms.standard(lexicon);
    }

    /**
     * What the voice is given for normalised {@code text}: "A" as an article, all-capital tokens by the {@link Acronyms}
     * rule, then the lexicon. Every replacement is one token, so the result has as many words as {@code text}.
     */
    public String spoken(String text) {
        return lexicon.apply(acronyms.apply(ARTICLE_A.matcher(text).replaceAll("a")));
    }

    /** The lexicon this writer applies. */
    public Lexicon lexicon() {
        return lexicon;
    }

    /**
     * Where one paragraph of a section's script comes from, for renderings that must line the narration up with
     * the written text (an EPUB's Media Overlays).
     *
     * @param block index into {@link Section#blocks()}, or -1 for the section's heading (the page title for the
     *              introduction)
     * @param part  0 for a whole block or a table's caption; for a table, row {@code r} is part {@code r + 1}
     * @param text  the paragraph as normalised for speech, before the lexicon (the words captions show)
     */
    public record Passage(int block, int part, String text) {}

    /** The script of {@code section}; the introduction starts with the page title instead of a heading. */
    public SpeechScript section(Page page, Section section) {
        List<String> normalised = passages(page, section).stream().map(Passage::text).toList();
        String text = String.join("\n\n", normalised);
        Lexicon own = lexiconFor(page.language());
        // "A" as the English article only: in Spanish "A" is a preposition, and eSpeak NG reads it well.
        return new SpeechScript(text, own.apply(app.earshot.content.Languages.isEnglish(page.language())
                ? ARTICLE_A.matcher(text).replaceAll("a") : text));
    }

    /** The lexicon of pages in {@code language}: the site's if its xml:lang matches, else the first other that does. */
    public Lexicon lexiconFor(String language) {
        if (lexicon.appliesTo(language)) return lexicon;
        return others.stream().filter(l -> l.appliesTo(language)).findFirst().orElse(Lexicon.empty());
    }

    /**
     * The paragraphs of {@link #section}'s script, in order, each with the block it was made from; paragraphs
     * with nothing speakable are left out, as they are from the script.
     */
    public List<Passage> passages(Page page, Section section) {
        List<Passage> raw = new ArrayList<>();
        raw.add(new Passage(-1, 0, sentence(section.introduction() ? page.title() : section.heading())));
        // Care callouts (urgent-help notes) are said first, straight after the heading, wherever they are written.
        for (int b = 0; b < section.blocks().size(); b++) {
            if (section.blocks().get(b) instanceof Block.Care care) {
                raw.add(new Passage(b, 0, sentence(care.label() + ": " + care.title()) + " " + sentence(care.text())));
            }
        }
        for (int b = 0; b < section.blocks().size(); b++) {
            Block block = section.blocks().get(b);
            if (block instanceof Block.Care) {
                continue;
            } else if (block instanceof Block.Heading h) {
                raw.add(new Passage(b, 0, sentence(h.text())));
            } else if (block instanceof Block.Paragraph p) {
                raw.add(new Passage(b, 0, sentence(p.text())));
            } else if (block instanceof Block.ItemList list) {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < list.items().size(); i++) {
                    String item = list.items().get(i);
                    items.add(sentence(list.ordered() ? (i + 1) + ". " + item : item));
                }
                raw.add(new Passage(b, 0, String.join("\n", items)));
            } else if (block instanceof Block.Table table) {
                if (!table.caption().isBlank()) raw.add(new Passage(b, 0, sentence("Table: " + table.caption())));
                List<String> rows = rows(table);
                for (int r = 0; r < rows.size(); r++) raw.add(new Passage(b, r + 1, rows.get(r)));
            }
        }
        List<Passage> passages = new ArrayList<>();
        for (Passage passage : raw) {
            String text = normalizer.normalize(passage.text(), page.language());
            if (!text.isBlank()) passages.add(new Passage(passage.block(), passage.part(), text));
        }
        return passages;
    }

    /** The script for a short free-standing prompt ("Press 1 for ..."), normalised and with the lexicon applied. */
    public SpeechScript prompt(String words) {
        String text = normalizer.normalize(sentence(words));
        return new SpeechScript(text, spoken(text));
    }

    /**
     * The script for a prompt in {@code language}: English exactly as {@link #prompt(String)}; another language
     * normalised for that language (numbers stay its own) with its own lexicon.
     */
    public SpeechScript prompt(String words, String language) {
        if (app.earshot.content.Languages.isEnglish(language)) return prompt(words);
        String text = normalizer.normalize(sentence(words), language);
        return new SpeechScript(text, lexiconFor(language).apply(text));
    }

    /** Per row: "Row header. Column header: cell. Column header: cell." (the caption is said before the rows). */
    private static List<String> rows(Block.Table table) {
        List<String> out = new ArrayList<>();
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
        return SentenceRule.endsInStop(t) ? t : t + ".";
    }
}
