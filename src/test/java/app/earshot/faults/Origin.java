package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code bin/earshot serve} in its own JVM, as an operator runs it, on a given content folder and cache folder, with
 * its output in a log file beside the cache: for the tests that need separate processes (shared caches, kill -9).
 */
final class Origin implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    final String base;

    private Origin(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Starts {@code bin/earshot serve} on a free port, on {@link ServerJvm}'s class path and archive; {@code env} is added
     * to its environment (JAVA_OPTS, say).
     */
    static Origin start(Path content, Path cache, Path log, Map<String, String> env, String... extra) throws IOException {
        return start(List.of(), content, cache, log, env, extra);
    }

    /**
     * As {@link #start(Path, Path, Path, Map, String...)}, run as root without the capabilities that let root read and
     * search whatever a file's mode says ({@link #WITHOUT_MODE_OVERRIDE}): a mode-000 file is as unreadable to it as
     * to a server that does not run as root (the tests do).
     */
    static Origin startUnprivileged(Path content, Path cache, Path log, Map<String, String> env, String... extra) throws IOException {
        return start(WITHOUT_MODE_OVERRIDE, content, cache, log, env, extra);
    }

    /** {@code setpriv} dropping CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: still uid 0, but file modes hold. */
    static final List<String> WITHOUT_MODE_OVERRIDE = List.of("setpriv", "--inh-caps", "-dac_override,-dac_read_search",
            "--bounding-set", "-dac_override,-dac_read_search", "--");

    private static Origin start(List<String> prefix, Path content, Path cache, Path log, Map<String, String> env, String... extra)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("bin/earshot", "serve", "--port", Integer.toString(port),
                "--content", content.toString(), "--audio-cache", cache.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("EARSHOT_CLASSPATH", ServerJvm.classPath());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        // The class-data archive first: JAVA_OPTS given in env come after it, as bin/earshot puts JAVA_OPTS after its own.
        builder.environment().put("JAVA_OPTS", (ServerJvm.options() + " " + env.getOrDefault("JAVA_OPTS", "")).strip());
        return new Origin(builder.start(), log, port);
    }

    /**
     * Waits until {@code /healthz} answers, at most three minutes: a quiet machine starts a server in about a second, but
     * two servers starting at once beside two test JVMs and other builds (load average 50 on two cores) took over a minute.
     */
    Origin awaitUp() throws Exception {
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                assertTrue(process.isAlive(), () -> "server exited: " + output());
                try {
                    if (get("/healthz").statusCode() == 200) return this;
                } catch (IOException e) {
                    Thread.sleep(20); // not yet listening: KillDuringMakingTest starts 22 servers, each waited for here
                }
            }
            throw new AssertionError("server did not start within 3 minutes: " + output());
        } catch (Throwable notUp) {
            // A server that never came up (or a test stopped by its timeout meanwhile) is not left running.
            kill();
            throw notUp;
        }
    }

    /** Waits (at most two minutes) until the server's output contains {@code text}, such as warming's "Audio ready". */
    Origin awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline) throw new AssertionError("the server never said '" + text + "': " + output());
            Thread.sleep(100);
        }
        return this;
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A clean stop (SIGTERM: the shutdown hook stops the server). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) kill();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
