package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import app.earshot.App;
import app.earshot.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Earshot behind a real shared cache: nginx with {@code proxy_cache} and {@code proxy_cache_revalidate}, every response
 * kept for one second (whatever its Cache-Control, so every kind is cached) and then revalidated with the origin.
 */
class CachingProxyTest {
    static final String PAGE = ConditionalRequestsTest.PAGE;
    static final String TEXT = ConditionalRequestsTest.TEXT;
    static final List<String> KINDS = List.of("/", "/" + PAGE, "/" + PAGE + "/what-to-bring", "/feed.xml",
            "/" + PAGE + "/feed.xml", "/" + PAGE + ".m3u", "/audio/" + PAGE + "/what-to-bring.mp3", TEXT,
            "/audio/" + PAGE + "/what-to-bring.vtt", "/ivr/" + PAGE + ".vxml", "/sitemap.xml", "/api/openapi.json",
            "/" + PAGE + ".m3u8", "/audio/" + PAGE + "/hls/0.mp3");

    @TempDir
    static Path content;
    @TempDir
    static Path nginxDir;
    static TestServer server;
    static Process nginx;
    static int port;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWarmOnCopy(Path.of("src/test/resources/library"), content);
        Path binary = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(binary)) fail("nginx is missing: install the Debian package 'nginx' (the CI script does)");
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String upstream = server.url("");
        Files.writeString(nginxDir.resolve("nginx.conf"), (System.getProperty("user.name").equals("root") ? "user root;\n" : "") + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  proxy_cache_path %1$s/cache keys_zone=earshot:1m;
                  server {
                    listen 127.0.0.1:%2$d;
                    location / {
                      proxy_pass %3$s;
                      proxy_http_version 1.1;
                      proxy_set_header Host $http_host;
                      proxy_cache earshot;
                      proxy_cache_revalidate on;
                      proxy_ignore_headers Cache-Control Expires;
                      proxy_cache_valid 200 1s;
                      add_header X-Cache $upstream_cache_status always;
                    }
                  }
                }
                """.formatted(nginxDir, port, upstream));
        nginx = new ProcessBuilder(binary.toString(), "-p", nginxDir.toString(), "-c", nginxDir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(nginxDir.resolve("out.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                break;
            } catch (java.io.IOException e) {
                if (!nginx.isAlive() || System.nanoTime() > deadline) fail("nginx did not start: " + Files.readString(nginxDir.resolve("out.log")));
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor();
        }
        if (server != null) server.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) request.headers(headers);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void everyKindIsAnswered304ByTheCacheAndRevalidatedWithTheOrigin() throws Exception {
        Map<String, HttpResponse<String>> first = new LinkedHashMap<>();
        for (String path : KINDS) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path);
            first.put(path, r);
            String etag = r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
            assertEquals(304, get(path, "If-None-Match", etag).statusCode(), path + " If-None-Match " + etag);
            var modified = r.headers().firstValue("Last-Modified");
            if (modified.isPresent()) {
                assertEquals(304, get(path, "If-Modified-Since", modified.get()).statusCode(), path + " If-Modified-Since " + modified.get());
            }
        }
        Thread.sleep(2100); // nginx counts validity in whole seconds: one second kept can be up to two
        for (String path : KINDS) {
            HttpResponse<String> again = get(path);
            assertEquals(200, again.statusCode(), path);
            assertEquals("REVALIDATED", again.headers().firstValue("X-Cache").orElse(""), path + ": the origin did not answer 304");
            assertEquals(first.get(path).body(), again.body(), path);
        }
    }

    @Test
    void anEditIsNeverServedStale() throws Exception {
        String before = get(TEXT).body();
        String page = get("/" + PAGE).body();
        assertTrue(before.contains("medicines") && page.contains("medicines"));
        Path file = content.resolve("pages/" + PAGE + ".md");
        String original = Files.readString(file);
        try {
            Thread.sleep(1100);
            Files.writeString(file, original.replace("Bring your medicines", "Bring your tablets"));
            server.store().replace(App.snapshot(App.load(content)));
            Thread.sleep(2100); // nginx counts validity in whole seconds: one second kept can be up to two
            assertTrue(get(TEXT).body().contains("tablets"), "the spoken text");
            assertTrue(get("/" + PAGE).body().contains("tablets"), "the page");
        } finally {
            Files.writeString(file, original);
            server.store().replace(App.snapshot(App.load(content)));
        }
    }
}
