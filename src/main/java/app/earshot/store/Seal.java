package app.earshot.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed MAC on records, for a cache shared between machines: with a secret kept outside the cache, each record
 * carries an HMAC-SHA256 of its text (name, length, SHA-256, piece digests), so a record forged by anyone without the
 * secret is refused (its file is discarded and made again). {@link #NONE}, the default, signs nothing and checks no MAC.
 */
public final class Seal {
    /** No key: records are unsigned, and a signed record's MAC is not checked. */
    public static final Seal NONE = new Seal(null);
    /** Fewest bytes a key file must hold (128 bits). */
    static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;

    private Seal(byte[] key) {
        this.key = key == null ? null : new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The seal keyed with the contents of {@code keyFile} (surrounding white space removed).
     *
     * @throws IllegalArgumentException if the file cannot be read, holds fewer than 16 bytes, or lies inside
     *                                  {@code cache} (a secret kept in the cache it protects protects nothing)
     */
    public static Seal keyedFrom(Path keyFile, Path cache) {
        Path file = keyFile.toAbsolutePath().normalize();
        if (file.startsWith(cache.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the cache key file " + keyFile + " must be kept outside the cache " + cache);
        }
        byte[] bytes;
        try {
            bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip().getBytes(StandardCharsets.ISO_8859_1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("the cache key file " + keyFile + (keyFile.isAbsolute() ? "" : " (" + file + ")")
                    + " does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read the cache key file " + keyFile + ": permission denied");
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
            throw new IllegalArgumentException("cannot read the cache key file " + keyFile + ": " + why);
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the cache key file " + keyFile + " holds " + bytes.length
                    + " bytes; a key needs at least " + MIN_KEY_BYTES + " (e.g. head -c 32 /dev/urandom | base64 > FILE)");
        }
        Seal seal = new Seal(bytes);
        Arrays.fill(bytes, (byte) 0);
        return seal;
    }

    /** True when records are signed and checked. */
    public boolean keyed() {
        return key != null;
    }

    /** The MAC of a record's text, 64 hex digits; "" without a key. */
    String sign(String text) {
        if (key == null) return "";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Refuses {@code text}'s record unless {@code mac} is its MAC under this key (anything passes without a key). */
    void check(String text, String mac) throws IOException {
        if (key == null) return;
        if (mac.isEmpty()) throw new IOException("its record is not signed with the cache key");
        byte[] expected = sign(text).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, mac.getBytes(StandardCharsets.US_ASCII))) {
            throw new IOException("its record's MAC does not match the cache key");
        }
    }
}
