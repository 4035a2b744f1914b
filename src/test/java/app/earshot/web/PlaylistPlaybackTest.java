package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.narration.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The playlists opened by ffmpeg and ffprobe, real HLS and M3U clients nobody here wrote. */
class PlaylistPlaybackTest {
    static TestServer server;
    static Page page;
    static double sections;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        page = server.site().page("about-ketamine").orElseThrow();
        for (Section s : page.sections()) sections += server.narrator().clips().sectionMp3(server.voicing(), page, s, Speed.NORMAL).seconds();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs a command and returns its standard output; fails on a non-zero exit with its standard error. */
    static byte[] run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + err);
        return out;
    }

    /** Seconds of audio ffmpeg decodes from {@code url} (16 kHz mono 16-bit, so 32,000 bytes a second). */
    static double decodedSeconds(String url, String... inputOptions) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
        cmd.addAll(List.of(inputOptions));
        cmd.addAll(List.of("-i", url, "-ac", "1", "-ar", "16000", "-f", "s16le", "-"));
        return run(cmd.toArray(String[]::new)).length / 32000.0;
    }

    /** The page MP3's every frame, its encoder delay and padding included: an HLS client decodes one stream of them. */
    static double pageStreamSeconds() throws IOException {
        app.earshot.audio.Mp3Info info = app.earshot.audio.Mp3.inspect(
                server.narrator().clips().pageMp3(server.voicing(), page, Speed.NORMAL).audio().path());
        return info.frames() * info.samplesPerFrame() / (double) info.sampleRate();
    }

    @Test
    void ffmpegPlaysTheHlsPlaylistFromTheFirstSectionToTheLast() throws Exception {
        double seconds = decodedSeconds(server.url("/about-ketamine.m3u8"));
        // Every section with the pauses between them, as the page MP3 holds them, and one encoder delay only.
        double pauses = app.earshot.narration.Clips.SECTION_PAUSE_SECONDS * (page.sections().size() - 1);
        assertTrue(seconds >= sections + pauses - 0.05, "decoded " + seconds + " s of " + (sections + pauses) + " s");
        assertEquals(pageStreamSeconds(), seconds, 0.1, "decoded " + seconds + " s");
    }

    @Test
    void ffprobeReadsTheHlsPlaylistAsAFiniteVodStream() throws Exception {
        String probe = new String(run("ffprobe", "-v", "error", "-show_entries", "format=format_name,duration", "-of", "default=nw=1",
                server.url("/about-ketamine.m3u8")), StandardCharsets.UTF_8);
        assertTrue(probe.contains("format_name=hls"), probe);
        double duration = Double.parseDouble(probe.lines().filter(l -> l.startsWith("duration=")).findFirst().orElseThrow().substring(9));
        assertEquals(pageStreamSeconds(), duration, 0.1, probe);
    }

    @Test
    void theHlsPlaylistCarriesTheTagsOfAVodPlaylist() {
        var response = server.get("/about-ketamine.m3u8");
        assertEquals("application/vnd.apple.mpegurl", response.headers().firstValue("Content-Type").orElse(""));
        List<String> lines = response.body().lines().toList();
        assertEquals("#EXTM3U", lines.get(0));
        assertTrue(lines.containsAll(List.of("#EXT-X-VERSION:3", "#EXT-X-PLAYLIST-TYPE:VOD")), lines.toString());
        long target = Long.parseLong(lines.stream().filter(l -> l.startsWith("#EXT-X-TARGETDURATION:")).findFirst().orElseThrow().substring(22));
        lines.stream().filter(l -> l.startsWith("#EXTINF:"))
                .forEach(l -> assertTrue(Math.round(Double.parseDouble(l.substring(8, l.indexOf(',')))) <= target, l));
        assertEquals("#EXT-X-ENDLIST", lines.get(lines.size() - 1));
    }

    @Test
    void ffmpegPlaysThePlainM3uAsAListOfEverySection() throws Exception {
        var response = server.get("/about-ketamine.m3u");
        assertEquals("audio/x-mpegurl; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().lines().noneMatch(l -> l.startsWith("#EXT-X-")));
        // ffmpeg reads a plain list of files with its concat demuxer, as a desktop player steps through the list.
        java.nio.file.Path list = java.nio.file.Files.createTempFile("earshot", ".txt");
        try {
            StringBuilder concat = new StringBuilder();
            response.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(u -> concat.append("file '").append(u).append("'\n"));
            java.nio.file.Files.writeString(list, concat);
            double seconds = decodedSeconds(list.toString(), "-f", "concat", "-safe", "0", "-protocol_whitelist", "file,http,tcp");
            assertEquals(sections, seconds, 0.1 * page.sections().size());
            assertEquals(page.sections().size(), concat.toString().lines().count());
        } finally {
            java.nio.file.Files.deleteIfExists(list);
        }
    }
}
