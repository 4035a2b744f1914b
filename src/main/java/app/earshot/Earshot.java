package app.earshot;

import app.earshot.content.ContentException;
import app.earshot.snapshot.Snapshot;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.making.Maker;
import app.earshot.narration.Narrator;
import app.earshot.narration.Warmer;
import app.earshot.web.WebApp;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.speech.SynthesisException;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import app.earshot.export.ExportRoots;
import app.earshot.export.Exporter;
import app.earshot.export.HostTypes;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line: {@code serve}, {@code check} and {@code warm}. */
public final class Earshot {
    private static final Logger log = LoggerFactory.getLogger(Earshot.class);

    static final String USAGE = """
            usage: java -jar earshot.jar serve [--host 127.0.0.1] [--port 7070] [--content DIR] [--audio-cache DIR] [--cache-key-file FILE] [--base-url URL] [--hsts SECONDS] [--preview] [--no-warm]
                   java -jar earshot.jar check [--content DIR] [--speech [--strict] [--format text|json]]
                   java -jar earshot.jar warm  [--content DIR] [--audio-cache DIR] [--cache-key-file FILE] [--shard I/N]
                   java -jar earshot.jar export DIR [--base-url URL] [--content DIR] [--audio-cache DIR] [--cache-key-file FILE]
                   java -jar earshot.jar selftest [--content DIR] [--audio-cache DIR] [--cache-key-file FILE]
                   java -jar earshot.jar help (or --help, -h, COMMAND --help): this text""";

    /**
     * Background warming starts this long after the server, so it never competes with start-up: 1.5 s, or the system
     * property {@code earshot.warm.delay.ms} (tests that kill a server while it warms set 0, so the kill meets warming).
     */
    static final long WARM_DELAY_MILLIS = Math.max(0, Long.getLong("earshot.warm.delay.ms", 1500));

    /** Longest a request waits for a production slot (synthesis, encoding) before it is told to come back later. */
    static final long PRODUCTION_WAIT_MILLIS = 4000;

