package app.earshot.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The type map a stock static server needs to send every exported file with the type Earshot sends: written into the
 * export as an nginx include ({@value #NGINX}), an Apache {@value #APACHE} and a Caddyfile snippet ({@value #CADDY}).
 * Stock maps lack or mistype several of Earshot's formats (nginx sends {@code .wav}, {@code .vtt}, {@code .vxml},
 * {@code .ulaw}, {@code .alaw}, {@code .epub} and {@code .m3u} as its default type and {@code .xml} as
 * {@code text/xml}), and no extension map can tell a feed ({@code feed.xml}) from the sitemap, so each file also names
 * the feeds by file name.
 */
public final class HostTypes {
    /** The nginx include, for a {@code server} block (it carries every type the export holds: a {@code types} block there replaces the inherited one). */
    public static final String NGINX = "earshot-nginx.conf";
    /** Apache's per-directory file (needs {@code AllowOverride FileInfo Indexes}, or its lines in the server's configuration). */
    public static final String APACHE = ".htaccess";
    /** The Caddyfile snippet, to import into a site block with {@code file_server}. */
    public static final String CADDY = "earshot.caddy";
    /** Podcast feeds ({@code feed.xml}, and {@code feed.es.xml} for another of the site's languages): RSS, whatever the extension says. */
    static final String FEED_FILE = "feed(\\.[A-Za-z0-9-]+)?\\.xml";
    static final String FEED_TYPE = "application/rss+xml";

    /** Extension (without the dot) and type, for every kind of file an export holds; the types are the live server's. */
    public static final Map<String, String> TYPES = types();

    private HostTypes() {}

    private static Map<String, String> types() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("html", "text/html");
        t.put("css", "text/css");
        t.put("js", "text/javascript");
        t.put("json", "application/json");
        t.put("xml", "application/xml");
        t.put("txt", "text/plain");
        t.put("vtt", "text/vtt");
        t.put("mp3", "audio/mpeg");
        t.put("wav", "audio/wav");
        t.put("ulaw", "audio/basic");
        t.put("alaw", "audio/x-alaw-basic");
        t.put("m3u", "audio/x-mpegurl");
        t.put("m3u8", "application/vnd.apple.mpegurl");
        t.put("vxml", "application/voicexml+xml");
        t.put("grxml", "application/srgs+xml");
        t.put("epub", "application/epub+zip");
        t.put("png", "image/png");
        t.put("jpg", "image/jpeg");
        t.put("ico", "image/vnd.microsoft.icon");
        return java.util.Collections.unmodifiableMap(t);
    }

    /** Writes the three files into the export folder {@code dir}. */
    public static void write(Path dir) {
        put(dir.resolve(NGINX), nginx());
        put(dir.resolve(APACHE), apache());
        put(dir.resolve(CADDY), caddy());
    }

    static String nginx() {
        StringBuilder s = new StringBuilder("# Earshot export: include in the server block that serves it (nginx).\n"
                + "# A types block here replaces the http block's mime.types, so it holds every type the export uses.\n"
                + "types {\n");
        TYPES.forEach((ext, type) -> s.append("    ").append(type).append(' ').append(ext).append(";\n"));
        s.append("}\ncharset utf-8;\ncharset_types ").append(String.join(" ", textTypes())).append(' ').append(FEED_TYPE).append(";\n");
        s.append("location ~ (^|/)").append(FEED_FILE).append("$ {\n    types { }\n    default_type ")
                .append(FEED_TYPE).append(";\n}\n");
        s.append("location / {\n    try_files $uri $uri/index.html =404;\n}\nerror_page 404 /404.html;\n");
        return s.toString();
    }

    static String apache() {
        StringBuilder s = new StringBuilder("# Earshot export: Apache reads this with AllowOverride FileInfo Indexes (or copy it into the server's configuration).\n");
        TYPES.forEach((ext, type) -> s.append("AddType ").append(type).append(" .").append(ext).append('\n'));
        s.append("AddCharset utf-8");
        TYPES.forEach((ext, type) -> {
            if (isText(type)) s.append(" .").append(ext);
        });
        s.append('\n');
        s.append("<FilesMatch \"^").append(FEED_FILE).append("$\">\n    ForceType ").append(FEED_TYPE).append("\n</FilesMatch>\n");
        s.append("DirectoryIndex index.html\nErrorDocument 404 /404.html\n");
        return s.toString();
    }

    static String caddy() {
        StringBuilder s = new StringBuilder("# Earshot export: import into the site block that serves it (Caddy), before file_server.\n");
        int n = 0;
        for (Map.Entry<String, String> e : TYPES.entrySet()) {
            String charset = isText(e.getValue()) ? "; charset=utf-8" : "";
            s.append("@earshot").append(n).append(" {\n    path *.").append(e.getKey()).append('\n');
            if (FEED_FILE.endsWith("." + e.getKey())) s.append("    not path_regexp (^|/)").append(FEED_FILE).append("$\n");
            s.append("}\nheader @earshot").append(n++).append(" Content-Type \"").append(e.getValue()).append(charset).append("\"\n");
        }
        s.append("@earshotfeed path_regexp (^|/)").append(FEED_FILE).append("$\n");
        s.append("header @earshotfeed Content-Type \"").append(FEED_TYPE).append("; charset=utf-8\"\n");
        s.append("try_files {path} {path}/index.html\nhandle_errors {\n    rewrite * /404.html\n    file_server\n}\n");
        return s.toString();
    }

    /** Types whose files are UTF-8 text (a charset is sent with them, as the live server does). */
    static boolean isText(String type) {
        return type.startsWith("text/") || type.endsWith("json") || type.endsWith("xml") || type.contains("mpegurl");
    }

    private static java.util.List<String> textTypes() {
        return TYPES.values().stream().filter(HostTypes::isText).distinct().filter(t -> !t.equals("text/html")).toList();
    }

    private static void put(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
