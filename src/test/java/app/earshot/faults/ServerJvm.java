package app.earshot.faults;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The class path and JVM options of the server JVMs the fault tests start ({@link Origin}, {@link UnreadableCacheTest}):
 * the build's classes as one jar before the test class path's jars, and an application class-data archive of that class
 * path, as {@code bin/earshot} uses {@code target/earshot.jsa} beside the built jar (which {@code mvn test} has not built
 * yet). A class-data archive takes classes from jars only, hence the jar. The archive is made once per test JVM, when
 * a class that starts many servers asks, by {@code selftest} (as the build makes its own) with
 * {@code -XX:ArchiveClassesAtExit}; servers started after that use it. Everything
 * lives under {@code target/server-jvm/<pid of this JVM>}, so two test JVMs never share a file; folders of test JVMs
 * that are gone are removed.
 */
final class ServerJvm {
    private static final Path ROOT = Path.of("target", "server-jvm").toAbsolutePath();
    private static final Path DIR = ROOT.resolve(Long.toString(ProcessHandle.current().pid()));
    private static final Path ARCHIVE = DIR.resolve("earshot.jsa");

    private static String classPath;
    private static Boolean archived;

    private ServerJvm() {}

    /** The class path for a server JVM: the build's classes as one jar, then every jar of this JVM's class path. */
    static synchronized String classPath() throws IOException {
        if (classPath != null) return classPath;
        removeFoldersOfGoneJvms();
        Files.createDirectories(DIR);
        Path jar = DIR.resolve("earshot-classes.jar");
        Path classes = Path.of("target", "classes").toAbsolutePath();
        StringWriter errors = new StringWriter();
        int code = ToolProvider.findFirst("jar").orElseThrow().run(new PrintWriter(new StringWriter()), new PrintWriter(errors),
                "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        if (code != 0) throw new IOException("jar of " + classes + " failed: " + errors);
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        String testPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : testPath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) entries.add(entry);
        }
        classPath = String.join(File.pathSeparator, entries);
        return classPath;
    }

    /**
     * Makes the class-data archive, once per test JVM, for a class that starts enough servers to repay it (making it
     * costs about three start-ups); waits for it: made beside the first servers it slowed them, and
     * KillDuringMakingTest spreads its kills over the time its first server takes.
     */
    static synchronized void makeArchive() throws IOException {
        if (archived == null) archived = runSelftest(classPath());
    }

    /**
     * JVM options for a server: the class-data archive if {@link #makeArchive()} made it, else none. {@code
     * -Xshare:auto}: a server whose archive does not fit starts without it.
     */
    static synchronized String options() {
        return Boolean.TRUE.equals(archived) ? "-XX:SharedArchiveFile=" + ARCHIVE + " -Xshare:auto" : "";
    }

    /** Runs {@code selftest} once with {@code -XX:ArchiveClassesAtExit}; true if the archive is in place. */
    private static boolean runSelftest(String path) {
        Path partial = DIR.resolve("earshot.jsa.partial");
        try {
            Process selftest = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:ArchiveClassesAtExit=" + partial, "-Xlog:disable", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", path, "app.earshot.Earshot", "selftest",
                    "--content", DamagedCacheTest.CONTENT.toAbsolutePath().toString(), "--audio-cache", DIR.resolve("selftest-cache").toString())
                    .redirectErrorStream(true).redirectOutput(DIR.resolve("selftest.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!selftest.waitFor(5, TimeUnit.MINUTES)) {
                selftest.destroyForcibly();
                return false;
            }
            if (selftest.exitValue() != 0 || !Files.isRegularFile(partial)) return false;
            Files.move(partial, ARCHIVE, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void removeFoldersOfGoneJvms() throws IOException {
        if (!Files.isDirectory(ROOT)) return;
        try (Stream<Path> folders = Files.list(ROOT)) {
            for (Path folder : folders.toList()) {
                String name = folder.getFileName().toString();
                if (!name.matches("\\d+") || ProcessHandle.of(Long.parseLong(name)).isPresent()) continue;
                try (Stream<Path> all = Files.walk(folder)) {
                    for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                }
            }
        }
    }
}
