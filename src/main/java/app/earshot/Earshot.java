package app.earshot;

import app.earshot.content.ContentException;
import app.earshot.content.ContentLoader;
import app.earshot.content.ContentStore;
import app.earshot.content.Site;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Path;

/** The command line: {@code serve}, {@code check} and {@code warm}. */
public final class Earshot {
    static final String USAGE = """
            usage: java -jar earshot.jar serve [--port 7070] [--content DIR] [--audio-cache DIR]
                   java -jar earshot.jar check [--content DIR]
                   java -jar earshot.jar warm  [--content DIR] [--audio-cache DIR]""";

    private Earshot() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0 || !args[0].equals("serve")) System.exit(code);
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
        Path contentDir = cli.path("content", "content");
        try {
            return switch (cli.command()) {
                case "check" -> check(contentDir, out);
                case "serve" -> serve(cli, contentDir, out);
                default -> {
                    err.println("earshot: '" + cli.command() + "' is not available yet");
                    yield 2;
                }
            };
        } catch (ContentException e) {
            e.problems().forEach(err::println);
            err.println("earshot: " + e.problems().size() + " problem(s) in " + contentDir + "; nothing was served");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("earshot: " + e.getMessage());
            return 2;
        }
    }

    private static int check(Path contentDir, PrintStream out) throws ContentException {
        Site site = new ContentLoader().load(contentDir);
        out.println(contentDir + ": OK, " + site.pages().size() + " page(s), " + site.sectionCount() + " section(s)");
        return 0;
    }

    private static int serve(CommandLine cli, Path contentDir, PrintStream out) throws ContentException {
        int port = cli.port();
        Site site = new ContentLoader().load(contentDir);
        Javalin app = App.create(new ContentStore(site)).start(port);
        out.println("Earshot is serving " + site.pages().size() + " page(s) from " + contentDir
                + " at http://localhost:" + app.port() + "/");
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "earshot-shutdown"));
        return 0;
    }
}
