package app.earshot;

import app.earshot.narration.Narrator;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.web.WebApp;
import app.earshot.content.Site;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A real Earshot server on a free loopback port, with a plain HTTP client, for tests. */
public final class TestServer implements AutoCloseable {
    /** Audio made by one test class is reused by the next: synthesis is real but needs doing only once per run. */
    public static final Path SHARED_AUDIO_CACHE = Path.of("target", "test-audio-cache");
    /** One voice pool for the whole test run, as a server has. */
    public static final FreeTtsSynthesizer SYNTHESIZER = new FreeTtsSynthesizer(2, java.time.Duration.ofSeconds(60));

    private final Javalin app;
    private final Narrator narrator;
    private final SnapshotStore store;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private TestServer(Javalin app, SnapshotStore store, Narrator narrator) {
        this.app = app;
        this.store = store;
        this.narrator = narrator;
    }

    public SnapshotStore store() {
        return store;
    }

    public Narrator narrator() {
        return narrator;
    }

    /** Copies the folder {@code from} (a fixture) into {@code to}, replacing files already there. */
    public static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) java.nio.file.Files.createDirectories(target);
                else java.nio.file.Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Starts a server on the fixture site ({@link Fixture}). */
    public static TestServer start() {
        return start(Fixture.SITE);
    }

    public static TestServer start(Path contentDir) {
        return start(contentDir, SHARED_AUDIO_CACHE, SYNTHESIZER);
    }

    /** A server on a copy of {@code fixture} in {@code dir} (which a test may edit), with every page's audio made. */
    public static TestServer startWarmOnCopy(Path fixture, Path dir) throws IOException {
        copyTree(fixture, dir);
        TestServer server = start(dir);
        server.site().pages().forEach(server::warm);
        return server;
    }

    /** A server on {@code contentDir} with the authors' pronunciation preview on ({@code serve --preview}). */
    public static TestServer startWithPreview(Path contentDir) {
        try {
            App.Content content = App.load(contentDir);
            Narrator narrator = App.narrator(SHARED_AUDIO_CACHE, SYNTHESIZER);
            SnapshotStore store = new SnapshotStore(App.snapshot(content));
            app.earshot.web.PronunciationPreview preview = new app.earshot.web.PronunciationPreview(SYNTHESIZER,
                    page -> readLines(contentDir.resolve("pages").resolve(page.slug() + ".md")));
            Javalin app = WebApp.builder(store, narrator).preview(preview).build().start("127.0.0.1", 0);
            return new TestServer(app, store, narrator);
        } catch (Exception e) {
            throw new IllegalStateException("test server failed to start", e);
        }
    }

    private static java.util.List<String> readLines(Path file) {
        try {
            return java.nio.file.Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server with its own audio cache folder and synthesizer (a fake, or a counting wrapper). */
    public static TestServer start(Path contentDir, Path audioCache, app.earshot.speech.Synthesizer synthesizer) {
        return start(contentDir, audioCache, synthesizer, builder -> builder);
    }

    /** A server on {@code contentDir} (the shared cache and voices) built with {@code configure} applied to its builder. */
    public static TestServer start(Path contentDir, java.util.function.UnaryOperator<WebApp.Builder> configure) {
        return start(contentDir, SHARED_AUDIO_CACHE, SYNTHESIZER, configure);
    }

    private static TestServer start(Path contentDir, Path audioCache, app.earshot.speech.Synthesizer synthesizer,
                                    java.util.function.UnaryOperator<WebApp.Builder> configure) {
        try {
            App.Content content = App.load(contentDir);
            Narrator narrator = App.narrator(audioCache, synthesizer);
            SnapshotStore store = new SnapshotStore(App.snapshot(content));
            Javalin app = configure.apply(WebApp.builder(store, narrator)).build().start("127.0.0.1", 0);
            return new TestServer(app, store, narrator);
        } catch (Exception e) {
            throw new IllegalStateException("test server failed to start", e);
        }
    }

    /** The content being served now. */
    public Site site() {
        return store.current().site();
    }

    /** Makes every normal-speed file of {@code page} as the content being served now speaks it. */
    public void warm(app.earshot.content.Page page) {
        new app.earshot.narration.Warmer(narrator, 0).page(voicing(), page, () -> {});
    }

    /** How the content being served now is spoken. */
    public app.earshot.narration.Voicing voicing() {
        return store.current().voicing();
    }

    /** Connections the server holds open now (accepted and not yet closed). */
    public int openConnections() {
        int open = 0;
        for (var connector : app.jettyServer().server().getConnectors()) open += connector.getConnectedEndPoints().size();
        return open;
    }

    /** The most worker threads the server will ever run (Jetty's pool), or -1 if its pool has no fixed size. */
    public int maxThreads() {
        return app.jettyServer().server().getThreadPool() instanceof org.eclipse.jetty.util.thread.ThreadPool.SizedThreadPool pool
                ? pool.getMaxThreads() : -1;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    public HttpResponse<String> request(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> getBytes(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs {@code path} with header name/value pairs, keeping the body as bytes. */
    public HttpResponse<byte[]> getBytes(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (headers.length > 0) request.headers(headers);
        return getBytes(request);
    }

    /**
     * The API answer at {@code path} once it lists nothing as not ready: the API answers at once from what is made and
     * makes the rest in the background, so this asks again until no {@code X-Renderings-Pending} header is left.
     */
    public HttpResponse<String> complete(String path) {
        return Await.value(Duration.ofSeconds(180), () -> get(path),
                r -> r.statusCode() != 200 || r.headers().firstValue("X-Renderings-Pending").isEmpty(),
                path + " has no pending renderings");
    }

    /** GETs {@code path} and parses the HTML. */
    public Document html(String path) {
        return Jsoup.parse(get(path).body(), url(path));
    }

    @Override
    public void close() {
        app.stop();
    }
}
