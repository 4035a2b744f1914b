package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.messages.Messages;
import io.javalin.http.HttpResponseException;

/**
 * A 404 for a section a page does not have (a stale link, a mistyped address): the page exists, so {@link ErrorPages}
 * names it and links it, in the reader's language.
 */
final class NoSuchSection extends HttpResponseException {
    private final transient Views.Link page;

    NoSuchSection(Page page) {
        super(404, "errors.no-section.of");
        this.page = new Views.Link("/" + page.slug(), page.title());
    }

    /** The page the address named, linked by its title. */
    Views.Link page() {
        return page;
    }

    /** The answer's text in {@code msg}'s language, naming the page. */
    String text(Messages msg) {
        return msg.format("errors.no-section.of", page.text());
    }
}
