package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.audio.Wav;
import app.earshot.sound.Pcm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * site.yaml's {@code speech: voices:} chooses the eSpeak NG voice of a language (Spain's {@code es} rather than
 * Latin America's {@code es-419}): its pages are spoken by that voice, under their own cache keys, and a voice eSpeak
 * NG does not have is reported by {@code check} and leaves those pages as text, as a missing engine does.
 */
class ChosenVoiceTest {
    @TempDir
    Path dir;

    private Path site(String voice) throws Exception {
        Path content = dir.resolve(voice);
        TestServer.copyTree(Fixture.BILINGUAL, content);
        // The fixture's speech block is the file's last: the choice goes inside it.
        Files.writeString(content.resolve("site.yaml"), "  voices:\n    es: " + voice + "\n", StandardOpenOption.APPEND);
        return content;
    }

    @Test
    void theChosenVoiceSpeaksTheLanguagesPagesUnderTheirOwnKeys() throws Exception {
        String section;
        HttpResponse<byte[]> latin;
        try (TestServer server = TestServer.start(Fixture.BILINGUAL)) {
            section = server.site().page("acerca-de-la-ketamina").orElseThrow().sections().get(0).id();
            latin = server.getBytes("/audio/acerca-de-la-ketamina/" + section + ".wav");
        }
        HttpResponse<byte[]> castilian;
        try (TestServer server = TestServer.start(site("es"))) {
            castilian = server.getBytes("/audio/acerca-de-la-ketamina/" + section + ".wav");
            assertEquals("espeak-ng:es", server.voicing().voice(server.site().page("acerca-de-la-ketamina").orElseThrow(),
                    app.earshot.content.Speed.NORMAL).voice());
        }
        assertEquals(200, latin.statusCode());
        assertEquals(200, castilian.statusCode());
        Pcm a = Wav.decode(latin.body());
        Pcm b = Wav.decode(castilian.body());
        assertEquals(16000, b.sampleRate());
        assertTrue(b.length() > 16000, "a second or more of speech: " + b.length() + " samples");
        // Another voice says the same words differently: other samples, another key (so another ETag).
        assertNotEquals(a.length(), b.length());
        assertNotEquals(latin.headers().firstValue("ETag").orElseThrow(), castilian.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void aVoiceESpeakDoesNotHaveIsReportedByCheckAndItsPagesAreServedAsText() throws Exception {
        Path content = site("zz-nowhere");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Earshot.run(new String[]{"check", "--content", content.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status, "a missing voice is a warning: the pages are still served as text");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("warning: no voice for es: eSpeak NG has no voice 'zz-nowhere'"),
                out.toString(StandardCharsets.UTF_8));
        try (TestServer server = TestServer.start(content)) {
            assertEquals(404, server.getBytes("/audio/acerca-de-la-ketamina.mp3").statusCode());
            assertEquals(200, server.getBytes("/acerca-de-la-ketamina").statusCode());
            String health = server.get("/healthz").body();
            assertTrue(health.contains("zz-nowhere"), health);
        }
    }
}
