package app.earshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parsed command line: a command and its {@code --option value} pairs.
 * Unknown commands or options and missing values are rejected with a message fit for the terminal.
 */
record CommandLine(String command, Map<String, String> options, List<String> arguments) {

    static final Map<String, Set<String>> OPTIONS = Map.of(
            "serve", Set.of("host", "port", "content", "audio-cache", "cache-key-file", "base-url", "hsts"),
            "check", Set.of("content", "format"),
            "warm", Set.of("content", "audio-cache", "cache-key-file", "shard"),
            "export", Set.of("content", "audio-cache", "cache-key-file", "base-url"),
            "selftest", Set.of("content", "audio-cache", "cache-key-file"));
    /** Options that take no value: present or not. */
    static final Map<String, Set<String>> FLAGS = Map.of(
            "check", Set.of("speech", "strict"),
            "serve", Set.of("preview", "no-warm"));
    /** Options that name a folder: an empty or blank value is a usage error. */
    static final Set<String> FOLDERS = Set.of("content", "audio-cache");
    /** Commands that take one positional argument (the export folder). */
    static final Set<String> ONE_ARGUMENT = Set.of("export");

    /** The command that asks for the usage: {@code help}, {@code --help}, {@code -h}, or either flag after a command. */
    static final String HELP = "help";

    static CommandLine parse(String[] args) {
        if (args.length == 0) throw new IllegalArgumentException("no command given");
        String command = args[0];
        if (Set.of(HELP, "--help", "-h").contains(command)) return help();
        Set<String> allowed = OPTIONS.get(command);
        if (allowed == null) throw new IllegalArgumentException("unknown command '" + command + "'");
        Map<String, String> options = new TreeMap<>();
        List<String> arguments = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) return help();
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (FLAGS.getOrDefault(command, Set.of()).contains(name)) {
                    if (value != null) throw new IllegalArgumentException("--" + name + " takes no value");
                    options.put(name, "true");
                    continue;
                }
                if (!allowed.contains(name)) throw new IllegalArgumentException("'" + command + "' has no option --" + name);
                if (value == null) {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
                    value = args[++i];
                    // "check --content --speech" forgot the folder; a value that starts with -- is written --content=--x.
                    if (value.startsWith("--")) {
                        throw new IllegalArgumentException("--" + name + " needs a value before " + value
                                + " (for a value that starts with --, write --" + name + "=" + value + ")");
                    }
                }
                if (FOLDERS.contains(name) && value.isBlank()) {
                    // Path.of("") is the working folder: an empty value would read or write there unasked.
                    throw new IllegalArgumentException("--" + name + " needs a folder name, not an empty value");
                }
                if (value.isEmpty() && !name.equals("cache-key-file")) { // the key file has its own message, below
                    throw new IllegalArgumentException("--" + name + " needs a value, not an empty one");
                }
                String earlier = options.put(name, value);
                if (earlier != null && !earlier.equals(value)) {
                    throw new IllegalArgumentException("--" + name + " is given twice, as '" + earlier + "' and as '" + value
                            + "': give it once");
                }
            } else {
                if (arg.isBlank() && ONE_ARGUMENT.contains(command)) {
                    throw new IllegalArgumentException("'" + command + "' needs a folder to write to, not an empty name");
                }
                arguments.add(arg);
            }
        }
        // An empty key file name once turned signing off, even over EARSHOT_CACHE_KEY_FILE.
        if (options.containsKey("cache-key-file") && options.get("cache-key-file").isBlank()) {
            throw new IllegalArgumentException("--cache-key-file needs a file name, not an empty value (to sign nothing, "
                    + "leave out both the option and EARSHOT_CACHE_KEY_FILE)");
        }
        if (!options.containsKey("speech") && (options.containsKey("strict") || options.containsKey("format"))) {
            throw new IllegalArgumentException("--strict and --format belong to 'check --speech'");
        }
        int expected = ONE_ARGUMENT.contains(command) ? 1 : 0;
        if (arguments.size() > expected) throw new IllegalArgumentException("unexpected argument '" + arguments.get(expected) + "'");
        if (arguments.size() < expected) throw new IllegalArgumentException("'" + command + "' needs a folder to write to");
        return new CommandLine(command, options, arguments);
    }

    private static CommandLine help() {
        return new CommandLine(HELP, Map.of(), List.of());
    }

    /** True when the flag (an option without a value, such as {@code --strict}) was given. */
    boolean flag(String name) {
        return options.containsKey(name);
    }

    Path path(String option, String fallback) {
        return Path.of(options.getOrDefault(option, fallback));
    }

    /** The {@code --audio-cache} folder (default ./audio-cache). */
    Path audioCache() {
        return path("audio-cache", "audio-cache");
    }

    /**
     * The key records in the audio cache are signed with: the {@code --cache-key-file} given, else the file named by
     * {@code EARSHOT_CACHE_KEY_FILE}, else none ({@link app.earshot.store.Seal#NONE}).
     *
     * @throws IllegalArgumentException if the key file cannot be read, is too short or lies inside the cache
     */
    app.earshot.store.Seal seal() {
        String file = options.getOrDefault("cache-key-file", System.getenv("EARSHOT_CACHE_KEY_FILE"));
        if (file == null || file.isBlank()) return app.earshot.store.Seal.NONE;
        return app.earshot.store.Seal.keyedFrom(Path.of(file), audioCache());
    }

    /** The {@code --base-url} given, checked and without a trailing slash. */
    java.util.Optional<String> baseUrl() {
        String value = options.get("base-url");
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(app.earshot.content.Site.checkBaseUrl(value));
    }

    /** --hsts SECONDS: send Strict-Transport-Security (only behind TLS); 0 or absent for none. */
    long hstsSeconds() {
        String value = options.getOrDefault("hsts", "0");
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0 || seconds > 63_072_000) throw new NumberFormatException();
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--hsts must be a number of seconds from 0 to 63072000 (two years), not '" + value + "'");
        }
    }

    /**
     * --host ADDRESS: the interface to listen on. Loopback unless told otherwise: Earshot speaks plain HTTP and is
     * meant to sit behind a proxy that adds TLS (which phone platforms require), so it is not exposed by accident;
     * {@code --host 0.0.0.0} listens on every interface (containers, a trusted network).
     */
    String host() {
        String value = options.getOrDefault("host", "127.0.0.1");
        if (!value.matches("[A-Za-z0-9.:%-]{1,253}|\\[[0-9A-Fa-f:.%]{2,60}\\]")) {
            throw new IllegalArgumentException("--host must be an IP address or host name such as 127.0.0.1 or 0.0.0.0, not '" + value + "'");
        }
        return value.startsWith("[") ? value.substring(1, value.length() - 1) : value;
    }

    int port() {
        String value = options.getOrDefault("port", "7070");
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + value + "'");
        }
    }
}
