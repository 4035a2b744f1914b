package app.earshot.web;

import app.earshot.messages.Messages;
import io.javalin.http.HttpResponseException;

/**
 * An error answer whose words are a message key and its arguments ({@code errors.*} in {@code messages/}), written by
 * {@link ErrorPages} in the reader's language ({@link ReaderLanguage}), not in English only.
 */
final class Refusal extends HttpResponseException {
    private final String key;
    private final transient Object[] args;

    /** A {@code status} answer saying {@code key}'s message with {@code args} for its placeholders. */
    Refusal(int status, String key, Object... args) {
        super(status, key);
        this.key = key;
        this.args = args.clone();
    }

    /** The answer's text in {@code msg}'s language. */
    String text(Messages msg) {
        return msg.format(key, args);
    }
}
