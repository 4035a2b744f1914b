package app.earshot.export;

import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;

/** A plain static file server (Jetty's ResourceHandler) over an export folder, as a CDN edge would serve it. */
public final class StaticServer implements AutoCloseable {
    private final Server server;

    public StaticServer(Path root) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newResource(root));
        files.setWelcomeFiles("index.html");
        files.setDirAllowed(false);
        server.setHandler(files);
        // Types a static host must know for Earshot's formats (IANA registrations); Jetty lacks some by default.
        server.getMimeTypes().addMimeMapping("vtt", "text/vtt");
        server.getMimeTypes().addMimeMapping("m3u8", "application/vnd.apple.mpegurl");
        server.getMimeTypes().addMimeMapping("vxml", "application/voicexml+xml");
        server.getMimeTypes().addMimeMapping("epub", "application/epub+zip");
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
