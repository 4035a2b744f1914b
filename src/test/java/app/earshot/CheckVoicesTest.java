package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.speech.EspeakSynthesizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code check} on the bilingual fixture names what to install when a language has no voice. */
// Alone: it sets the system property earshot.espeak.library to a missing file, and while it is set every server that
// starts (or answers /healthz, or runs check) in this JVM finds no eSpeak NG, whichever class it belongs to.
@Isolated
class CheckVoicesTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String check(String... more) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("check", "--content", "src/test/resources/site-es"),
                java.util.Arrays.stream(more)).toArray(String[]::new);
        int status = Earshot.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status, "a missing voice is a warning: the pages are still served as text");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutEspeakCheckSaysWhatToInstall() {
        System.setProperty(EspeakSynthesizer.LIBRARY_PROPERTY, "/nonexistent/libespeak-ng.so.1");
        try {
            String said = check();
            assertTrue(said.contains("warning: no voice for es: install espeak-ng"), said);
        } finally {
            System.clearProperty(EspeakSynthesizer.LIBRARY_PROPERTY);
        }
    }

    @Test
    void withEspeakCheckHasNoVoiceWarning() {
        assertFalse(check().contains("no voice"));
    }

    @Test
    void pronunciationReportSaysItLeavesSpanishPagesUnchecked() {
        String said = check("--speech");
        assertFalse(said.contains("acerca-de-la-ketamina.md"), said);
        assertTrue(said.contains("note: 1 page(s) in other languages not checked"), said);
    }
}
