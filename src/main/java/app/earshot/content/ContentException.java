package app.earshot.content;

import java.util.List;

/** Content that cannot be served; {@link #problems()} has one {@code file:line: message} line per problem. */
public class ContentException extends Exception {
    private final List<String> problems;

    public ContentException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
