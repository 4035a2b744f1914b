package app.earshot.web;

import app.earshot.snapshot.SnapshotStore;
import app.earshot.epub.TalkingBook;
import app.earshot.store.ArtifactStore;
import app.earshot.narration.Narrator;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.Warmer;
import io.javalin.Javalin;

/** Builds the Javalin server: headers, routes and error pages, in the order they must be registered. */
public final class WebApp {
    /** Largest request body accepted: Twilio's webhook form is about 1 KB; nothing else takes a body. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** A body must arrive in full within this time, however it trickles (the default; see {@link Builder#bodyDeadline}). */
    static final long BODY_DEADLINE_MILLIS = 10_000;

    private WebApp() {}

    /** A server for {@code content}, narrated by {@code narrator}; the builder's other parts have defaults. */
    public static Builder builder(SnapshotStore content, Narrator narrator) {
        return new Builder(content, narrator);
    }

    /**
     * What a server is made of beyond its content and narrator, each with a default: telephone audio made by
     * {@code narrator} ({@link TelephoneAudio#of(Narrator)}), no HSTS, a warmer that never ran (its progress is reported at
     * {@code /healthz}), no pronunciation preview, and a body deadline of 10 s.
     */
    public static final class Builder {
        private final SnapshotStore content;
        private final Narrator narrator;
        private TelephoneAudio telephone;
        private SecurityHeaders security = new SecurityHeaders(0);
        private Warmer warmer;
        private PronunciationPreview preview;
        private long bodyDeadlineMillis = BODY_DEADLINE_MILLIS;

        private Builder(SnapshotStore content, Narrator narrator) {
            this.content = content;
            this.narrator = narrator;
        }

        /** Telephone audio made by {@code telephone} (tests pass one with a short part limit). */
        public Builder telephone(TelephoneAudio telephone) {
            this.telephone = telephone;
            return this;
        }

        /** Responses carry HSTS with this max-age (for deployments behind TLS); 0 for none. */
        public Builder hsts(long seconds) {
            this.security = new SecurityHeaders(seconds);
            return this;
        }

        /** {@code warmer}'s progress is reported at {@code /healthz}. */
        public Builder warmer(Warmer warmer) {
            this.warmer = warmer;
            return this;
        }

        /** Also offers the authors' pronunciation preview ({@code serve --preview}); null for none. */
        public Builder preview(PronunciationPreview preview) {
            this.preview = preview;
            return this;
        }

        /** A request body not complete within {@code deadline} gets 408 (10 s unless set; a test waits for it to pass). */
        public Builder bodyDeadline(java.time.Duration deadline) {
            this.bodyDeadlineMillis = deadline.toMillis();
            return this;
        }

        /** The server, not yet started. */
        public Javalin build() {
            return create(content, narrator, telephone != null ? telephone : TelephoneAudio.of(narrator), security,
                    warmer != null ? warmer : new Warmer(narrator, 0), preview, bodyDeadlineMillis);
        }
    }

