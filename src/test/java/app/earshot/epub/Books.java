package app.earshot.epub;

import app.earshot.App;
import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.narration.Narrator;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The fixture page's talking book, made once per test run with real synthesis (audio shared with the other tests). */
final class Books {
    static final App.Content CONTENT;
    static final Narrator NARRATOR;
    static final byte[] BOOK;

    static {
        try {
            CONTENT = App.load(Fixture.SITE);
        } catch (app.earshot.content.ContentException e) {
            throw new IllegalStateException(e);
        }
        NARRATOR = App.narrator(TestServer.SHARED_AUDIO_CACHE, TestServer.SYNTHESIZER);
        try {
            app.earshot.snapshot.Snapshot now = App.snapshot(CONTENT);
            BOOK = TalkingBook.of(NARRATOR).book(now.voicing(), now.messages(page().language()), site(), page()).audio().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Books() {}

    static Site site() {
        return CONTENT.site();
    }

    static Page page() {
        return site().pages().get(0);
    }
}
