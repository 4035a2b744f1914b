package app.earshot.export;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A stock static server from Debian serving an export folder with its stock type map plus only the file the export
 * carries for it ({@link HostTypes}): nginx with {@code /etc/nginx/mime.types} and the include, Apache with
 * {@code /etc/mime.types} and the export's {@code .htaccess}, or Caddy with the export's snippet.
 */
final class StockHost implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String name;

    private StockHost(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** nginx as Debian configures it ({@code include mime.types} in http), the export's include in the server block. */
    static StockHost nginx(Path export, Path work) throws Exception {
        int port = freePort();
        Files.createDirectories(work);
        String temp = work.toAbsolutePath().toString();
        Files.writeString(work.resolve("nginx.conf"), "daemon off;\nmaster_process off;\npid " + temp + "/nginx.pid;\nerror_log stderr;\n"
                + "events {}\nhttp {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n"
                + "  client_body_temp_path " + temp + "; proxy_temp_path " + temp + "; fastcgi_temp_path " + temp + ";\n"
                + "  uwsgi_temp_path " + temp + "; scgi_temp_path " + temp + ";\n"
                + "  server {\n    listen 127.0.0.1:" + port + ";\n    root " + export.toAbsolutePath() + ";\n"
                + "    include " + export.toAbsolutePath().resolve(HostTypes.NGINX) + ";\n  }\n}\n");
        Process p = new ProcessBuilder("nginx", "-p", temp, "-c", work.resolve("nginx.conf").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.log").toFile()).start();
        return started("nginx", p, port, work.resolve("nginx.log"));
    }

    /** Apache as Debian ships it (mod_mime with /etc/mime.types, mod_dir), reading the export's .htaccess. */
    static StockHost apache(Path export, Path work) throws Exception {
        int port = freePort();
        Files.createDirectories(work);
        String dir = work.toAbsolutePath().toString();
        String modules = "/usr/lib/apache2/modules/";
        StringBuilder conf = new StringBuilder("ServerRoot " + dir + "\nServerName localhost\nListen 127.0.0.1:" + port + "\n"
                + "PidFile " + dir + "/apache.pid\nDefaultRuntimeDir " + dir + "\nErrorLog " + dir + "/apache-error.log\n"
                + "User daemon\nGroup daemon\n");
        for (String m : List.of("mpm_event", "authz_core", "mime", "dir", "alias")) {
            conf.append("LoadModule ").append(m).append("_module ").append(modules).append("mod_").append(m).append(".so\n");
        }
        conf.append("TypesConfig /etc/mime.types\nDocumentRoot \"").append(export.toAbsolutePath()).append("\"\n<Directory \"")
                .append(export.toAbsolutePath()).append("\">\n  AllowOverride FileInfo Indexes\n  Require all granted\n</Directory>\n");
        Files.writeString(work.resolve("apache2.conf"), conf);
        Process p = new ProcessBuilder("apache2", "-f", work.resolve("apache2.conf").toAbsolutePath().toString(), "-DFOREGROUND")
                .redirectErrorStream(true).redirectOutput(work.resolve("apache.log").toFile()).start();
        return started("apache2", p, port, work.resolve("apache.log"));
    }

    /** Caddy as Debian ships it (its built-in types), importing the export's snippet before file_server. */
    static StockHost caddy(Path export, Path work) throws Exception {
        int port = freePort();
        Files.createDirectories(work);
        Files.writeString(work.resolve("Caddyfile"), "{\n\tadmin off\n\tauto_https off\n}\nhttp://127.0.0.1:" + port + " {\n\troot * "
                + export.toAbsolutePath() + "\n\timport " + export.toAbsolutePath().resolve(HostTypes.CADDY) + "\n\tfile_server\n}\n");
        ProcessBuilder pb = new ProcessBuilder("caddy", "run", "--config", work.resolve("Caddyfile").toAbsolutePath().toString(),
                "--adapter", "caddyfile").redirectErrorStream(true).redirectOutput(work.resolve("caddy.log").toFile());
        // Caddy keeps its state under HOME and the XDG folders: the work folder, not the user's.
        String dir = work.toAbsolutePath().toString();
        pb.environment().putAll(java.util.Map.of("HOME", dir, "XDG_DATA_HOME", dir, "XDG_CONFIG_HOME", dir));
        return started("caddy", pb.start(), port, work.resolve("caddy.log"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public void close() {
        process.destroy();
    }

    private static StockHost started(String name, Process p, int port, Path log) {
        app.earshot.Await.until(Duration.ofSeconds(20), () -> !p.isAlive() || listening(port), name + " listening on " + port);
        if (!p.isAlive()) {
            try {
                throw new IllegalStateException(name + " stopped: " + Files.readString(log));
            } catch (IOException e) {
                throw new IllegalStateException(name + " stopped", e);
            }
        }
        return new StockHost(name, p, port);
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
