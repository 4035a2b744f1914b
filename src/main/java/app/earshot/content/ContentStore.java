package app.earshot.content;

import java.util.concurrent.atomic.AtomicReference;

/** Holds the content snapshot being served; a reload swaps in a whole new snapshot atomically. */
public final class ContentStore {
    private final AtomicReference<Site> current;

    public ContentStore(Site initial) {
        this.current = new AtomicReference<>(initial);
    }

    public Site current() {
        return current.get();
    }

    public void replace(Site site) {
        current.set(site);
    }
}
