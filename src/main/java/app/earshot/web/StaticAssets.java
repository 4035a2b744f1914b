package app.earshot.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stylesheet, the read-along script and the favicon, read once from the classpath and served from memory; the
 * stylesheet and script under a path that changes whenever their bytes do, so browsers may cache them for a year.
 */
public final class StaticAssets {
    private final byte[] css;
    private final byte[] script;
    private final byte[] favicon;
    private final String version;

    public StaticAssets() {
        css = read("/static/earshot.css");
        script = read("/static/readalong.js");
        favicon = read("/static/favicon.ico");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(css);
            sha.update(script);
            version = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL path the pages link to. */
    public String cssPath() {
        return "/static/" + version + "/earshot.css";
    }

    /** The URL path of the read-along script. */
    public String scriptPath() {
        return "/static/" + version + "/readalong.js";
    }

    String version() {
        return version;
    }

    byte[] css() {
        return css;
    }

    byte[] script() {
        return script;
    }

    byte[] favicon() {
        return favicon;
    }
}
