package app.earshot.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.Locale;

/** The classes of problem the store reports at {@code /healthz}, each named as an operator would look for it. */
public enum Problem {
    /** A stored file this process may not read (its mode, its owner, a read error). */
    UNREADABLE("unreadable"),
    /** The cache's file system has no space left. */
    DISK_FULL("disk full"),
    /** The cache refuses writes for another reason (read-only, not a folder, no permission). */
    UNWRITABLE("unwritable"),
    /** A stored file keeps failing verification after being made again. */
    VERIFICATION_FAILED("verification failed");

    private final String label;

    Problem(String label) {
        this.label = label;
    }

    /** The words {@code /healthz} starts the problem's line with. */
    public String label() {
        return label;
    }

    /**
     * Why {@code e} happened, in words, with the file it names: {@code audio/x: Not a directory}, {@code audio/x.mp3:
     * permission denied}. For messages on the terminal and at {@code /healthz}.
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String why = f.getReason() != null ? f.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                    : e instanceof java.nio.file.NotDirectoryException ? "not a folder"
                    : e.getClass().getSimpleName();
            return f.getFile() == null ? why : f.getFile() + ": " + why;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** True if {@code e}, or anything that caused it, says the file system is out of space. */
    static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("no space left on device")) return true;
        }
        return false;
    }

    /** The class of a failure to read a stored file: unreadable if it could not be read at all, else damaged. */
    static Problem of(IOException e) {
        String message = String.valueOf(e.getMessage());
        return e instanceof AccessDeniedException || message.contains("Permission denied") || message.contains("Input/output error")
                ? UNREADABLE : VERIFICATION_FAILED;
    }

    /** The class of a refused write. */
    static Problem ofWrite(IOException e) {
        return diskFull(e) ? DISK_FULL : UNWRITABLE;
    }
}
