package app.earshot.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Per-piece digests: each artifact is cut into 64 KiB pieces, and its record keeps the first 16 bytes of each
 * piece's SHA-256, so a reader can check exactly the pieces it sends (a Range, a stream) without reading the rest.
 * The whole file's digest is made from them ({@link #whole}), so every byte is hashed once, whether it is being
 * written, verified or read whole.
 */
final class Pieces {
    /** Bytes per piece (the last piece may be shorter). */
    static final int SIZE = 1 << 16;
    /** Hex digits per piece in a record: 16 bytes of SHA-256. */
    static final int HEX_PER_PIECE = 32;

    private Pieces() {}

    /** How many pieces {@code length} bytes make. */
    static long count(long length) {
        return (length + SIZE - 1) / SIZE;
    }

    /** The digest hex of one piece's bytes (the buffer's remaining bytes; its position is left unchanged). */
    static String digest(ByteBuffer piece) {
        MessageDigest sha = Record.newSha256();
        sha.update(piece.duplicate());
        return HexFormat.of().formatHex(sha.digest(), 0, HEX_PER_PIECE / 2);
    }

    /**
     * The digest of a whole artifact: the SHA-256 (64 hex digits) of the ASCII text {@code <length> <piece digests>}
     * (as in {@code printf '%s %s' LENGTH PIECES | sha256sum}). Equal for two files exactly when their lengths and
     * every piece's digest are.
     */
    static String whole(long length, String pieces) {
        MessageDigest sha = Record.newSha256();
        return HexFormat.of().formatHex(sha.digest((length + " " + pieces).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** The whole digest ({@link #whole}) of {@code bytes}' remaining bytes (its position is left unchanged). */
    static String wholeOf(ByteBuffer bytes) {
        Digester pieces = new Digester();
        pieces.update(bytes.duplicate());
        return whole(bytes.remaining(), pieces.finish());
    }

    /** Digests a stream of bytes piece by piece, however they are split into writes. */
    static final class Digester {
        private final MessageDigest sha = Record.newSha256();
        private final StringBuilder hex = new StringBuilder();
        private int filled;
        private long length;

        void update(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, SIZE - filled);
                sha.update(b, off, n);
                filled += n;
                length += n;
                off += n;
                len -= n;
                if (filled == SIZE) close();
            }
        }

        void update(ByteBuffer b) {
            while (b.hasRemaining()) {
                int n = Math.min(b.remaining(), SIZE - filled);
                ByteBuffer slice = b.slice();
                slice.limit(n);
                sha.update(slice);
                b.position(b.position() + n);
                filled += n;
                length += n;
                if (filled == SIZE) close();
            }
        }

        /** Bytes digested so far. */
        long length() {
            return length;
        }

        private void close() {
            hex.append(HexFormat.of().formatHex(sha.digest(), 0, HEX_PER_PIECE / 2));
            filled = 0;
        }

        /** Every piece's digest, concatenated. */
        String finish() {
            if (filled > 0) close();
            return hex.toString();
        }
    }
}
