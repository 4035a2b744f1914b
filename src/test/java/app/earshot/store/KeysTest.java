package app.earshot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void theEntityTagIsTheKeysFirst32HexDigitsAndTheFormatQuoted() {
        String key = Keys.of("page", "welcome");
        assertEquals(64, key.length());
        assertEquals("\"" + key.substring(0, 32) + ".mp3\"", Keys.etag(key, "mp3"));
        assertEquals("\"" + key.substring(0, 32) + ".chapters.json\"", Keys.etag(key, "chapters.json"));
    }

    @Test
    void theSameBytesInAnotherFormatGetAnotherTag() {
        String key = Keys.of("page", "welcome");
        assertNotEquals(Keys.etag(key, "mp3"), Keys.etag(key, "wav"));
        assertNotEquals(Keys.etag(key, "mp3"), Keys.etag(Keys.of("page", "other"), "mp3"));
    }
}
