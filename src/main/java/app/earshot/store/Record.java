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
 * {@code earshot-sum-4 <key>.<extension> <length> <digest> <piece digests>}: the name it was written for, so a
 * file and record copied under another name are refused; its length; per 64 KiB piece, its CRC32C (8 hex digits
 * each, concatenated), so every read path can check exactly the pieces it sends; and the whole file's digest made
 * from those ({@link Pieces#whole}), so writing or verifying a file reads each byte once. A sealed store ({@link Seal})
 * writes {@code earshot-sum-3} instead, the same line with the first 16 bytes of each piece's SHA-256 (32 hex digits),
 * which no one without the key can match by changing the bytes. Both are read whichever the store writes, and so
 * are records of {@code earshot-sum-2} (SHA-256 pieces, its digest the SHA-256 of the bytes themselves), so a cache
 * written before keeps serving; {@code earshot-sum-1} records do not parse, and their files are made again once.
 * With a cache key the line ends with {@code mac=<HMAC-SHA256 hex>} of everything before it.
 *
 * @param name    the artifact's file name, {@code <key>.<extension>}
 * @param length  its length in bytes
 * @param sha256  its digest, 64 lower-case hex digits: {@link Pieces#whole} (or, in a previous-format record, the
 *                SHA-256 of its bytes)
 * @param pieces  the piece digests, {@link Pieces.Kind#hex} hex digits per piece ({@link #kind()})
 * @param version 4 (CRC32C pieces), 3 (SHA-256 pieces), or 2 (SHA-256 pieces, a digest of the bytes)
 */
record Record(String name, long length, String sha256, String pieces, int version) {
    private static final String FORMAT = "earshot-sum-";
    /** The format an unsealed store writes: CRC32C pieces. */
    static final int VERSION = 4;
    /** The format a sealed store writes: SHA-256 pieces. */
    static final int SEALED_VERSION = 3;
    private static final Pattern LINE = Pattern.compile(FORMAT
            + "([234]) ([0-9a-f]{64}\\.[a-z0-9.]{1,12}) (\\d{1,15}) ([0-9a-f]{64}) ([0-9a-f]*)(?: mac=([0-9a-f]{64}))?\\n?");
    /** Longest record read: 2 GiB of artifact in 64 KiB pieces. */
    private static final int MAX_RECORD_BYTES = 300 + (1 << 15) * Pieces.Kind.SHA256.hex;

    /** The format a store sealed with {@code seal} writes. */
    static int versionFor(Seal seal) {
        return seal.keyed() ? SEALED_VERSION : VERSION;
    }

    /** A record in format {@code version} (3 or 4) for {@code length} bytes with these {@code pieces}, named {@code name}. */
    static Record of(String name, long length, String pieces, int version) {
        return new Record(name, length, Pieces.whole(length, pieces), pieces, version);
    }

    /** How this record's pieces are digested. */
    Pieces.Kind kind() {
        return kindOf(version);
    }

    /** How a record of format {@code version} digests its pieces. */
    static Pieces.Kind kindOf(int version) {
        return version >= VERSION ? Pieces.Kind.CRC32C : Pieces.Kind.SHA256;
    }

    /** True for a record of format 2, whose digest is of the bytes themselves. */
    boolean previousFormat() {
        return version == 2;
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
        if (record.pieces().length() != Pieces.count(record.length()) * record.kind().hex) {
            throw new IOException("its record of pieces does not fit its length");
        }
        if (!record.previousFormat() && !record.sha256().equals(Pieces.whole(record.length(), record.pieces()))) {
            throw new IOException("its record's digest does not fit its pieces");
        }
        return record;
    }

    /**
     * The record of a whole file as it is now, read once in 64 KB pieces (never through a symlink), in the format of
     * {@code like}: its kind of piece digest, and for a format-2 record the bytes also hashed whole, as its digest is.
     */
    static Record of(Path file, Record like) throws IOException {
        MessageDigest sha = like.previousFormat() ? newSha256() : null;
        Pieces.Digester pieces = new Pieces.Digester(like.kind());
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
        return sha == null ? of(name, pieces.length(), digests, like.version())
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
