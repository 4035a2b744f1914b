package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export DIR --base-url URL}: the export is published at that URL, with no trace of the private server. */
class ExportBaseUrlTest {
    static final String CONTENT = "src/test/resources/fixtures/store";
    static final String BASE = "https://library.example.org";

    @TempDir
    static Path export;
    @TempDir
    static Path cache;
    static int exit;

    @BeforeAll
    static void exportWithABaseUrl() {
        exit = Earshot.run(new String[]{"export", export.toString(), "--base-url", BASE + "/", "--content", CONTENT,
                "--audio-cache", cache.toString()}, new PrintStream(new ByteArrayOutputStream()), System.err);
    }

    @Test
    void noExportedFileNamesALoopbackAddress() throws Exception {
        assertEquals(0, exit);
        List<String> leaks = new ArrayList<>();
        for (Path file : files()) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (text.contains("127.0.0.1") || text.contains("localhost") || text.contains("[::1]")) leaks.add(file.toString());
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void feedPlaylistAndApiCarryTheBaseUrl() throws Exception {
        assertTrue(Files.readString(export.resolve("feed.xml")).contains("<enclosure url=\"" + BASE + "/audio/rest"));
        assertTrue(Files.readString(export.resolve("rest.m3u8")).contains(BASE + "/audio/rest/"));
        assertTrue(Files.readString(export.resolve("rest.m3u")).contains(BASE + "/audio/rest/"));
        assertTrue(Files.readString(export.resolve("api/pages/rest.json")).contains("\"" + BASE + "/api/pages/rest.json\""));
    }

    @Test
    void theExportHoldsEveryHlsSegmentItsPlaylistLists() throws Exception {
        List<String> segments = Files.readAllLines(export.resolve("rest.m3u8")).stream().filter(l -> !l.startsWith("#")).toList();
        assertTrue(segments.size() > 0 && segments.stream().allMatch(u -> u.startsWith(BASE + "/audio/rest/hls/")), segments.toString());
        long before = -1;
        assertTrue(segments.stream().allMatch(u -> u.matches(".*/hls/[0-9]+\\.mp3\\?v=[0-9a-f]{64}")), "each names its version: " + segments);
        for (String url : segments) {
            // A static host serves the file at the path and ignores the query.
            byte[] segment = Files.readAllBytes(export.resolve(java.net.URI.create(url).getRawPath().substring(1)));
            long timestamp = app.earshot.audio.HlsSegments.timestamp(segment);
            assertTrue(timestamp > before, url + " starts after the segment before it");
            before = timestamp;
        }
    }

    @Test
    void theSiteWidePhoneLineIsWrittenWithEveryClipItPlays() throws Exception {
        org.jsoup.nodes.Document vxml = org.jsoup.Jsoup.parse(Files.readString(export.resolve("ivr.vxml")), "", org.jsoup.parser.Parser.xmlParser());
        List<String> sources = vxml.select("audio").eachAttr("src");
        assertTrue(sources.stream().anyMatch(src -> src.startsWith("/telephony/rest/prompts/menu.wav")), sources.toString());
        for (String src : sources) assertTrue(Files.isRegularFile(export.resolve(src.substring(1).replaceAll("\\?.*", ""))), src);
    }

    @Test
    void noTwimlWebhookIsWritten() throws Exception {
        assertEquals(List.of(), files().stream().filter(p -> p.toString().contains("twiml")).toList());
    }

    @Test
    void aBaseUrlThatServeWouldRefuseIsRefusedBeforeAnyWork(@TempDir Path elsewhere) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Earshot.run(new String[]{"export", elsewhere.toString(), "--base-url", "ftp://example.org", "--content", CONTENT},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("base"), err.toString(StandardCharsets.UTF_8));
    }

    private static List<Path> files() throws Exception {
        try (Stream<Path> all = Files.walk(export)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
