package app.earshot.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record written beside each artifact ({@code <name>.sum}):
 * {@code earshot-sum-2 <key>.<extension> <length> <sha-256 hex> <piece digests>}: the name it was written for, so a
 * file and record copied under another name are refused; what the whole file must hold; and, per 64 KiB piece, the
 * first 16 bytes of the piece's SHA-256 (32 hex digits each, concatenated), so every read path can check exactly the
 * pieces it sends. Records of the earlier format ({@code earshot-sum-1}) do not parse: their files are made again once.
 * With a cache key ({@link Seal}) the line ends with {@code mac=<HMAC-SHA256 hex>} of everything before it.
 *
 * @param name   the artifact's file name, {@code <key>.<extension>}
 * @param length its length in bytes
 * @param sha256 its SHA-256, 64 lower-case hex digits
 * @param pieces the piece digests, {@link Pieces#HEX_PER_PIECE} hex digits per piece
 */
record Record(String name, long length, String sha256, String pieces) {
    private static final String FORMAT = "earshot-sum-2";
    private static final Pattern LINE = Pattern.compile(FORMAT
            + " ([0-9a-f]{64}\\.[a-z0-9.]{1,12}) (\\d{1,15}) ([0-9a-f]{64}) ([0-9a-f]*)(?: mac=([0-9a-f]{64}))?\\n?");
    /** Longest record read: 2 GiB of artifact in 64 KiB pieces. */
    private static final int MAX_RECORD_BYTES = 300 + (1 << 15) * Pieces.HEX_PER_PIECE;

    /** The record's text, signed with {@code seal} (a MAC is added when it has a key). */
    byte[] encode(Seal seal) {
        String mac = seal.sign(text());
        return (text() + (mac.isEmpty() ? "" : " mac=" + mac) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private String text() {
        return FORMAT + " " + name + " " + length + " " + sha256 + " " + pieces;
    }

    /**
     * Reads a record file; one that does not parse, or whose MAC {@code seal} refuses (missing or wrong with a key),
     * is an {@link IOException}.
     */
    static Record read(Path recordFile, Seal seal) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(recordFile, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_RECORD_BYTES);
        }
        Matcher m = LINE.matcher(new String(bytes, StandardCharsets.US_ASCII));
        if (!m.matches()) throw new IOException("its record of length and checksum is unreadable");
        Record record = new Record(m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(4));
        seal.check(record.text(), m.group(5) == null ? "" : m.group(5));
        if (record.pieces().length() != Pieces.count(record.length()) * Pieces.HEX_PER_PIECE) {
            throw new IOException("its record of pieces does not fit its length");
        }
        return record;
    }

    /** The record of a whole file as it is now, read once in 64 KB pieces (never through a symlink). */
    static Record of(Path file) throws IOException {
        MessageDigest sha = newSha256();
        Pieces.Digester pieces = new Pieces.Digester();
        long length = 0;
        ByteBuffer buffer = ByteBuffer.allocate(Pieces.SIZE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = channel.read(buffer)) >= 0) {
                buffer.flip();
                pieces.update(buffer.array(), 0, buffer.limit());
                sha.update(buffer);
                buffer.clear();
                length += n;
            }
        }
        return new Record(file.getFileName().toString(), length, HexFormat.of().formatHex(sha.digest()), pieces.finish());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
