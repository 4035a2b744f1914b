package app.earshot.speech;

import java.util.List;

/**
 * A pronunciation lexicon file could not be used; {@link #problems()} lists every problem found,
 * one {@code file:line: message} line each, in file order.
 */
public class LexiconException extends RuntimeException {
    private final List<String> problems;

    public LexiconException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a LexiconException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, formatted {@code file:line: message}, in the order they occur in the file. */
    public List<String> problems() {
        return problems;
    }
}
