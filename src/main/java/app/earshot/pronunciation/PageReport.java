package app.earshot.pronunciation;

import java.util.List;

/**
 * The pronunciation report of one page: its guessed words, and each section's script token by token for a preview.
 *
 * @param slug     the page
 * @param file     its source file as given to the check (for {@code file:line}), or null
 * @param words    guessed words, in order of first appearance
 * @param sections each section as spoken
 */
public record PageReport(String slug, String file, List<GuessedWord> words, List<SectionSpeech> sections) {
    public PageReport {
        words = List.copyOf(words);
        sections = List.copyOf(sections);
    }

    /** The same scripts with no word marked as guessed: for a page whose voice this report cannot inspect. */
    public PageReport withoutGuesses() {
        List<SectionSpeech> plain = sections.stream().map(s -> new SectionSpeech(s.id(), s.heading(), s.paragraphs().stream()
                .map(p -> new Paragraph(p.written(), p.spoken().stream().map(t -> new SpokenToken(t.text(), -1)).toList()))
                .toList())).toList();
        return new PageReport(slug, file, List.of(), plain);
    }

    /** A section's script: per paragraph, the written words (as captions show them) and the spoken tokens. */
    public record SectionSpeech(String id, String heading, List<Paragraph> paragraphs) {
        public SectionSpeech {
            paragraphs = List.copyOf(paragraphs);
        }
    }

    /** One paragraph of the script: written as captions show it, and what the voice is given, token by token. */
    public record Paragraph(String written, List<SpokenToken> spoken) {
        public Paragraph {
            spoken = List.copyOf(spoken);
        }
    }

    /**
     * One whitespace-separated token of the spoken script.
     *
     * @param text  as given to the voice, punctuation included
     * @param word  index into {@link PageReport#words()} when the voice guesses (part of) it, else -1
     */
    public record SpokenToken(String text, int word) {
        public boolean guessed() {
            return word >= 0;
        }
    }
}
