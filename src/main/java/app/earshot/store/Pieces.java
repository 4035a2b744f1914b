package app.earshot.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Per-piece digests: each artifact is cut into 64 KiB pieces, and its record keeps a digest of each piece, so a reader
 * can check exactly the pieces it sends (a Range, a stream) without reading the rest. The whole file's digest is made
 * from them ({@link #whole}), so every byte is hashed once, whether it is being written, verified or read whole.
 */
final class Pieces {
    /** Bytes per piece (the last piece may be shorter). */
    static final int SIZE = 1 << 16;

    /**
     * How a piece is digested. {@link #CRC32C} where the threat is the disk (rot, torn or crossed copies): it catches
     * every error burst of up to 32 bits and all but one in four billion others, and the JIT compiles it to the CPU's
     * own instruction, C1 included (about 300 times cheaper than SHA-256 under C1). {@link #SHA256} where someone who
     * can write the cache must not be able to change a file and keep its record (a sealed cache, {@link Seal}).
     */
    enum Kind {
        /** The first 16 bytes of the piece's SHA-256: 32 hex digits. */
        SHA256(32),
        /** The piece's CRC32C (Castagnoli), big-endian: 8 hex digits. */
        CRC32C(8);

        /** Hex digits per piece in a record. */
        final int hex;

        Kind(int hex) {
            this.hex = hex;
        }

        /**
         * The kind of {@code pieces}, recorded for {@code length} bytes, told by its hex digits per piece (none: the
         * kind of bytes held in memory, {@link #CRC32C}).
         */
        static Kind of(long length, String pieces) {
            long count = count(length);
            return count > 0 && pieces.length() == count * SHA256.hex ? SHA256 : CRC32C;
        }

        /** The digest hex of one piece's bytes (the buffer's remaining bytes; its position is left unchanged). */
        String digest(ByteBuffer piece) {
            Digester one = new Digester(this);
            one.update(piece.duplicate());
            return one.finish();
        }
    }

    private Pieces() {}

    /** How many pieces {@code length} bytes make. */
    static long count(long length) {
        return (length + SIZE - 1) / SIZE;
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

    /** The whole digest ({@link #whole}) of {@code bytes}' remaining bytes, pieces of {@code kind} (position unchanged). */
    static String wholeOf(ByteBuffer bytes, Kind kind) {
        Digester pieces = new Digester(kind);
        pieces.update(bytes.duplicate());
        return whole(bytes.remaining(), pieces.finish());
    }

    /** Digests a stream of bytes piece by piece, however they are split into writes. */
    static final class Digester {
        private final MessageDigest sha;
        private final CRC32C crc;
        private final StringBuilder hex = new StringBuilder();
        private int filled;
        private long length;

        Digester(Kind kind) {
            this.sha = kind == Kind.SHA256 ? Record.newSha256() : null;
            this.crc = kind == Kind.CRC32C ? new CRC32C() : null;
        }

        void update(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, SIZE - filled);
                if (sha != null) sha.update(b, off, n);
                else crc.update(b, off, n);
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
                if (sha != null) sha.update(slice);
                else crc.update(slice);
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
            if (sha != null) {
                hex.append(HexFormat.of().formatHex(sha.digest(), 0, Kind.SHA256.hex / 2));
            } else {
                hex.append(HexFormat.of().toHexDigits((int) crc.getValue()));
                crc.reset();
            }
            filled = 0;
        }

        /** Every piece's digest, concatenated. */
        String finish() {
            if (filled > 0) close();
            return hex.toString();
        }
    }
}