    private Earshot() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0 || args.length == 0 || !args[0].equals("serve")) System.exit(code);
    }

    /** Runs a command; returns the process exit code (a started server keeps running after this returns 0). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("earshot: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (cli.command().equals(CommandLine.HELP)) {
            out.println(USAGE);
            return 0;
        }
        Path contentDir = cli.path("content", "content");
        try {
            return switch (cli.command()) {
                case "check" -> cli.flag("speech") ? SpeechCheckCommand.run(cli, contentDir, out, err) : check(contentDir, out);
                case "serve" -> serve(cli, contentDir, out);
                case "warm" -> warm(cli, contentDir, out, err);
                case "export" -> export(cli, contentDir, out, err);
                case "selftest" -> selftest(cli, contentDir, out, err);
                default -> throw new IllegalArgumentException("unknown command '" + cli.command() + "'");
            };
        } catch (ContentException e) {
            e.problems().forEach(err::println);
            err.println("earshot: " + e.problems().size() + " problem(s) in " + contentDir + "; nothing was "
                    + switch (cli.command()) {
                        case "check" -> "changed";
                        case "warm" -> "made";
                        case "export" -> "exported";
                        case "selftest" -> "tested";
                        default -> "served";
                    });
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("earshot: " + e.getMessage());
            return 2;
        } catch (Failure e) {
            err.println("earshot: " + e.getMessage());
            return 1;
        }
    }

    /** A command that cannot do its work (not a usage mistake): one {@code earshot:} line, exit code 1. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    /**
     * Fails with one line unless this process can listen on {@code host}:{@code port}: a name that does not resolve, an
     * address this machine does not have, a port in use or one that needs privileges. Checked before anything is made
     * (the audio cache folder), and so that Javalin does not log an error and a stack trace for a mistake this plain.
     */
    static void checkCanListen(String host, int port) {
        String where = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new Failure("cannot listen on " + where + ": the host name cannot be resolved");
        }
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true); // as Jetty binds: a port left in TIME_WAIT is free
            socket.bind(new java.net.InetSocketAddress(address, port));
        } catch (java.io.IOException e) {
            throw new Failure("cannot listen on " + where + ": " + whyNotListening(port, e));
        }
    }

    private static String whyNotListening(int port, Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("already in use")) return "the port is already in use";
        if (message.contains("assign requested address") || message.contains("not available")) {
            return "no such address on this machine";
        }
        if (message.contains("Permission denied") || message.contains("Access denied")) {
            return "permission denied" + (port > 0 && port < 1024 ? " (ports below 1024 need privileges)" : "");
        }
        return message;
    }

    private static int check(Path contentDir, PrintStream out) throws ContentException {
        App.Content content = App.load(contentDir);
        out.println(contentDir + ": OK, " + content.site().pages().size() + " page(s), "
                + content.site().sectionCount() + " section(s), " + content.lexicon().size() + " lexicon entries");
        if (content.site().podcast().email().isEmpty()) {
            out.println("warning: site.yaml sets no podcast owner email (podcast: email:); Apple, Spotify and Podcast Index "
                    + "send ownership checks to it, and the feed's podcast:locked names it");
        }
        app.earshot.content.TranslationCheck.warnings(contentDir, content.site()).forEach(out::println);
        // A language with no voice here: its pages are served as text until what is named is installed.
        new java.util.TreeSet<>(content.site().pages().stream().map(Page::language).toList()).forEach(language ->
                app.earshot.speech.Voices.missingVoice(language, content.site().speech().voices()).ifPresent(why ->
                        out.println("warning: " + why + "; pages in " + language + " are served as text, without audio")));
        return 0;
    }

    private static int serve(CommandLine cli, Path contentDir, PrintStream out) throws ContentException {
        int port = cli.port();
        String host = cli.host();
        preloadWebStackInBackground();
        java.util.Optional<String> baseUrl = cli.baseUrl();
        App.Content content = App.load(contentDir);
        checkCanListen(host, port);
        FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer();
        // Load shedding: people's productions (CPU-bound) get all cores but one, which stays free for pages and cached
        // files; a request that would wait longer than a few seconds behind other people is answered 503 with
        // Retry-After at once. Background work (warming) only uses what people leave idle, and never refuses anyone.
        Maker maker = new Maker(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), PRODUCTION_WAIT_MILLIS, 64);
        Narrator narrator = App.narrator(cli.audioCache(), synthesizer, maker, cli.seal());
        Snapshot first = Snapshot.of(baseUrl.map(content.site()::withBaseUrl).orElse(content.site()), content.lexicon(), content.messages(), content.otherLexicons());
        SnapshotStore store = new SnapshotStore(first);
        Warmer warmer = new Warmer(narrator, WARM_DELAY_MILLIS);
        app.earshot.web.PronunciationPreview preview = cli.flag("preview")
                ? new app.earshot.web.PronunciationPreview(synthesizer,
                        page -> SpeechCheckCommand.lines(SpeechCheckCommand.sourceFile(contentDir, page)))
                : null;
        Javalin app;
        try {
            app = WebApp.builder(store, narrator).hsts(cli.hstsSeconds()).warmer(warmer).preview(preview).build().start(host, port);
        } catch (io.javalin.util.JavalinBindException e) {
            // Taken between the check above and now: the same line (Javalin has logged its own).
            maker.close();
            synthesizer.close();
            throw new Failure("cannot listen on " + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + ": "
                    + whyNotListening(port, e.getCause() instanceof Exception cause ? cause : e));
        }
        out.println("Earshot is serving " + content.site().pages().size() + " page(s) from " + contentDir
                + " at http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port() + "/"
                + (preview != null ? "; pronunciation preview for authors at /preview/{page}" : ""));
        // --no-warm: nothing is made until someone asks (a shard's spare origin, or measuring a cold clip).
        boolean warming = !cli.flag("no-warm");
        if (warming) {
            warmer.start(first.voicing(), first.site());
            warmAgainAfterDiscards(narrator, maker, warmer, store);
        }
        ContentWatcher watcher = watch(contentDir, store, warming ? warmer : null,
                reloaded -> baseUrl.map(reloaded::withBaseUrl).orElse(reloaded));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (watcher != null) watcher.close();
            app.stop();
            maker.close();
            synthesizer.close();
        }, "earshot-shutdown"));
        return 0;
    }

    /**
     * Start-up is mostly class loading. While the main thread reads the content, the second core loads and
     * initialises the web stack (Javalin, Jetty, FreeMarker, Jackson), so the server is up sooner.
     */
    private static void preloadWebStackInBackground() {
        Thread preload = new Thread(() -> {
            try {
                Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.startup.startupWatcherEnabled = false;
                });
                new freemarker.template.Configuration(freemarker.template.Configuration.VERSION_2_3_34);
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(java.util.Map.of("warm", 1));
                Class.forName("org.eclipse.jetty.server.Server", true, Earshot.class.getClassLoader());
                Class.forName("org.eclipse.jetty.ee10.servlet.ServletContextHandler", true, Earshot.class.getClassLoader());
            } catch (Exception | LinkageError e) {
                log.debug("preloading the web stack: {}", e.toString());
            }
        }, "earshot-preload");
        preload.setDaemon(true);
        preload.start();
    }

    /**
     * A stored file found damaged (or unreadable) and discarded after warming has finished was made again only when
     * someone asked for it, who then waited for it. Each discard queues one warming run of the content being served,
     * {@link #WARM_AGAIN_AFTER} later (however many files are discarded meanwhile: a scrub of a rotting disk is one run),
     * behind whatever the background thread is doing; the run makes what is missing and only checks the rest.
     */
    private static void warmAgainAfterDiscards(Narrator narrator, Maker maker, Warmer warmer, SnapshotStore store) {
        java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
        narrator.store().whenDiscarded(() -> {
            if (!queued.compareAndSet(false, true)) return;
            boolean later = maker.later(WARM_AGAIN_AFTER, "warm again after a discard", () -> {
                queued.set(false);
                app.earshot.snapshot.Snapshot now = store.current();
                warmer.run(now.voicing(), now.site());
            });
            if (!later) queued.set(false);
        });
    }

    /** How long after a stored file is discarded warming runs again to make it (and any discarded meanwhile). */
    static final java.time.Duration WARM_AGAIN_AFTER = java.time.Duration.ofSeconds(5);

    /** Serves saved edits within a moment; re-synthesizes (in the background) only what changed. */
    private static ContentWatcher watch(Path contentDir, SnapshotStore store, Warmer warmer,
                                        java.util.function.UnaryOperator<Site> adjust) {
        try {
            return new ContentWatcher(contentDir, store, adjust, reloaded -> {
                if (warmer != null) warmer.start(reloaded.voicing(), reloaded.site());
            }).start();
        } catch (java.io.IOException e) {
            log.warn("Not watching {} for edits ({}); restart to serve changes", contentDir, e.getMessage());
            return null;
        }
    }

    /**
     * Starts the server on a private loopback port, asks it for its pages and one section's MP3 and telephone clip,
     * stops and reports.
     * The build runs it once to record which classes start-up loads (a class-data sharing archive).
     */
    private static int selftest(CommandLine cli, Path contentDir, PrintStream out, PrintStream err) throws ContentException {
        long start = System.nanoTime();
        App.Content content = App.load(contentDir);
        try (FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer()) {
            Narrator narrator = App.narrator(cli.audioCache(), synthesizer, Maker.open(), cli.seal());
            var snapshot = App.snapshot(content);
            Javalin app = App.create(new SnapshotStore(snapshot), narrator).start("127.0.0.1", 0);
            try {
                java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
                List<String> paths = new ArrayList<>(List.of("/", "/healthz", "/no-such-page"));
                for (Page page : content.site().pages()) {
                    paths.add("/" + page.slug());
                    page.sections().forEach(s -> paths.add("/" + page.slug() + "/" + s.id()));
                }
                // One section's MP3 and telephone clip, from the first page with a voice: the audio works, and the
                // build's class-data archive then holds synthesis, normalisation, MP3 and telephone classes too, so a
                // just-started server's first clip costs less (BENCHMARKS.md, "Cold clip").
                content.site().pages().stream().filter(p -> !p.sections().isEmpty() && narrator.noVoice(snapshot.voicing(), p).isEmpty())
                        .findFirst().ifPresent(p -> {
                            String section = p.slug() + "/" + p.sections().get(0).id();
                            paths.add("/audio/" + section + ".mp3");
                            paths.add("/telephony/" + section + ".wav");
                        });
                for (String path : paths) {
                    int status = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + app.port() + path)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != (path.equals("/no-such-page") ? 404 : 200)) {
                        err.println("earshot: selftest: " + path + " answered " + status);
                        return 1;
                    }
                }
                out.printf(Locale.ROOT, "selftest: OK, %d routes answered in %.1f s%n", paths.size(), (System.nanoTime() - start) / 1e9);
                return 0;
            } finally {
                app.stop();
            }
        } catch (java.io.IOException e) {
            err.println("earshot: selftest failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Writes the whole site as static files, made by the real server on a private loopback port. */
    private static int export(CommandLine cli, Path contentDir, PrintStream out, PrintStream err) throws ContentException {
        java.util.Optional<String> baseUrl = cli.baseUrl(); // checked like serve's, before any work
        Path target = Path.of(cli.arguments().get(0));
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot export into " + target + ": it is a file, not a folder");
        }
        app.earshot.store.Seal seal = cli.seal();
        App.Content content = App.load(contentDir);
        Site site = baseUrl.map(content.site()::withBaseUrl).orElse(content.site());
        long start = System.nanoTime();
        // Until the export ends well, a marker in the folder says it is incomplete: a run that fails (or is killed)
        // halfway leaves no folder that looks finished. What the run wrote is not removed: it replaced files of
        // the same name, and stale files of earlier exports are kept by design.
        Path marker = target.resolve(INCOMPLETE_MARKER);
        try {
            Files.createDirectories(target);
            Files.writeString(marker, "An Earshot export into this folder started at " + java.time.Instant.now()
                    + " and has not finished: it is incomplete. This file is removed when an export here succeeds.\n");
        } catch (java.io.IOException e) {
            throw new Failure("export failed: cannot write to " + target + " (" + app.earshot.store.Problem.reason(e) + "); nothing was exported");
        }
        try (FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer()) {
            Narrator narrator = App.narrator(cli.audioCache(), synthesizer, Maker.open(), seal);
            // The snapshot served carries the base URL, so every absolute URL in the export starts with it.
            Snapshot snapshot = Snapshot.of(site, content.lexicon(), content.messages(), content.otherLexicons());
            // The feed lists only audio that is ready: make it all first, so the exported feed is complete.
            Warmer warmer = new Warmer(narrator, 0);
            for (Page page : site.pages()) warmer.page(snapshot.voicing(), page, () -> {});
            Javalin app = App.create(new SnapshotStore(snapshot), narrator).start("127.0.0.1", 0);
            try {
                List<String> seeds = ExportRoots.of(content.site());
                AtomicInteger files = new AtomicInteger();
                Exporter.Result result = new Exporter("http://127.0.0.1:" + app.port(), site.configuredBaseUrl().orElse(null))
                        .export(target, seeds, path -> {
                            if (files.incrementAndGet() % 25 == 0) out.println("export: " + files.get() + " files");
                        });
                Files.delete(marker);
                out.printf(Locale.ROOT, "export: wrote %d files (%.1f MB) to %s in %.1f s%n", result.files(),
                        result.bytes() / 1e6, target, (System.nanoTime() - start) / 1e9);
                out.println("export: types for a static server: include " + HostTypes.NGINX + " (nginx), " + HostTypes.APACHE
                        + " (Apache), import " + HostTypes.CADDY + " (Caddy); see docs/export-and-scaling.md");
                return 0;
            } finally {
                app.stop();
            }
        } catch (RuntimeException | java.io.IOException e) {
            String why = e.getMessage();
            try {
                Files.writeString(marker, "An Earshot export into this folder failed at " + java.time.Instant.now() + ": " + why
                        + "\nIt is incomplete. This file is removed when an export here succeeds.\n");
            } catch (java.io.IOException ignored) {
                // the marker written at the start stays, saying the export has not finished
            }
            err.println("earshot: export failed: " + why + "; the export in " + target + " is incomplete (" + marker
                    + " says so until an export there succeeds)");
            return 1;
        }
    }

    /** The file an export leaves in its folder while it is unfinished or failed: removed when an export succeeds. */
    static final String INCOMPLETE_MARKER = "EXPORT-INCOMPLETE.txt";

    /**
     * Makes what {@link Warmer#page} makes for every page, {@code threads} pieces at once: each section (WAV, captions,
     * MP3) is a piece, and each page's WAV and MP3 one more once its sections are made. At most {@code threads} pieces
     * are in memory at a time (a section's samples and one encoder each), so the heap stays what one piece needs times
     * the cores. After the first failure, pieces not yet started are skipped; the failure is thrown.
     */
    private static void warmAtOnce(Narrator narrator, app.earshot.narration.Voicing voicing, List<Page> pages, int threads,
                                   Runnable afterEachSection) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "earshot-warm");
            t.setDaemon(true);
            return t;
        });
        app.earshot.content.Speed normal = app.earshot.content.Speed.NORMAL;
        List<java.util.concurrent.CompletableFuture<Void>> made = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            for (Page page : pages) {
                java.util.concurrent.CompletableFuture<?>[] sections = page.sections().stream()
                        .map(section -> java.util.concurrent.CompletableFuture.runAsync(() -> {
                            if (failed.get()) return; // after a failure, pieces still queued end at once
                            narrator.clips().sectionMp3(voicing, page, section, normal);
                            narrator.captions().sectionCues(voicing, page, section, normal);
                            afterEachSection.run();
                        }, pool)).toArray(java.util.concurrent.CompletableFuture[]::new);
                made.add(java.util.concurrent.CompletableFuture.allOf(sections).thenRunAsync(() -> {
                    if (failed.get()) return;
                    narrator.clips().pageWav(voicing, page, normal);
                    narrator.clips().pageMp3(voicing, page, normal);
                }, pool).whenComplete((ignored, e) -> {
                    if (e != null) failed.set(true);
                }));
            }
            java.util.concurrent.CompletableFuture.allOf(made.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int warm(CommandLine cli, Path contentDir, PrintStream out, PrintStream err) throws ContentException {
        app.earshot.narration.Shard shard = cli.options().containsKey("shard")
                ? app.earshot.narration.Shard.parse(cli.options().get("shard")) : app.earshot.narration.Shard.ALL;
        App.Content content = App.load(contentDir);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        try (FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer()) {
            Narrator narrator = App.narrator(cli.audioCache(), synthesizer, Maker.open(), cli.seal());
            // serve keeps what it cannot store in memory; warm exists to fill the cache, so a cache it cannot write
            // stops it: at once if the folder cannot be made, else at the first file that cannot be written.
            Runnable stopIfNotStored = () -> narrator.store().writeRefusal().ifPresent(why -> {
                throw new Failure("warm failed: the audio cache " + cli.audioCache() + " cannot be written (" + why + ")");
            });
            stopIfNotStored.run();
            Snapshot snapshot = App.snapshot(content);
            // A page and all its sections go to one shard (by the page audio's key), so no two machines make the same file.
            List<Page> pages = content.site().pages().stream()
                    .filter(page -> shard.owns(narrator.keys().pageWav(snapshot.voicing(), page, app.earshot.content.Speed.NORMAL))).toList();
            int total = pages.stream().mapToInt(p -> p.sections().size()).sum();
            if (shard.count() > 1) {
                out.printf(Locale.ROOT, "warm: shard %d/%d: %d of %d page(s), %d section(s)%n", shard.index(), shard.count(),
                        pages.size(), content.site().pages().size(), total);
            }
            warmAtOnce(narrator, snapshot.voicing(), pages, Runtime.getRuntime().availableProcessors(), () -> {
                stopIfNotStored.run();
                out.printf(Locale.ROOT, "warm: %d/%d sections, %.1f s%n", done.incrementAndGet(), total,
                        (System.nanoTime() - start) / 1e9);
            });
            stopIfNotStored.run(); // a page's own WAV or MP3, made after its last section
            out.printf(Locale.ROOT, "warm: done, %d section(s) in %.1f s; %d synthesized (%.1f s), the rest were cached; MP3 encoding %.1f s%n",
                    total, (System.nanoTime() - start) / 1e9, narrator.recorder().syntheses(), narrator.recorder().synthesisSeconds(),
                    narrator.recorder().mp3EncodeSeconds());
            return 0;
        } catch (SynthesisException e) {
            err.println("earshot: synthesis failed: " + e.getMessage());
            return 1;
        }
    }
}
