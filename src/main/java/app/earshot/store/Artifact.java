package app.earshot.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One verified artifact of the {@link ArtifactStore}, held either as a complete file on disk (the normal case) or,
 * when the disk refused the write, as bytes in memory; exactly one of {@link #path()} and {@link #bytes()} is present.
 *
 * @param key          the content key ({@link ArtifactStore#key(String...)})
 * @param extension    file extension without the dot, e.g. "wav"
 * @param path         the complete file, or null when held in memory
 * @param bytes        read-only bytes, or null when on disk
 * @param size         length in bytes, as recorded when it was written
 * @param lastModified when the file was written (or the bytes produced), for Last-Modified headers
 * @param sha256       the digest of the bytes (64 lower-case hex digits: the SHA-256 of the length and the piece
 *                     digests, {@link Pieces#whole}), as recorded when it was written
 * @param pieces       per 64 KiB piece, its digest in hex as recorded (a CRC32C, or in a sealed store's and older
 *                     records the first 16 bytes of its SHA-256; {@link Pieces.Kind#of}); empty when in memory
 */
public record Artifact(String key, String extension, Path path, ByteBuffer bytes, long size, Instant lastModified,
                       String sha256, String pieces) {
    /** Bytes per piece that {@link #pieceIsIntact} checks: read and check whole pieces, from a multiple of this. */
    public static final int PIECE_BYTES = Pieces.SIZE;


    public Artifact {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(pieces, "pieces");
        if ((path == null) == (bytes == null)) throw new IllegalArgumentException("exactly one of path and bytes");
        if (bytes != null) bytes = bytes.asReadOnlyBuffer();
    }

    static Artifact onDisk(String key, String extension, Path path, long size, Instant lastModified, String sha256,
                           String pieces) {
        return new Artifact(key, extension, path, null, size, lastModified, sha256, pieces);
    }

    static Artifact inMemory(String key, String extension, byte[] bytes, Instant produced, String sha256) {
        return new Artifact(key, extension, null, ByteBuffer.wrap(bytes), bytes.length, produced, sha256, "");
    }

    /**
     * True if {@code piece} (its remaining bytes) is exactly piece number {@code index} as recorded: the bytes from
     * {@code index * PIECE_BYTES}, {@link #PIECE_BYTES} of them or up to the end. Always true for bytes in memory.
     */
    public boolean pieceIsIntact(long index, ByteBuffer piece) {
        if (path == null) return true;
        Pieces.Kind kind = kind();
        if (index < 0 || (index + 1) * kind.hex > pieces.length()) return false;
        int at = Math.toIntExact(index * kind.hex);
        long expectedLength = Math.min(PIECE_BYTES, size - index * PIECE_BYTES);
        return piece.remaining() == expectedLength
                && pieces.regionMatches(at, kind.digest(piece), 0, kind.hex);
    }

    /** A fresh read-only view of the in-memory bytes (so concurrent readers do not share a position), or null. */
    @Override
    public ByteBuffer bytes() {
        return bytes == null ? null : bytes.duplicate();
    }

    /** The file, if this entry lives on disk. */
    public Optional<Path> file() {
        return Optional.ofNullable(path);
    }

    /** True when the disk refused the write and the bytes are served from memory. */
    public boolean inMemory() {
        return bytes != null;
    }

    /** The content from the start, whichever way it is held. */
    public InputStream open() throws IOException {
        if (path != null) return Files.newInputStream(path, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        ByteBuffer view = bytes();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return new ByteArrayInputStream(copy);
    }

    /**
     * The whole content as a new array, checked against the recorded length and digest.
     *
     * @throws IOException if the file no longer holds exactly what was verified
     */
    public byte[] readAllBytes() throws IOException {
        byte[] all;
        try (InputStream in = open()) {
            all = in.readAllBytes();
        }
        if (!isWhole(ByteBuffer.wrap(all))) {
            throw new IOException("cached " + extension + " " + key.substring(0, 12) + " changed on disk since it was verified");
        }
        return all;
    }

    /** True if {@code all} (its remaining bytes; its position is left unchanged) is exactly this artifact's content. */
    public boolean isWhole(ByteBuffer all) {
        return all.remaining() == size && sha256.equals(Pieces.wholeOf(all, kind()));
    }

    private Pieces.Kind kind() {
        return Pieces.Kind.of(size, pieces);
    }

    /** A check of the whole content read in order: feed it every byte, then ask {@link Check#isWhole()}. */
    public Check check() {
        return new Check();
    }

    /** Digests bytes as they are read (each once) and tells whether they were exactly the artifact's content. */
    public final class Check {
        private final Pieces.Digester pieces = new Pieces.Digester(kind());

        private Check() {}

        /** The next {@code len} bytes of the content. */
        public void update(byte[] b, int off, int len) {
            pieces.update(b, off, len);
        }

        /** True if the bytes given were the whole content, exactly as recorded. */
        public boolean isWhole() {
            return pieces.length() == size && sha256.equals(Pieces.whole(size, pieces.finish()));
        }
    }
}
