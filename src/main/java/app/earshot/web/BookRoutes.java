package app.earshot.web;

import app.earshot.snapshot.Snapshot;
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
    private final TalkingBook books;
    private final MediaResponder media;

    private final app.earshot.narration.Narrator narrator;

    BookRoutes(app.earshot.narration.Narrator narrator, TalkingBook books, MediaResponder media) {
        this.narrator = narrator;
        this.books = books;
        this.media = media;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/{slug}." + TalkingBook.EXTENSION, this::book);
    }

    private void book(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = PageRoutes.voiced(narrator, now, PageRoutes.page(site, ctx.pathParam("slug")));
        Clip book = books.book(now.voicing(), now.messages(page.language()), site, page);
        media.send(ctx, MediaResponder.Representation.of(book.audio(), book.mediaType()));
    }
}
