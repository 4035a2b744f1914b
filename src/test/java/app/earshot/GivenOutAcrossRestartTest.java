package app.earshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VoiceXML browser holds its document for the whole call, and the clinic may edit the content meanwhile. The clips
 * the document names (their path and {@code v}) must keep playing as they were given out even when the server that
 * gave the document out has restarted since (a deploy during the call), or when another server on the same cache
 * answers (a second origin behind a load balancer): what was given out is kept in the cache, not in one process.
 */
class GivenOutAcrossRestartTest {
    private static final Path SITE = Path.of("src/test/resources/phone-two-pages");

    @TempDir
    Path content;
    @TempDir
    Path edited;
    @TempDir
    Path cache;

    /** After a restart on edited content, the old document's clips play as given out, and nothing is synthesized. */
    @Test
    void aDocumentGivenOutBeforeARestartStillPlaysItsClipsAfterTheContentChanged() throws Exception {
        TestServer.copyTree(SITE, content);
        Given given;
        try (TestServer first = TestServer.start(content, cache, TestServer.SYNTHESIZER)) {
            given = given(first);
        }
        edit(content);
        CountingSynthesizer counting = new CountingSynthesizer(TestServer.SYNTHESIZER);
        try (TestServer restarted = TestServer.start(content, cache, counting)) {
            playsAsGivenOut(restarted, given);
            assertEquals(0, counting.calls(), "an old version is played from the cache, never synthesized");
        }
    }

    /** A second server on the same cache, which gave nothing out, plays what the first one gave out. */
    @Test
    void aSecondServerOnTheSameCachePlaysWhatTheFirstGaveOut() throws Exception {
        TestServer.copyTree(SITE, content);
        TestServer.copyTree(SITE, edited);
        edit(edited);
        CountingSynthesizer counting = new CountingSynthesizer(TestServer.SYNTHESIZER);
        try (TestServer first = TestServer.start(content, cache, TestServer.SYNTHESIZER)) {
            Given given = given(first);
            try (TestServer second = TestServer.start(edited, cache, counting)) {
                playsAsGivenOut(second, given);
                assertEquals(0, counting.calls(), "an old version is played from the cache, never synthesized");
            }
            // The first server, on the unedited content, still serves its current clips at the same paths.
            assertArrayEquals(given.section().bytes(), fetch(first, given.section().url()));
        }
    }

    /**
     * An old version needs its clip: while the 16 kHz clip is stored, a telephone file removed from the cache is
     * converted again from it (the same bytes); once that is gone too, the old URL is the route's own 404, as for a
     * version never given out, and nothing is synthesized.
     */
    @Test
    void anOldVersionWhoseClipWasRemovedFromTheCacheIsA404NeverASynthesis() throws Exception {
        TestServer.copyTree(SITE, content);
        Given given;
        try (TestServer first = TestServer.start(content, cache, TestServer.SYNTHESIZER)) {
            given = given(first);
        }
        edit(content);
        String url = given.section().url();
        assertEquals(1, remove(given.section().bytes()), "the section's telephone clip was stored once");
        CountingSynthesizer counting = new CountingSynthesizer(TestServer.SYNTHESIZER);
        try (TestServer restarted = TestServer.start(content, cache, counting)) {
            assertArrayEquals(given.section().bytes(), fetch(restarted, url), "converted again from the stored 16 kHz clip");
            assertEquals(1, remove(given.section().bytes()), "the telephone clip converted again");
            assertEquals(1, remove(given.wide()), "the section's 16 kHz clip");
            HttpResponse<String> gone = restarted.get(url);
            assertEquals(404, gone.statusCode(), gone.body());
            assertEquals(restarted.get(never(url)).body(), gone.body(), "the route's own answer");
            assertFalse(gone.body().contains("Exception"), gone.body());
            assertEquals(0, counting.calls(), "nothing synthesized for an old version");
        }
        try (Stream<Path> files = Files.walk(cache)) {
            assertTrue(files.filter(Files::isRegularFile).noneMatch(f -> same(f, given.section().bytes()) || same(f, given.wide())),
                    "and nothing was made again");
        }
    }

