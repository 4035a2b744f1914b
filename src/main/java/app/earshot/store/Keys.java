package app.earshot.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names in the store: content keys (SHA-256 of length-prefixed parts) and where an artifact lives,
 * {@code root/<first two hex digits of key>/<key>.<extension>}. Keys and extensions are checked against strict
 * patterns, so no argument can name a path outside the root.
 */
public final class Keys {
    /** Suffix of the record written beside each artifact. */
    static final String RECORD_SUFFIX = ".sum";
    /** Suffix of a file being written. */
    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+)*");

    private Keys() {}

    /** SHA-256 hex of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ. */
    public static String of(String... parts) {
        MessageDigest sha = Record.newSha256();
        for (int i = 0; i < parts.length; i++) {
            byte[] utf8 = Objects.requireNonNull(parts[i], "key part " + i + " is null").getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
            sha.update(utf8);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The strong entity tag of a text made from {@code key} alone (the same key always gives the same bytes), served as
     * {@code extension}: the key's first 32 hex digits and the format, quoted ({@code "0123...cdef.txt"}), so it changes
     * exactly when the bytes or their format do. Every ETag Earshot sends is written here or by {@link #etag(Artifact, String)}.
     */
    public static String etag(String key, String extension) {
        return "\"" + key.substring(0, 32) + "." + extension + "\"";
    }

    /** {@link #etag(Artifact, String)} in the artifact's own format. */
    public static String etag(Artifact artifact) {
        return etag(artifact, artifact.extension());
    }

    /**
     * The strong entity tag of a stored artifact, or of a text made from it, served as {@code extension}: the first 16
     * hex digits of its key, then the first 16 of the digest of its bytes as recorded, and the format, quoted. A key
     * names what was asked for, not always one sequence of bytes: eSpeak NG does not speak a text the same way twice in
     * one process, so a clip made again (on another origin with its own cache, or after a damaged file was discarded)
     * can differ, and its tag must too (RFC 9110 §8.8.1), or a download resumed with If-Range glues two renderings.
     */
    public static String etag(Artifact artifact, String extension) {
        return "\"" + artifact.key().substring(0, 16) + artifact.sha256().substring(0, 16) + "." + extension + "\"";
    }

    /**
     * Where {@code key}.{@code extension} lives under {@code root} (whether or not it exists yet).
     *
     * @throws IllegalArgumentException for a key that is not 64 lower-case hex digits, or an extension that is not
     *                                  1-12 of [a-z0-9.] without empty parts, or names a temp file or a record
     */
    static Path pathFor(Path root, String key, String extension) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("cache key must be 64 lower-case hex digits: " + abbreviate(key));
        }
        if (extension == null || extension.length() > 12 || !EXTENSION.matcher(extension).matches()
                || extension.equals("tmp") || extension.endsWith(TEMP_SUFFIX) || extension.equals("sum")
                || extension.endsWith(RECORD_SUFFIX)) {
            throw new IllegalArgumentException("cache extension must be 1-12 of [a-z0-9.] (no empty parts, not tmp or sum): "
                    + abbreviate(extension));
        }
        return root.resolve(key.substring(0, 2)).resolve(key + "." + extension);
    }

    /** The record file beside {@code file}. */
    static Path recordFile(Path file) {
        return file.resolveSibling(file.getFileName() + RECORD_SUFFIX);
    }

    private static String abbreviate(String s) {
        if (s == null) return "null";
        return "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
    }
}
