package app.earshot.web;

import app.earshot.content.ContentStore;
import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.epub.TalkingBook;
import app.earshot.narration.Clip;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /{slug}.epub}: the page as an EPUB 3 talking book (text, narration and Media Overlays), served like audio
 * (ETag, ranges, 304). Registered before the page routes, which would otherwise take it for a page slug.
 */
final class BookRoutes {
    private final ContentStore content;
    private final TalkingBook books;
    private final MediaResponder media;

    BookRoutes(ContentStore content, TalkingBook books, MediaResponder media) {
        this.content = content;
        this.books = books;
        this.media = media;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/{slug}." + TalkingBook.EXTENSION, this::book);
    }

    private void book(Context ctx) {
        Site site = content.current();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        Clip book = books.book(site, page);
        media.send(ctx, MediaResponder.Representation.of(book.audio(), book.mediaType(), book.etag()));
    }
}
