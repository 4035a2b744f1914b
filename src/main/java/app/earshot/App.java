package app.earshot;

import app.earshot.content.ContentStore;
import app.earshot.web.WebApp;
import io.javalin.Javalin;

/** Wires the parts together; {@link #create} returns an unstarted server so tests can start it on any port. */
public final class App {
    private App() {}

    /** A server for {@code content}, not yet started. */
    public static Javalin create(ContentStore content) {
        return WebApp.create(content);
    }
}
