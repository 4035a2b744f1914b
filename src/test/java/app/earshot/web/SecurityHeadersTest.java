package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
    @Test
    void noHstsUnlessConfigured() {
        assertFalse(new SecurityHeaders(0).all().containsKey("Strict-Transport-Security"));
    }

    @Test
    void hstsWhenConfiguredForTls() {
        assertEquals("max-age=31536000; includeSubDomains", new SecurityHeaders(31536000).all().get("Strict-Transport-Security"));
    }

    @Test
    void negativeMaxAgeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SecurityHeaders(-1));
    }
}
