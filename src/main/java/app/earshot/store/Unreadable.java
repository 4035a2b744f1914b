package app.earshot.store;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A stored file this process can neither read (its mode, its owner, a read error) nor replace (its folder refuses the
 * write): what needs it waits until an operator puts it right. Named by its place in the cache, never by the server's
 * folders. The web layer answers it as any disk fault: 503 with {@code Retry-After}.
 */
public final class Unreadable extends UncheckedIOException {
    private final String file;

    Unreadable(String file, String reason) {
        super("cached file " + file + " cannot be read (" + reason + ") or replaced", new IOException(reason));
        this.file = file;
    }

    /** The file's place in the cache ({@code c9/c980...wav}). */
    public String file() {
        return file;
    }
}
