package app.earshot.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Per-piece digests: each artifact is cut into 64 KiB pieces, and its record keeps the first 16 bytes of each
 * piece's SHA-256, so a reader can check exactly the pieces it sends (a Range, a stream) without reading the rest.
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

    /** Digests a stream of bytes piece by piece, however they are split into writes. */
    static final class Digester {
        private final MessageDigest sha = Record.newSha256();
        private final StringBuilder hex = new StringBuilder();
        private int filled;

        void update(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, SIZE - filled);
                sha.update(b, off, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == SIZE) close();
            }
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
