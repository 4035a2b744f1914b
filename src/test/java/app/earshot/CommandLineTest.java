package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return Earshot.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void checkPassesOnTheFixtureCountingItsPagesAndSections() {
        assertEquals(0, run("check", "--content", Fixture.SITE.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("OK, 1 page(s), " + Fixture.sectionCount() + " section(s)"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkFailsWithOneFileLineProblemPerLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("site.yaml"), "title: T\nlanguage: en\norganisation: O\n");
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/p.md"), "---\nsummary: s\nreviewed: 2026-01-01\nnext-review: 2027-01-01\n---\n## A\n\n## A\n\nx\n");
        assertEquals(1, run("check", "--content", dir.toString()));
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].startsWith(dir.resolve("pages/p.md") + ":2: missing title"), lines[0]);
        assertTrue(lines[1].matches(".*p\\.md:6: section 'A' is empty"), lines[1]);
        assertTrue(lines[2].matches(".*p\\.md:8: duplicate section id 'a'.*"), lines[2]);
    }

    @Test
    void checkRefusesTheOneMegabyte130SectionPageNamingFileLineAndLimit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("site.yaml"), "title: T\nlanguage: en\norganisation: O\n");
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/big.md"), app.earshot.content.ContentLoaderTest.longPage(130, 1 << 20));
        assertEquals(1, run("check", "--content", dir.toString()));
        String problems = err.toString(StandardCharsets.UTF_8);
        assertTrue(problems.startsWith(dir.resolve("pages/big.md") + ":1: page is "), problems);
        assertTrue(problems.contains("the limit is " + app.earshot.content.ContentLoader.MAX_PAGE_BYTES + " bytes"), problems);
    }

    @Test
    void serveRefusesBrokenContentWithTheSameLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("site.yaml"), "title: T\nlanguage: en\norganisation: O\n");
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/p.md"), "no front matter\n");
        assertEquals(1, run("serve", "--port", "0", "--content", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(dir.resolve("pages/p.md") + ":1: missing front matter"));
    }

    static final String SPEECH_FIXTURE = "src/test/resources/speech-check";

    @Test
    void speechCheckWarnsWithFileLineAndExitsZero() {
        assertEquals(0, run("check", "--speech", "--content", SPEECH_FIXTURE));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("pages/nasal-spray.md:8: warning: \"Spravato\" is guessed"), text);
        assertTrue(text.contains("3 word(s) the voice would guess on 1 page(s)"), text);
    }

    @Test
    void speechCheckFindsNoGuessedWordOnTheFixture() {
        assertEquals(0, run("check", "--speech", "--strict", "--content", Fixture.SITE.toString()), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void speechCheckStrictExitsOneWhenAnyWordIsGuessed() {
        assertEquals(1, run("check", "--speech", "--strict", "--content", SPEECH_FIXTURE));
    }

    @Test
    void speechCheckJsonListsEachPageWithItsGuessedWords() throws Exception {
        assertEquals(0, run("check", "--speech", "--format", "json", "--content", SPEECH_FIXTURE));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(3, json.get("guessed").asInt());
        assertEquals("Spravato", json.at("/pages/0/guessedWords/0/word").asText());
        assertEquals("[8,14]", json.at("/pages/0/guessedWords/0/lines").toString());
    }

    @Test
    void speechCheckRejectsAnUnknownFormatAndAValueOnAFlag() {
        assertEquals(2, run("check", "--speech", "--format", "xml", "--content", SPEECH_FIXTURE));
        assertEquals(2, run("check", "--speech=yes"));
        assertEquals(2, run("check", "--strict"));
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        assertEquals(2, run("fly"));
        assertEquals(2, run("check", "--port", "1"));
        assertEquals(2, run("serve", "--port", "seventy"));
        assertEquals(2, run("serve", "--hsts", "-5"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    @Test
    void serveListensOnLoopbackUnlessAHostIsGiven() {
        assertEquals("127.0.0.1", CommandLine.parse(new String[]{"serve"}).host());
        assertEquals("0.0.0.0", CommandLine.parse(new String[]{"serve", "--host", "0.0.0.0"}).host());
        assertEquals("::1", CommandLine.parse(new String[]{"serve", "--host", "[::1]"}).host());
    }

    @Test
    void malformedHostIsAUsageError() {
        assertEquals(2, run("serve", "--host", "a b/c"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--host must be an IP address or host name"));
    }

    @Test
    void selftestStartsTheServerAndFindsEveryPageAnswering(@TempDir Path cache) {
        assertEquals(0, run("selftest", "--content", Fixture.SITE.toString(), "--audio-cache", cache.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("selftest: OK, 17 routes answered"), out.toString(StandardCharsets.UTF_8));
        // One section's MP3 and telephone clip were made (into the cache it was given), not only pages answered.
        try (java.util.stream.Stream<Path> files = Files.walk(cache)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".mp3")) && names.stream().anyMatch(n -> n.endsWith(".wav")), names.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void exportNeedsAFolder() {
        assertEquals(2, run("export"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs a folder"));
    }

    @Test
    void aCacheKeyFileTooShortMissingOrInsideTheCacheIsAUsageError(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Files.writeString(dir.resolve("short.key"), "secret\n");
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("inside.key"), "0123456789abcdef0123456789abcdef");
        String[][] cases = {{"short.key", "holds 6 bytes; a key needs at least 16"}, {"missing.key", "the cache key file " + dir.resolve("missing.key") + " does not exist"},
                {"cache/inside.key", "must be kept outside the cache"}};
        for (String[] c : cases) {
            err.reset();
            assertEquals(2, run("warm", "--content", Fixture.SITE.toString(), "--audio-cache", cache.toString(),
                    "--cache-key-file", dir.resolve(c[0]).toString()), c[0]);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains(c[1]), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void serveOnAPortInUseSaysSoInOneLineAndMakesNoCache(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertEquals(1, run("serve", "--port", String.valueOf(port), "--content", Fixture.SITE.toString(),
                    "--audio-cache", dir.resolve("cache").toString()));
            assertEquals("earshot: cannot listen on 127.0.0.1:" + port + ": the port is already in use\n", err.toString(StandardCharsets.UTF_8));
            assertTrue(Files.notExists(dir.resolve("cache")), "the audio cache was made before failing");
        }
    }

    @Test
    void serveOnAnAddressThisMachineDoesNotHaveSaysSo(@TempDir Path dir) throws Exception {
        // TEST-NET-3 (RFC 5737), for documentation: no machine's own address, checked rather than assumed.
        java.net.InetAddress elsewhere = java.net.InetAddress.getByName("203.0.113.77");
        assertEquals(null, java.net.NetworkInterface.getByInetAddress(elsewhere), "this machine has " + elsewhere);
        assertEquals(1, run("serve", "--host", "203.0.113.77", "--port", "0", "--content", Fixture.SITE.toString(),
                "--audio-cache", dir.resolve("cache").toString()));
        assertEquals("earshot: cannot listen on 203.0.113.77:0: no such address on this machine\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(dir.resolve("cache")));
    }

    @Test
    void serveOnAHostNameThatDoesNotResolveSaysSo(@TempDir Path dir) {
        // .invalid never resolves (RFC 2606).
        assertEquals(1, run("serve", "--host", "no.such.host.invalid", "--port", "0", "--content", Fixture.SITE.toString(),
                "--audio-cache", dir.resolve("cache").toString()));
        assertEquals("earshot: cannot listen on no.such.host.invalid:0: the host name cannot be resolved\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(dir.resolve("cache")));
    }

    /** A missing content folder is one problem, and each command says what it did not do (warm said "nothing was served"). */
    @Test
    void aMissingContentFolderIsOneProblemAndEachCommandSaysWhatItDidNotDo(@TempDir Path dir) {
        Path missing = dir.resolve("nosuch");
        for (String[] command : new String[][] {{"check", "changed"}, {"warm", "made"}, {"export", "exported"}, {"selftest", "tested"}}) {
            out.reset();
            err.reset();
            String[] args = command[0].equals("export")
                    ? new String[] {"export", dir.resolve("out").toString(), "--content", missing.toString(), "--audio-cache", dir.resolve("c").toString()}
                    : new String[] {command[0], "--content", missing.toString(), "--audio-cache", dir.resolve("c").toString()};
            if (command[0].equals("check")) args = new String[] {"check", "--content", missing.toString()};
            assertEquals(1, run(args), command[0]);
            assertEquals(missing + ":1: content folder not found\nearshot: 1 problem(s) in " + missing + "; nothing was " + command[1] + "\n",
                    err.toString(StandardCharsets.UTF_8), command[0]);
        }
    }

    @Test
    void warmIntoACacheThatCannotBeMadeFailsBeforeMakingAnything(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("afile"), "a regular file, not a folder\n");
        Path cache = dir.resolve("afile").resolve("sub");
        assertEquals(1, run("warm", "--content", Fixture.SITE.toString(), "--audio-cache", cache.toString()), out.toString(StandardCharsets.UTF_8));
        assertEquals("earshot: warm failed: the audio cache " + cache + " cannot be written (" + cache + ": Not a directory)\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing was made, so no progress or 'done'");
    }

    @Test
    void warmStopsAtTheFirstFileItCannotStore(@TempDir Path dir) throws Exception {
        // The folder is made, but every file's subfolder (the key's first two hex digits) is taken by a regular file.
        Path cache = Files.createDirectories(dir.resolve("cache"));
        for (int i = 0; i < 256; i++) Files.writeString(cache.resolve(String.format(java.util.Locale.ROOT, "%02x", i)), "");
        assertEquals(1, run("warm", "--content", Fixture.SITE.toString(), "--audio-cache", cache.toString()));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.matches("earshot: warm failed: the audio cache " + java.util.regex.Pattern.quote(cache.toString())
                + " cannot be written \\(" + java.util.regex.Pattern.quote(cache.toString()) + "/[0-9a-f]{2}: .+\\)\n"), error);
        assertTrue(!out.toString(StandardCharsets.UTF_8).contains("warm: done"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exportIntoARegularFileIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("site.zip"), "not a folder\n");
        assertEquals(2, run("export", file.toString(), "--content", Fixture.SITE.toString(), "--audio-cache", dir.resolve("cache").toString()));
        assertEquals("earshot: cannot export into " + file + ": it is a file, not a folder\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(dir.resolve("cache")), "work was done before refusing");
        assertEquals("not a folder\n", Files.readString(file));
    }

    @Test
    void anExportThatFailsHalfwaySaysWhyAndLeavesItMarkedIncompleteUntilOneSucceeds(@TempDir Path dir) throws Exception {
        Path export = Files.createDirectories(dir.resolve("site"));
        Files.writeString(export.resolve("audio"), "a file where the audio folder goes\n");
        String[] args = {"export", export.toString(), "--content", Fixture.SITE.toString(), "--audio-cache", TestServer.SHARED_AUDIO_CACHE.toString()};
        assertEquals(1, run(args));
        String error = err.toString(StandardCharsets.UTF_8);
        Path marker = export.resolve("EXPORT-INCOMPLETE.txt");
        assertTrue(error.startsWith("earshot: export failed: writing " + export.resolve("audio")), error);
        assertTrue(error.contains(export.resolve("audio") + "/"), error);
        assertTrue(error.contains(": Not a directory; the export in " + export + " is incomplete (" + marker + " says so"), error);
        assertEquals(1, error.lines().count(), error);
        assertTrue(Files.readString(marker).contains("Not a directory"), Files.readString(marker));
        // What was written stays (it replaced files of the same name); the marker goes once an export succeeds.
        assertTrue(Files.exists(export.resolve("index.html")));
        Files.delete(export.resolve("audio"));
        err.reset();
        assertEquals(0, run(args), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(marker), "the marker outlived a successful export");
    }

    @Test
    void anExportFolderThatCannotBeMadeIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("afile"), "");
        Path export = dir.resolve("afile").resolve("site");
        assertEquals(1, run("export", export.toString(), "--content", Fixture.SITE.toString(), "--audio-cache", dir.resolve("cache").toString()));
        assertEquals("earshot: export failed: cannot write to " + export + " (" + export + ": Not a directory); nothing was exported\n",
                err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(dir.resolve("cache")), "work was done before refusing");
    }

    @Test
    void askingForHelpPrintsTheUsageToStandardOutputAndExitsZero() {
        String[][] asks = {{"--help"}, {"-h"}, {"help"}, {"check", "--help"}, {"serve", "-h"}, {"export", "--help"},
                {"warm", "--content", Fixture.SITE.toString(), "--help"}};
        for (String[] ask : asks) {
            out.reset();
            err.reset();
            assertEquals(0, run(ask), String.join(" ", ask) + ": " + err.toString(StandardCharsets.UTF_8));
            assertEquals(Earshot.USAGE + "\n", out.toString(StandardCharsets.UTF_8), String.join(" ", ask));
            assertEquals("", err.toString(StandardCharsets.UTF_8), String.join(" ", ask));
        }
    }

    @Test
    void anEmptyCacheKeyFileIsAUsageErrorNotSigningTurnedOff(@TempDir Path dir) {
        for (String[] given : new String[][]{{"--cache-key-file", ""}, {"--cache-key-file="}, {"--cache-key-file", "  "}}) {
            err.reset();
            java.util.List<String> args = new java.util.ArrayList<>(List.of("warm", "--content", Fixture.SITE.toString(),
                    "--audio-cache", dir.resolve("cache").toString()));
            args.addAll(List.of(given));
            assertEquals(2, run(args.toArray(String[]::new)), String.join(" ", given));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("earshot: --cache-key-file needs a file name, not an empty value"),
                    err.toString(StandardCharsets.UTF_8));
            assertTrue(Files.notExists(dir.resolve("cache")), "work was done before refusing");
        }
    }

    /** An option written where a value belongs is a missed value, not a folder called "--speech". */
    @Test
    void anOptionWhereAValueBelongsIsAUsageError(@TempDir Path dir) {
        for (String[] c : new String[][] {{"check", "--content", "--speech"}, {"warm", "--audio-cache", "--content", Fixture.SITE.toString()},
                {"serve", "--port", "--no-warm"}}) {
            err.reset();
            out.reset();
            assertEquals(2, run(c), String.join(" ", c));
            String first = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
            assertEquals("earshot: " + c[1] + " needs a value before " + c[2] + " (for a value that starts with --, write "
                    + c[1] + "=" + c[2] + ")", first, String.join(" ", c));
        }
        assertFalse(Files.exists(dir.resolve("--content")));
    }

    @Test
    void anEmptyPathIsAUsageError(@TempDir Path dir) {
        String cache = dir.resolve("cache").toString();
        String[][] cases = {
                {"check", "--content="}, {"check", "--content", ""}, {"check", "--speech", "--content", " "},
                {"warm", "--content", Fixture.SITE.toString(), "--audio-cache="},
                {"serve", "--port", "0", "--content", "", "--audio-cache", cache},
                {"selftest", "--content", Fixture.SITE.toString(), "--audio-cache", ""},
                {"export", "", "--content", Fixture.SITE.toString(), "--audio-cache", cache}};
        for (String[] c : cases) {
            err.reset();
            out.reset();
            assertEquals(2, run(c), String.join(" ", c) + ": " + err.toString(StandardCharsets.UTF_8));
            String first = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
            assertTrue(first.matches("earshot: (--content|--audio-cache) needs a folder name, not an empty value"
                    + "|earshot: 'export' needs a folder to write to, not an empty name"), String.join(" ", c) + ": " + first);
            assertTrue(Files.notExists(dir.resolve("cache")), "work was done before refusing");
        }
    }

    /**
     * An option given twice with two values ("--content a --content b", often an alias plus what was typed) is a usage
     * error naming both, not a silent choice of the last: the wrong content folder or cache would be served or filled.
     * The same value twice, or a flag twice, changes nothing and is accepted.
     */
    @Test
    void anOptionGivenTwiceWithTwoValuesIsAUsageError(@TempDir Path dir) {
        String cache = dir.resolve("cache").toString();
        String[][] cases = {
                {"check", "--content", Fixture.SITE.toString(), "--content", dir.toString()},
                {"warm", "--content", Fixture.SITE.toString(), "--audio-cache", cache, "--audio-cache=" + cache + "2"},
                {"serve", "--port", "0", "--port=8080", "--content", Fixture.SITE.toString(), "--audio-cache", cache}};
        for (String[] c : cases) {
            err.reset();
            out.reset();
            assertEquals(2, run(c), String.join(" ", c));
            String first = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
            assertTrue(first.matches("earshot: --(content|audio-cache|port) is given twice, as '[^']*' and as '[^']*': give it once"),
                    String.join(" ", c) + ": " + first);
            assertTrue(Files.notExists(dir.resolve("cache")) && Files.notExists(dir.resolve("cache2")), "work was done before refusing");
        }
        assertEquals(Fixture.SITE.toString(), CommandLine.parse(new String[]{"check", "--content", Fixture.SITE.toString(),
                "--content=" + Fixture.SITE}).options().get("content"));
        assertTrue(CommandLine.parse(new String[]{"check", "--speech", "--speech"}).flag("speech"));
    }
}
