package app.earshot.speech;

import java.util.List;

/**
 * Tells how a voice pronounces text without making audio: which words each token becomes and whether each word's
 * phones come from the voice's dictionary or are guessed by letter-to-sound rules. Implementations are thread-safe.
 */
public interface Pronouncer {

    /** One word the voice says, with its phones (CMU style, stress digits kept: "k eh1 t ax m iy1 n"). */
    record Word(String text, List<String> phones, boolean fromDictionary) {
        public Word {
            phones = List.copyOf(phones);
        }
    }

    /** One written token (punctuation stripped) and the words the voice makes of it ("IV" may become "four"). */
    record Token(String text, List<Word> words) {
        public Token {
            words = List.copyOf(words);
        }

        /** True when any of its words is said by letter-to-sound rules. */
        public boolean guessed() {
            return words.stream().anyMatch(w -> !w.fromDictionary());
        }

        /** Its phones, words separated by " + ". */
        public String phones() {
            return String.join(" + ", words.stream().map(w -> String.join(" ", w.phones())).toList());
        }
    }

    /**
     * How {@code voice} says {@code text} (plain speech text, as given to {@link Synthesizer#speak}).
     *
     * @return the tokens in order; tokens with no words (a lone dash) are left out
     * @throws SynthesisException for an unknown voice or a busy pool
     */
    List<Token> pronounce(String text, String voice);

    /**
     * The dictionary phones of those of {@code words} (lower case, as the voice's tokenizer makes them) that the voice's
     * dictionary knows; words it would guess are absent from the answer.
     */
    java.util.Map<String, List<String>> dictionaryPhones(java.util.Collection<String> words, String voice);
}
