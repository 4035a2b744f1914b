package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.snapshot.SnapshotStore;
import io.javalin.http.Context;

/**
 * The one snapshot a request reads: taken from the store before any handler runs and kept on the request, so every
 * handler, view and error page of that request sees the same content, voicing and base URL however a reload lands.
 */
final class RequestSnapshot {
    static final String ATTRIBUTE = "earshot.snapshot";

    private RequestSnapshot() {}

    /** Reads the store once for this request. */
    static void take(Context ctx, SnapshotStore store) {
        Snapshot now = store.current();
        ctx.attribute(ATTRIBUTE, now);
        now.site().configuredBaseUrl().ifPresent(base -> ctx.attribute(Links.BASE_URL_ATTRIBUTE, base));
    }

    /** The request's snapshot. */
    static Snapshot of(Context ctx) {
        Snapshot now = ctx.attribute(ATTRIBUTE);
        if (now == null) throw new IllegalStateException("no snapshot taken for " + ctx.path());
        return now;
    }

    /** The request's snapshot, or the store's if the request failed before one was taken (error pages). */
    static Snapshot orCurrent(Context ctx, SnapshotStore store) {
        Snapshot now = ctx.attribute(ATTRIBUTE);
        return now != null ? now : store.current();
    }
}
