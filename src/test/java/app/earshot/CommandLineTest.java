package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void serveTakesABaseUrlWithoutItsTrailingSlash() {
        assertEquals(Optional.of("https://library.example.org"),
                CommandLine.parse(new String[] {"serve", "--base-url", "https://library.example.org/"}).baseUrl());
    }

    @Test
    void malformedBaseUrlStopsServeWithExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Earshot.run(new String[] {"serve", "--base-url=library.example.org"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains("must start with http:// or https://"), err.toString());
    }

    @Test
    void onlyServeHasABaseUrl() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"warm", "--base-url", "https://x.org"}));
    }
}
