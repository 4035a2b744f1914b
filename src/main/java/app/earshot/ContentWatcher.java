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
    /**
     * How often the content folder itself is looked at when nothing else happens: a folder renamed into its place (an
     * atomic deploy, {@code mv content.new content}, or a symlink switched) makes no event in the folder watched.
     */
    static final long RECHECK_MILLIS = 1000;

    private final Path dir;
    private final SnapshotStore store;
    private final Consumer<Snapshot> onReload;
    private final UnaryOperator<Site> adjust;
    private final WatchService watcher;
    private final Thread thread;
    /** The fingerprint of the files last loaded (served or rejected); null when that load failed unexpectedly. */
    private volatile String loaded;
    /** The watch of each folder's path, so that a folder replaced at a path stops being watched. */
    private final java.util.Map<Path, WatchKey> keys = new java.util.HashMap<>();
    /** The file key (device and inode) of the content folder being watched; null when it was not there. */
    private Object watched;

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
        // Read before watching: an edit made after this is seen as an event and makes a different fingerprint.
        this.loaded = fingerprint(dir);
        registerFolders();
        this.thread = new Thread(this::run, "earshot-content-watcher");
        thread.setDaemon(true);
    }

    public ContentWatcher start() {
        thread.start();
        return this;
    }

    /**
     * Watches the content folder, {@code pages/} and {@code messages/} as they are now (registering again is harmless;
     * a folder replaced since is watched anew).
     */
    private void registerFolders() throws IOException {
        watched = fileKey(dir);
        register(dir);
        register(dir.resolve("pages"));
        register(dir.resolve("messages"));
    }

    private static Object fileKey(Path folder) {
        try {
            return Files.readAttributes(folder, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private void register(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            WatchKey key = folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            // The folder that was at this path before (moved aside by a deploy, and kept) is no longer content.
            WatchKey before = keys.put(folder, key);
            if (before != null && before != key) before.cancel();
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watcher.poll(RECHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (key != null) drain(key);
                else if (java.util.Objects.equals(fileKey(dir), watched)) continue;
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
                // An editor's swap file, lock or backup, or a save of the same words, changes nothing that is loaded:
                // the snapshot stays, with its prepared pages, its Last-Modified and the warming under way.
                String now = fingerprint(dir);
                if (now == null || !now.equals(loaded)) reload(now);
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
        return reload(fingerprint(dir));
    }

    /** {@link #reload()} of files whose {@link #fingerprint} (read before they were) is {@code files}. */
    private boolean reload(String files) {
        // A broken edit is not loaded again until a file changes; a load that failed for another reason is retried.
        loaded = files;
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
            loaded = null;
            log.error("Content reload failed; still serving the last good content", e);
            return false;
        }
    }

    /**
     * A digest of the name and bytes of every file the content folder, {@code pages/} and {@code messages/} hold, but
     * for what editors leave beside a file they edit (names starting with {@code .} or {@code #}, such as vim's
     * {@code .page.md.swp} and Emacs' {@code .#page.md} and {@code #page.md#}, or ending with {@code ~}, backups); null
     * when a file cannot be read (so the folder is loaded, and the loader names the problem).
     */
    static String fingerprint(Path dir) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (Path folder : new Path[] {dir, dir.resolve("pages"), dir.resolve("messages")}) {
                if (!Files.isDirectory(folder)) continue;
                java.util.List<Path> files;
                try (java.util.stream.Stream<Path> listed = Files.list(folder)) {
                    files = listed.filter(p -> Files.isRegularFile(p) && !leftByAnEditor(p.getFileName().toString())).sorted().toList();
                }
                for (Path file : files) {
                    digest.update((dir.relativize(file) + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    try (java.io.InputStream in = Files.newInputStream(file)) {
                        for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
                    }
                    digest.update((byte) 0);
                }
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A swap file, lock, auto-save or backup an editor keeps beside the file it edits (never content). */
    static boolean leftByAnEditor(String name) {
        return name.startsWith(".") || name.startsWith("#") || name.endsWith("~");
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
