package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/earshot}, run for real: it starts Earshot (from the test class path, since tests run before the jar is
 * packaged), passes every argument through unchanged, and lets {@code JAVA_OPTS} override its JVM defaults.
 * The JVM reports the flags it really runs with ({@code -XX:+PrintCommandLineFlags}).
 */
class LauncherTest {
    record Run(int exit, String out) {}

    static Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return launch(null, env, args);
    }

    /** Runs {@code launcher} (bin/earshot when null, from the test class path) with its jar, as installed. */
    static Run launch(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher == null ? "bin/earshot" : launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (launcher == null) builder.environment().put("EARSHOT_CLASSPATH", System.getProperty("java.class.path"));
        else { builder.environment().remove("EARSHOT_CLASSPATH"); builder.environment().remove("EARSHOT_JAR"); }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void startsEarshotWithTheArgumentsGiven() throws Exception {
        Run run = launch(Map.of(), "check", "--content", "src/test/resources/hostile/site");
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("src/test/resources/hostile/site: OK, 1 page(s), 3 section(s)"), run.out());
    }

    @Test
    void passesEarshotsOwnErrorsAndExitCodeThrough() throws Exception {
        Run run = launch(Map.of(), "serve", "--no-such-option", "x");
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.out().contains("'serve' has no option --no-such-option"), run.out());
    }

    @Test
    void aSmallSiteGetsASmallHeapAndTheSerialCollector() throws Exception {
        Run run = launch(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "check", "--content", "src/test/resources/hostile/site");
        assertTrue(run.out().contains("-XX:MaxHeapSize=" + (72 << 20) + " "), run.out());
        assertTrue(run.out().contains("-XX:+UseSerialGC"), run.out());
        assertTrue(run.out().contains("-XX:TieredStopAtLevel=1 "), run.out());
    }

    @Test
    void aLargeLibraryGetsAHeapSizedToItAndG1WithShortPauses(@org.junit.jupiter.api.io.TempDir java.nio.file.Path library) throws Exception {
        java.nio.file.Path pages = java.nio.file.Files.createDirectories(library.resolve("pages"));
        byte[] page = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/hostile/site/pages").toFile()
                .listFiles((dir, name) -> name.endsWith(".md"))[0].toPath());
        for (int i = 0; i < 480; i++) java.nio.file.Files.write(pages.resolve("page-" + i + ".md"), page);
        // --content=DIR is read as well as --content DIR.
        Run run = launch(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "check", "--content=" + library);
        assertTrue(run.out().contains("-XX:MaxHeapSize=" + ((72 + 480 / 8) << 20) + " "), run.out());
        assertTrue(run.out().contains("-XX:+UseG1GC") && run.out().contains("-XX:MaxGCPauseMillis=20 "), run.out());
        assertTrue(!run.out().contains("TieredStopAtLevel"), run.out());
    }

    @Test
    void warmOnASmallSiteGetsItsWholeHeapAtOnceWithTheSmallSitesCollectorAndCompiler() throws Exception {
        // A batch, not a server: its heap is taken whole at the start (no full collections to grow it).
        Run run = launch(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "warm", "--content", "src/test/resources/hostile/site", "--no-such-option", "x");
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.out().contains("-XX:MaxHeapSize=" + (256 << 20) + " "), run.out());
        assertTrue(run.out().contains("-XX:InitialHeapSize=" + (256 << 20) + " "), run.out());
        assertTrue(run.out().contains("-XX:+UseSerialGC"), run.out());
        assertTrue(run.out().contains("-XX:TieredStopAtLevel=1 "), run.out());
        // Huge pages for its heap where the kernel gives them on request (madvise), and never asked for elsewhere.
        assertEquals(hugePagesOnRequest(), run.out().contains("-XX:+UseTransparentHugePages"), run.out());
    }

    @Test
    void onlyWarmAsksForHugePages() throws Exception {
        Run run = launch(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "check", "--content", "src/test/resources/hostile/site");
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("-XX:+UseSerialGC") && !run.out().contains("TransparentHugePages"), run.out());
    }

    private static boolean hugePagesOnRequest() throws IOException {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        return Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
    }

    @Test
    void aHeapGivenInJavaOptsIsWarmsWholeHeap() throws Exception {
        Run run = launch(Map.of("JAVA_OPTS", "-Xmx100m -XX:+PrintCommandLineFlags"), "warm", "--content", "src/test/resources/hostile/site", "--no-such-option", "x");
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.out().contains("-XX:MaxHeapSize=" + (100 << 20) + " "), run.out());
    }

    @Test
    void warmStartsFromTheArchiveRecordedFromAWarmAndEveryOtherCommandFromTheServeArchive(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        Path launcher = installed(home);
        Path target = home.resolve("target");
        Files.write(target.resolve("earshot.jsa"), new byte[0]);
        Files.write(target.resolve("earshot-warm.jsa"), new byte[0]);
        Files.setLastModifiedTime(target.resolve("earshot.jar"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        // The installed jar names a main class it does not hold: the JVM starts (and reports its flags), then stops.
        assertTrue(launch(launcher, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "warm").out()
                .contains("-XX:SharedArchiveFile=" + target.resolve("earshot-warm.jsa") + " "));
        assertTrue(launch(launcher, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "serve").out()
                .contains("-XX:SharedArchiveFile=" + target.resolve("earshot.jsa") + " "));
        Files.delete(target.resolve("earshot-warm.jsa"));
        assertTrue(launch(launcher, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "warm").out()
                .contains("-XX:SharedArchiveFile=" + target.resolve("earshot.jsa") + " "));
    }

    /** A copy of bin/earshot in {@code home}/bin, beside a jar in {@code home}/target whose manifest names no real class. */
    private static Path installed(Path home) throws IOException {
        Path launcher = Files.createDirectories(home.resolve("bin")).resolve("earshot");
        Files.copy(Path.of("bin/earshot"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "NoSuchClass");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(Files.createDirectories(home.resolve("target"))
                .resolve("earshot.jar")), manifest)) {
            jar.flush();
        }
        return launcher;
    }

    @Test
    void javaOptsOverrideTheDefaults() throws Exception {
        Run run = launch(Map.of("JAVA_OPTS", "-Xmx200m -XX:+UseParallelGC -XX:+PrintCommandLineFlags"), "check", "--content", "src/test/resources/hostile/site");
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("-XX:MaxHeapSize=209715200 "), run.out());
        assertTrue(run.out().contains("-XX:+UseParallelGC") && !run.out().contains("UseG1GC"), run.out());
    }

    /**
     * A heap smaller than the default initial 32 MB, named in JAVA_OPTS, is the heap: the JVM refused to start ("Initial
     * heap size set to a larger value than the maximum heap size") because the launcher still passed -Xms32m.
     */
    @Test
    void aHeapSmallerThanTheDefaultStartIsStillTheHeap() throws Exception {
        for (String command : new String[] {"check", "warm"}) {
            Run run = launch(Map.of("JAVA_OPTS", "-Xmx24m -XX:+PrintCommandLineFlags"), command, "--content", "src/test/resources/hostile/site",
                    "--no-such-option", "x");
            assertEquals(2, run.exit(), command + ": " + run.out()); // Earshot's own usage error: the JVM started
            assertTrue(run.out().contains("-XX:MaxHeapSize=" + (24 << 20) + " "), run.out());
        }
    }

    @Test
    void aPortInUseIsOneLineWithoutJavalinsErrorOrAStackTrace(@org.junit.jupiter.api.io.TempDir Path cache) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Run run = launch(Map.of(), "serve", "--port", String.valueOf(taken.getLocalPort()), "--no-warm",
                    "--content", "src/test/resources/hostile/site", "--audio-cache", cache.toString());
            assertEquals(1, run.exit(), run.out());
            assertEquals("earshot: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is already in use\n", run.out());
        }
    }
}