    private static Javalin create(SnapshotStore content, Narrator narrator, TelephoneAudio telephone, SecurityHeaders security,
                                  Warmer warmer, PronunciationPreview preview, long bodyDeadlineMillis) {
        ArtifactStore store = narrator.store();
        Templates templates = new Templates();
        StaticAssets assets = new StaticAssets();
        TalkingBook books = TalkingBook.of(narrator);
        Views views = new Views(assets);
        PageView pageViews = new PageView(views, narrator.captions(), narrator.readiness(), books, narrator);
        TranscriptView transcripts = new TranscriptView(views, narrator.captions(), narrator.readiness());
        Metrics metrics = new Metrics(narrator.recorder(), store);
        FastPath fastPath = new FastPath(() -> new FastPath.Version(content.generation(), store.counts().productions()), metrics);
        MediaResponder media = new MediaResponder(metrics, fastPath, store);
        return Javalin.create(config -> {
            var state = config.unsafe;
            AllowedMethods allowed = new AllowedMethods(() -> state.internalRouter);
            configureServer(config, security, allowed, fastPath, bodyDeadlineMillis);
            config.routes.before(security::apply);
            config.routes.before(fastPath::stamp);
            // After the fast path's stamp (so what is prepared is at least as new as its version): the request reads
            // the snapshot once; every handler and error page of it uses that one.
            config.routes.before(ctx -> RequestSnapshot.take(ctx, content));
            config.routes.after(ctx -> {
                var endpoint = ctx.endpoints().lastHttpEndpoint();
                metrics.request(endpoint == null ? "unmatched" : endpoint.path, ctx.statusCode());
            });
            new HealthRoutes(content, narrator, store, warmer).register(config.routes);
            new StaticRoutes(assets).register(config.routes);
            HlsVersions hlsVersions = new HlsVersions(store);
            new AudioRoutes(narrator, narrator.clips(), narrator.captions(), media, metrics, hlsVersions).register(config.routes);
            new TelephonyRoutes(narrator, telephone, media).register(config.routes);
            SpokenScripts scripts = new SpokenScripts();
            PhoneAudio phoneAudio = new PhoneAudio(narrator.captions(), narrator.maker(), telephone, scripts);
            new IvrRoutes(phoneAudio, narrator).register(config.routes);
            PageRoutes pages = new PageRoutes(templates, views, pageViews, transcripts, () -> store.counts().productions(), fastPath);
            ApiIndex apiIndex = new ApiIndex(narrator.clips(), narrator.captions(), scripts, telephone, pages, books, store);
            new ApiRoutes(apiIndex, preview).register(config.routes);
            new FeedRoutes(narrator.clips(), narrator.readiness(), store, media, hlsVersions).register(config.routes);
            new BookRoutes(narrator, books, media).register(config.routes);
            new SearchRoutes(templates, views, fastPath).register(config.routes);
            new SitemapRoutes().register(config.routes);
            // Before the page routes, whose /{slug}/{section} would otherwise take /preview/... (off: those are 404s).
            if (preview != null) new PreviewRoutes(preview, narrator.prompts(), templates, views, media).register(config.routes);
            pages.register(config.routes);
            Thread primer = prime(pages, content);
            // Nothing of this server goes on working after it stops (a test's cache folder is deleted right after).
            config.events.serverStopping(() -> {
                narrator.maker().quiesce();
                try {
                    primer.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            new ErrorPages(content, templates, views, security, allowed).register(config.routes);
        });
    }

    /**
     * Javalin's and Jetty's settings: the fast path in front of every handler, then OPTIONS answered, bounded bodies, a
     * selector per core, a deep accept queue.
     */
    private static void configureServer(io.javalin.config.JavalinConfig config, SecurityHeaders security, AllowedMethods allowed,
                                        FastPath fastPath, long bodyDeadlineMillis) {
        var jetty = new java.util.concurrent.atomic.AtomicReference<org.eclipse.jetty.server.Server>();
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.http.generateEtags = false;
        // Responses are prepared once with an exact Content-Length (pages, the fast path, audio); compressing them
        // on the fly would break that length and spend CPU on every request.
        config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
        config.router.ignoreTrailingSlashes = true;
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new ProtocolErrorHandler(security));
            // First the prepared answers, on the selector thread (see FastPath); the rest go on to a worker, where
            // OPTIONS is asked of the routes as a HEAD, and bodies are read in full, bounded in size and time, before
            // any route runs.
            fastPath.setHandler(new ServerOptions(security, allowed, new BoundedBodies(MAX_BODY_BYTES, bodyDeadlineMillis)));
            server.setHandler(fastPath);
            jetty.set(server);
        });
        // One selector per core: prepared answers are written on the selector threads (see FastPath), so with
        // Jetty's default of one selector for two cores they would all queue on one thread.
        config.events.serverStarting(() -> oneSelectorPerCore(jetty.get()));
        config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
    }

    /** Renders the pages on the second core while Jetty starts on the first, so the first visitor does not wait. */
    private static Thread prime(PageRoutes pages, SnapshotStore content) {
        Thread primer = new Thread(() -> {
            try {
                pages.prime(content.current());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(WebApp.class).warn("Pre-rendering pages failed: {}", e.toString());
            }
        }, "earshot-prime");
        primer.setDaemon(true);
        primer.start();
        return primer;
    }

    /**
     * Connections the kernel holds for the server before it accepts them. Java's default of 50 overflowed in a burst
     * of 300 connections on this machine: an overflow drops the client's SYN and the kernel sends it again only after
     * a second (then two, four), so a patient arriving in a burst waited one to three seconds. Linux caps it at
     * net.core.somaxconn (4096 on Debian 12); nginx's own default is 511.
     */
    static final int ACCEPT_QUEUE = 1024;

    /**
     * Replaces the connector Javalin made (same host, port and protocols) by one with a selector per core and an accept
     * queue of {@link #ACCEPT_QUEUE}.
     */
    private static void oneSelectorPerCore(org.eclipse.jetty.server.Server server) {
        int cores = Runtime.getRuntime().availableProcessors();
        var made = server.getConnectors();
        if (made.length != 1 || !(made[0] instanceof org.eclipse.jetty.server.ServerConnector javalins)) return;
        if (javalins.getSelectorManager().getSelectorCount() >= cores) {
            javalins.setAcceptQueueSize(ACCEPT_QUEUE);
            return;
        }
        var connector = new org.eclipse.jetty.server.ServerConnector(server, 1, cores,
                javalins.getConnectionFactories().toArray(new org.eclipse.jetty.server.ConnectionFactory[0]));
        connector.setHost(javalins.getHost());
        connector.setPort(javalins.getPort());
        connector.setIdleTimeout(javalins.getIdleTimeout());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.setConnectors(new org.eclipse.jetty.server.Connector[] {connector});
    }
}