    /**
     * Every page of a line says some prompts alike (after a section, goodbye): one version, given out under each page's
     * path. Each page's path keeps it when that page is renamed, whichever page's document was given out last.
     */
    @Test
    void aPromptTwoPagesSayAlikePlaysUnderEachPagesPathAfterARename() throws Exception {
        TestServer.copyTree(SITE, content);
        try (TestServer server = TestServer.start(content, cache, TestServer.SYNTHESIZER);
             ContentWatcher watcher = new ContentWatcher(content, server.store(), snapshot -> {}).start()) {
            Given given = given(server);
            assertEquals(version(given.shared().url()), version(given.sleepShared()), "one version for both pages");
            edit(content);
            Await.until(Duration.ofSeconds(10), () -> server.get("/breathing").statusCode() == 404, "the rename is served");
            assertArrayEquals(given.shared().bytes(), fetch(server, given.shared().url()), "the renamed page's prompt");
        }
    }

    /** A clip URL as a document named it (path and query), with the bytes it played then. */
    private record Clip(String url, byte[] bytes) {}

    /**
     * What the documents of both pages named before the edit: breathing's section clip, menu prompt and a prompt both
     * pages say alike; sleep's clip of the section the edit renames; the site line's menu of the topic's pages;
     * sleep's URLs of a section clip and of its menu (their versions, for another page's path); and breathing's
     * section's 16 kHz clip.
     */
    private record Given(Clip section, Clip menu, Clip shared, Clip sleepSection, Clip topic, String sleepShared,
                         String sleepMenu, String sleepOther, byte[] wide) {}

    /** Fetches both pages' documents (breathing's first), waiting until they name their clips, and those clips. */
    private static Given given(TestServer server) {
        Document breathing = document(server, "breathing", "breathing-in", "after-section");
        Document sleep = document(server, "sleep", "when-to-call-us", "after-section");
        Clip section = clip(server, src(breathing, "/telephony/breathing/breathing-in.wav?v="));
        Clip menu = clip(server, src(breathing, "/telephony/breathing/prompts/menu.wav?v="));
        Clip shared = clip(server, src(breathing, "/telephony/breathing/prompts/after-section.wav?v="));
        Clip sleepSection = clip(server, src(sleep, "/telephony/sleep/when-to-call-us.wav?v="));
        Document site = Await.value(Duration.ofSeconds(120),
                () -> Jsoup.parse(server.get("/ivr.vxml").body(), "", Parser.xmlParser()),
                d -> !d.select("audio[src^=/telephony/prompts/topic-aftercare.wav?v=]").isEmpty(), "/ivr.vxml names its clips");
        Clip topic = clip(server, src(site, "/telephony/prompts/topic-aftercare.wav?v="));
        byte[] wide = fetch(server, "/audio/breathing/breathing-in.wav");
        assertNotEquals(version(section.url()), version(src(sleep, "/telephony/sleep/a-steady-routine.wav?v=")));
        return new Given(section, menu, shared, sleepSection, topic, src(sleep, "/telephony/sleep/prompts/after-section.wav?v="),
                src(sleep, "/telephony/sleep/prompts/menu.wav?v="), src(sleep, "/telephony/sleep/a-steady-routine.wav?v="), wide);
    }

