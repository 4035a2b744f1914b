package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code check} warns, without failing, when podcast directories would have no owner address to verify the show with. */
class OwnerEmailCheckTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    String check(String content) {
        assertEquals(0, Earshot.run(new String[] {"check", "--content", content}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSiteWithoutAnOwnerEmailIsWarned() {
        String said = check("src/test/resources/library");
        assertTrue(said.contains("warning: site.yaml sets no podcast owner email"), said);
    }

    @Test
    void aSiteWithOneIsNot() {
        assertFalse(check("src/test/resources/podcast-site").contains("warning"));
    }
}
