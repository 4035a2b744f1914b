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
 * {@code earshot-sum-3 <key>.<extension> <length> <digest> <piece digests>}: the name it was written for, so a
 * file and record copied under another name are refused; its length; per 64 KiB piece, the first 16 bytes of the
 * piece's SHA-256 (32 hex digits each, concatenated), so every read path can check exactly the pieces it sends; and the
 * whole file's digest made from those ({@link Pieces#whole}), so writing or verifying a file hashes each byte once.
 * Records of the previous format ({@code earshot-sum-2}, whose digest is the SHA-256 of the bytes themselves) are
 * still read and verified that way, so a cache written before keeps serving; {@code earshot-sum-1} records do not
 * parse, and their files are made again once. With a cache key ({@link Seal}) the line ends with
 * {@code mac=<HMAC-SHA256 hex>} of everything before it.
 *
 * @param name    the artifact's file name, {@code <key>.<extension>}
 * @param length  its length in bytes
 * @param sha256  its digest, 64 lower-case hex digits: {@link Pieces#whole} (or, in a previous-format record, the
 *                SHA-256 of its bytes)
 * @param pieces  the piece digests, {@link Pieces#HEX_PER_PIECE} hex digits per piece
 * @param version 3, or 2 for a record of the previous format
 */
record Record(String name, long length, String sha256, String pieces, int version) {
    private static final String FORMAT = "earshot-sum-";
    /** The format records are written in. */
    static final int VERSION = 3;
    private static final Pattern LINE = Pattern.compile(FORMAT
            + "([23]) ([0-9a-f]{64}\\.[a-z0-9.]{1,12}) (\\d{1,15}) ([0-9a-f]{64}) ([0-9a-f]*)(?: mac=([0-9a-f]{64}))?\\n?");
    /** Longest record read: 2 GiB of artifact in 64 KiB pieces. */
    private static final int MAX_RECORD_BYTES = 300 + (1 << 15) * Pieces.HEX_PER_PIECE;

    /** A record of the current format for {@code length} bytes with these {@code pieces}, named {@code name}. */
    static Record of(String name, long length, String pieces) {
        return new Record(name, length, Pieces.whole(length, pieces), pieces, VERSION);
    }

    /** True for a record of the previous format, whose digest is of the bytes themselves. */
    boolean previousFormat() {
        return version != VERSION;
    }

    /** The record's text, signed with {@code seal} (a MAC is added when it has a key). */
    byte[] encode(Seal seal) {
        String mac = seal.sign(text());
        return (text() + (mac.isEmpty() ? "" : " mac=" + mac) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private String text() {
        return FORMAT + version + " " + name + " " + length + " " + sha256 + " " + pieces;
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
        Record record = new Record(m.group(2), Long.parseLong(m.group(3)), m.group(4), m.group(5), Integer.parseInt(m.group(1)));
        seal.check(record.text(), m.group(6) == null ? "" : m.group(6));
        if (record.pieces().length() != Pieces.count(record.length()) * Pieces.HEX_PER_PIECE) {
            throw new IOException("its record of pieces does not fit its length");
        }
        if (!record.previousFormat() && !record.sha256().equals(Pieces.whole(record.length(), record.pieces()))) {
            throw new IOException("its record's digest does not fit its pieces");
        }
        return record;
    }

    /**
     * The record of a whole file as it is now, read once in 64 KB pieces (never through a symlink), in the format of
     * {@code like}: for a previous-format record the bytes are also hashed whole, as that format's digest is.
     */
    static Record of(Path file, Record like) throws IOException {
        MessageDigest sha = like.previousFormat() ? newSha256() : null;
        Pieces.Digester pieces = new Pieces.Digester();
        ByteBuffer buffer = ByteBuffer.allocate(Pieces.SIZE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                pieces.update(buffer.array(), 0, buffer.limit());
                if (sha != null) sha.update(buffer);
                buffer.clear();
            }
        }
        String name = file.getFileName().toString();
        String digests = pieces.finish();
        return sha == null ? of(name, pieces.length(), digests)
                : new Record(name, pieces.length(), HexFormat.of().formatHex(sha.digest()), digests, like.version());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
