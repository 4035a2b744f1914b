package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    static final Instant SIXTH_OF_DECEMBER = Instant.parse("2026-12-06T08:49:37.250Z");

    @Test
    void aOneDigitDayIsWrittenWithTwoDigits() {
        assertEquals("Sun, 06 Dec 2026 08:49:37 GMT", HttpDate.format(SIXTH_OF_DECEMBER));
    }

    @Test
    void allThreeFormsARecipientMustAcceptAreRead() {
        Instant second = Instant.parse("2026-12-06T08:49:37Z");
        assertEquals(second, HttpDate.parse("Sun, 06 Dec 2026 08:49:37 GMT").orElseThrow());
        assertEquals(second, HttpDate.parse("Sunday, 06-Dec-26 08:49:37 GMT").orElseThrow());
        assertEquals(second, HttpDate.parse("Sun Dec  6 08:49:37 2026").orElseThrow());
    }

    @Test
    void anythingElseReadsAsNoDate() {
        assertTrue(HttpDate.parse("yesterday").isEmpty());
        assertTrue(HttpDate.parse("Mon, 06 Dec 2026 08:49:37 GMT").isEmpty(), "the 6th of December 2026 is a Sunday");
        assertTrue(HttpDate.parse(null).isEmpty());
    }
}
