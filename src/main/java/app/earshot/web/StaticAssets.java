package app.earshot.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stylesheet, read once from the classpath and served from memory under a path that changes
 * whenever its bytes do, so browsers may cache it for a year.
 */
public final class StaticAssets {
    private final byte[] css;
    private final String version;

    public StaticAssets() {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/static/earshot.css")) {
            if (in == null) throw new IllegalStateException("static/earshot.css missing from the classpath");
            css = in.readAllBytes();
            version = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(css)).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL path the pages link to. */
    public String cssPath() {
        return "/static/" + version + "/earshot.css";
    }

    String version() {
        return version;
    }

    byte[] css() {
        return css;
    }
}
