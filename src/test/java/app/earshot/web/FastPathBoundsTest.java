package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast path holds a bounded number of answers: when full it lets the least recently used go, not everything. */
class FastPathBoundsTest {
    private static final FastPath.Version VERSION = new FastPath.Version(1, 1);

    @Test
    void aFullFastPathDropsOnlyTheLeastRecentlyUsedAnswer() {
        FastPath fast = new FastPath(() -> VERSION, new Metrics(null, null));
        for (int i = 0; i <= FastPath.MAX_ENTRIES; i++) {
            fast.offer("/page-" + i, "/{slug}", VERSION, Map.of("Content-Type", "text/html"), ByteBuffer.wrap(new byte[10]), null);
        }
        assertEquals(FastPath.MAX_ENTRIES * 10L, fast.heldBytes());
    }
}
