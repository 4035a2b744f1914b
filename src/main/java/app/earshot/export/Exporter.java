package app.earshot.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a complete static copy of a running Earshot: starting from the home page and a few
 * unlinked entry points (feeds, playlists, API, VoiceXML), it fetches every same-site URL that the
 * responses name and stores each as a file whose extension gives the right Content-Type on a plain
 * static server: {@code /what-is-ketamine} becomes {@code what-is-ketamine/index.html}, a JSON URL
 * without an extension gains {@code .json}. URLs with a query string are dynamic and are skipped;
 * so are {@code /healthz}, {@code /metrics} and the TwiML webhooks (a phone platform POSTs to them: they
 * stay with the server). Fetches are bounded in number.
 */
public final class Exporter {
    static final int MAX_URLS = 20_000;
    private static final Pattern QUOTED_PATH = Pattern.compile("(?:\"|'|=|\\s|^|\\()(/[A-Za-z0-9][A-Za-z0-9._~%/-]*)", Pattern.MULTILINE);
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s(?:href|src)=\"(/[^\"]*)\"");
    private static final Set<String> SKIP = Set.of("/healthz", "/metrics");
    /** Set on an answer that lists things not made yet (the JSON API, like the feed's X-Episodes-Pending). */
    static final String PENDING_HEADER = "X-Renderings-Pending";
    /** Set on a feed that leaves out episodes not made yet. */
    static final String EPISODES_PENDING_HEADER = "X-Episodes-Pending";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String origin;
    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * @param origin  where the running server answers, e.g. {@code http://127.0.0.1:41234}
     * @param baseUrl the public base URL written into absolute links (feeds), or null; links under it
     *                are followed like relative ones
     */
    public Exporter(String origin, String baseUrl) {
        this.origin = origin.replaceAll("/+$", "");
        this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
    }

    /** What was written. */
    public record Result(int files, long bytes) {}

    /**
     * Exports into {@code dir} (created if missing; existing files with the same names are replaced).
     *
     * @param seeds    paths to start from besides "/" (unlinked entry points); a seed that answers 404 is skipped
     * @param progress told each path as it is written
     */
    public Result export(Path dir, List<String> seeds, Consumer<String> progress) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> linkedFromPages = new java.util.HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add("/");
        queue.addAll(seeds);
        int files = 0;
        long bytes = 0;
        // Answers that list renderings not made yet (the API answers at once from what is ready; a feed leaves out
        // episodes not made yet, and with them their chapters and transcripts) are fetched again once
        // the crawl has fetched, and so made, everything they name.
        Set<String> incomplete = new LinkedHashSet<>();
        Set<Path> written = new java.util.HashSet<>();
        for (int pass = 0; pass < 3; pass++) {
            if (pass > 0) {
                if (incomplete.isEmpty()) break;
                for (String path : incomplete) {
                    seen.remove(path);
                    queue.add(path);
                }
                incomplete.clear();
            }
            while (!queue.isEmpty()) {
                String path = queue.poll();
                if (!seen.add(path)) continue;
                if (seen.size() > MAX_URLS) throw new IllegalStateException("more than " + MAX_URLS + " URLs; stopping");
                HttpResponse<byte[]> response = fetch(path);
                if (response.statusCode() != 200) {
                    // A page's own link must work; a path merely mentioned in JSON or XML, or a seed, may not exist.
                    if (linkedFromPages.contains(path)) {
                        throw new IllegalStateException("broken link: " + path + " answered " + response.statusCode());
                    }
                    continue;
                }
                if (response.headers().firstValue(PENDING_HEADER).or(() -> response.headers().firstValue(EPISODES_PENDING_HEADER))
                        .isPresent()) {
                    incomplete.add(path);
                }
                String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
                Path file = dir.resolve(fileFor(path, type));
                boolean again = !written.add(file);
                byte[] body = path.startsWith("/api/pages") && type.contains("json") ? withoutWebhooks(response.body()) : response.body();
                write(file, body);
                if (!again) files++;
                if (!again) bytes += body.length;
                progress.accept(path);
                if (isText(type)) {
                    String text = new String(response.body(), StandardCharsets.UTF_8);
                    boolean html = type.startsWith("text/html");
                    for (String link : html ? attributeLinks(text) : links(text)) {
                        if (html) linkedFromPages.add(link);
                        if (!seen.contains(link)) queue.add(link);
                    }
                }
            }
        }
        if (!incomplete.isEmpty()) throw new IllegalStateException("still incomplete after the crawl: " + incomplete);
        HttpResponse<byte[]> notFound = fetch("/404-this-page-does-not-exist");
        write(dir.resolve("404.html"), notFound.body());
        HostTypes.write(dir);
        return new Result(files + 1, bytes + notFound.body().length);
    }

    /** The file a static server must hold to answer {@code path} with {@code contentType}. */
    static String fileFor(String path, String contentType) {
        String relative = path.substring(1);
        String last = relative.substring(relative.lastIndexOf('/') + 1);
        String type = contentType.toLowerCase(Locale.ROOT);
        // "/api/pages/" is "/api/pages" to the server; only a page is a folder's index.html.
        if (relative.endsWith("/") && !type.startsWith("text/html")) return fileFor(path.substring(0, path.length() - 1), contentType);
        if (relative.isEmpty() || relative.endsWith("/")) return relative + "index.html";
        if (last.contains(".")) return relative;
        if (type.startsWith("text/html")) return relative + "/index.html";
        if (type.contains("json")) return relative + ".json";
        if (type.contains("xml")) return relative + ".xml";
        if (type.startsWith("text/plain")) return relative + ".txt";
        return relative;
    }

    /**
     * A JSON API answer without the URLs only a running server answers (the TwiML webhooks, which a phone platform
     * POSTs to): a static host would answer them 404, so the export's API does not name them. Other bytes are kept.
     */
    static byte[] withoutWebhooks(byte[] json) {
        try {
            JsonNode tree = JSON.readTree(json);
            if (!removeWebhooks(tree)) return json;
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("an API answer that is not JSON", e);
        }
    }

    private static boolean removeWebhooks(JsonNode node) {
        boolean removed = false;
        if (node instanceof ObjectNode object) {
            List<String> webhooks = new java.util.ArrayList<>();
            object.fields().forEachRemaining(f -> {
                if (f.getValue().isTextual() && isWebhook(f.getValue().asText())) webhooks.add(f.getKey());
            });
            object.remove(webhooks);
            removed = !webhooks.isEmpty();
        }
        for (JsonNode child : node) removed |= removeWebhooks(child);
        return removed;
    }

    private static boolean isWebhook(String url) {
        return url.endsWith("/twiml");
    }

    /** Same-site paths in an HTML page's href and src attributes. */
    static Set<String> attributeLinks(String html) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = ATTRIBUTE.matcher(html);
        while (m.find()) {
            String path = m.group(1).replace("&amp;", "&");
            int hash = path.indexOf('#');
            if (hash >= 0) path = path.substring(0, hash);
            if (path.isEmpty() || path.startsWith("//") || path.contains("?") || SKIP.contains(path) || isWebhook(path)) continue;
            out.add(path);
        }
        return out;
    }

    /** Same-site paths named in a text response: attribute values, JSON strings, playlist lines, absolute base URLs. */
    Set<String> links(String text) {
        Set<String> out = new LinkedHashSet<>();
        String body = baseUrl == null ? text : text.replace(baseUrl + "/", "/");
        body = body.replace(origin + "/", "/");
        Matcher m = QUOTED_PATH.matcher(body);
        while (m.find()) {
            String path = m.group(1);
            // A path template ("/api/pages/{slug}" in the OpenAPI document) names no URL.
            if (m.end(1) < body.length() && body.charAt(m.end(1)) == '{') continue;
            int hash = path.indexOf('#');
            if (hash >= 0) path = path.substring(0, hash);
            if (path.startsWith("//") || path.contains("/../") || path.endsWith("/..") || SKIP.contains(path)
                    || isWebhook(path)) continue;
            out.add(path);
        }
        return out;
    }

    private static boolean isText(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") && !t.startsWith("text/vtt") && !t.startsWith("text/css")
                || t.contains("json") || t.contains("xml") || t.contains("mpegurl");
    }

    private HttpResponse<byte[]> fetch(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("fetching " + path + ": " + app.earshot.store.Problem.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".part");
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + ": " + app.earshot.store.Problem.reason(e), e);
        }
    }

}