    /**
     * Renames sleep's last section, breathing's page (and one of its sections) and the topic: every old path above is
     * gone.
     */
    private static void edit(Path content) throws IOException {
        Path yaml = content.resolve("site.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("id: aftercare", "id: after-treatment"));
        for (String page : List.of("pages/sleep.md", "pages/breathing.md")) {
            Path file = content.resolve(page);
            Files.writeString(file, Files.readString(file).replace("topic: aftercare", "topic: after-treatment"));
        }
        Path sleep = content.resolve("pages/sleep.md");
        Files.writeString(sleep, Files.readString(sleep).replace("## When to Call Us", "## When to Phone Us"));
        Path breathing = content.resolve("pages/breathing.md");
        Files.writeString(breathing, Files.readString(breathing).replace("## Breathing In", "## Breathing In Slowly"));
        Files.move(breathing, breathing.resolveSibling("calm-breathing.md"));
    }

    private static void playsAsGivenOut(TestServer server, Given given) {
        assertEquals(404, server.get("/breathing").statusCode(), "the page was renamed");
        assertEquals(404, server.get("/sleep/when-to-call-us").statusCode(), "the section was renamed");
        assertEquals(404, server.get(path(given.topic().url())).statusCode(), "the topic was renamed");
        for (Clip clip : List.of(given.section(), given.menu(), given.shared(), given.sleepSection(), given.topic())) {
            assertArrayEquals(clip.bytes(), fetch(server, clip.url()), clip.url() + " plays as given out");
            HttpResponse<String> never = server.get(never(clip.url()));
            assertEquals(404, never.statusCode(), never(clip.url()) + " was never given out");
            assertEquals(server.get(path(clip.url())).body(), never.body(), "the route's own answer");
        }
        // One page's version under another page's path: given out, but not for that path.
        String[] crossed = {
            path(given.section().url()) + "?v=" + version(given.sleepOther()),
            path(given.menu().url()) + "?v=" + version(given.sleepMenu()),
            path(given.sleepSection().url()) + "?v=" + version(given.section().url()),
        };
        for (String url : crossed) {
            HttpResponse<String> r = server.get(url);
            assertEquals(404, r.statusCode(), url + " answered " + r.headers().firstValue("Content-Type").orElse(""));
            assertEquals(server.get(path(url)).body(), r.body(), url);
        }
    }

    /** The document of {@code slug}'s own line once it names the clips of {@code section} and prompt {@code prompt}. */
    private static Document document(TestServer server, String slug, String section, String prompt) {
        return Await.value(Duration.ofSeconds(120),
                () -> Jsoup.parse(server.get("/ivr/" + slug + ".vxml").body(), "", Parser.xmlParser()),
                d -> !d.select("audio[src^=/telephony/" + slug + "/" + section + ".wav?v=]").isEmpty()
                        && !d.select("audio[src^=/telephony/" + slug + "/prompts/" + prompt + ".wav?v=]").isEmpty()
                        && !d.select("audio[src^=/telephony/" + slug + "/prompts/menu.wav?v=]").isEmpty(),
                "/ivr/" + slug + ".vxml names its clips");
    }

    /** The one clip URL of the document that starts with {@code prefix}. */
    private static String src(Document document, String prefix) {
        List<String> found = document.select("audio[src^=" + prefix + "]").stream().map(a -> a.attr("src")).distinct().toList();
        assertEquals(1, found.size(), prefix + ": " + found);
        return found.get(0);
    }

    private static Clip clip(TestServer server, String url) {
        return new Clip(url, fetch(server, url));
    }

    private static byte[] fetch(TestServer server, String url) {
        HttpResponse<byte[]> r = server.getBytes(url);
        assertEquals(200, r.statusCode(), url + ": " + new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("audio/wav", r.headers().firstValue("Content-Type").orElse(""), url);
        return r.body();
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }

    private static String version(String url) {
        String query = URI.create(url).getQuery();
        assertTrue(query.matches("v=[0-9a-f]{16}"), url);
        return query.substring(2);
    }

    /** {@code url} with a version no server gave out. */
    private static String never(String url) {
        return path(url) + "?v=0123456789abcdef";
    }

    /** Deletes every cached file holding exactly {@code bytes} (and its record); how many there were. */
    private int remove(byte[] bytes) throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.walk(cache)) {
            found = files.filter(Files::isRegularFile).filter(f -> same(f, bytes)).toList();
        }
        for (Path f : found) {
            Files.delete(f);
            Files.deleteIfExists(f.resolveSibling(f.getFileName() + ".sum"));
        }
        return found.size();
    }

    private static boolean same(Path file, byte[] bytes) {
        try {
            return Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes);
        } catch (IOException e) {
            return false;
        }
    }
}
