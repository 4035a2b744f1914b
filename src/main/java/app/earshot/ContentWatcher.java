package app.earshot;

import app.earshot.content.ContentException;
import app.earshot.snapshot.Snapshot;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.content.Site;
import java.util.function.UnaryOperator;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the content folder and its {@code pages/} and {@code messages/} folders; after a saved edit (and a short quiet
 * period, since editors write in several steps) it reloads everything. Valid content becomes one new
 * {@link Snapshot} (site, lexicon, voicing), swapped in whole and handed to {@code onReload}; broken content is logged as {@code file:line}
 * problems and recorded in the store, and the last good content keeps serving.
 */
public final class ContentWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContentWatcher.class);
    static final long QUIET_MILLIS = 150;

    private final Path dir;
    private final SnapshotStore store;
    private final Consumer<Snapshot> onReload;
    private final UnaryOperator<Site> adjust;
    private final WatchService watcher;
    private final Thread thread;

    public ContentWatcher(Path dir, SnapshotStore store, Consumer<Snapshot> onReload) throws IOException {
        this(dir, store, UnaryOperator.identity(), onReload);
    }

    /**
     * @param adjust applied to each newly loaded site before it is served (e.g. the command line's base URL)
     */
    public ContentWatcher(Path dir, SnapshotStore store, UnaryOperator<Site> adjust, Consumer<Snapshot> onReload)
            throws IOException {
        this.adjust = adjust;
        this.dir = dir;
        this.store = store;
        this.onReload = onReload;
        this.watcher = FileSystems.getDefault().newWatchService();
        registerFolders();
        this.thread = new Thread(this::run, "earshot-content-watcher");
        thread.setDaemon(true);
    }

    public ContentWatcher start() {
        thread.start();
        return this;
    }

    /** Watches the content folder, {@code pages/} and {@code messages/} as they are now (registering again is harmless). */
    private void registerFolders() throws IOException {
        register(dir);
        register(dir.resolve("pages"));
        register(dir.resolve("messages"));
    }

    private void register(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watcher.take();
                drain(key);
                // Wait for the editor to finish: keep collecting events until none arrive for a moment.
                WatchKey more;
                while ((more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) drain(more);
                // A folder replaced since (a deploy copying in a new pages/) or made since (messages/) is watched from
                // now on: the old watch went with the old folder, and nothing would ever reload again. Watching
                // before loading means an edit made in between is either loaded now or seen as an event.
                try {
                    registerFolders();
                } catch (IOException e) {
                    log.warn("Cannot watch {} for edits ({}); edits there are served at the next edit seen", dir, e.getMessage());
                }
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Loads the content now; returns true if it was valid and is now served. */
    boolean reload() {
        try {
            App.Content content = App.load(dir);
            Snapshot snapshot = Snapshot.of(adjust.apply(content.site()), content.lexicon(), content.messages(), content.otherLexicons());
            store.replace(snapshot);
            log.info("Content reloaded: {} page(s), {} section(s)", content.site().pages().size(), content.site().sectionCount());
            onReload.accept(snapshot);
            return true;
        } catch (ContentException e) {
            store.reject(e.problems());
            log.warn("Content edit not served; still serving the last good content. {} problem(s):\n{}",
                    e.problems().size(), String.join("\n", e.problems()));
            return false;
        } catch (RuntimeException e) {
            log.error("Content reload failed; still serving the last good content", e);
            return false;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing watcher", e);
        }
    }
}
