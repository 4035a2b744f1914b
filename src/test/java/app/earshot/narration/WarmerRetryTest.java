package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Skipped warming items are tried again less and less often, but never less often than every five minutes. */
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class WarmerRetryTest {
    @AfterEach
    void clear() {
        System.clearProperty("earshot.warm.retry");
    }

    private static List<Long> seconds(int tries) {
        return IntStream.range(0, tries).mapToObj(n -> Warmer.retryDelay(n).toSeconds()).toList();
    }

    @Test
    void theWaitDoublesFromFifteenSecondsUpToFiveMinutes() {
        assertEquals(List.of(15L, 30L, 60L, 120L, 240L, 300L, 300L), seconds(7));
        assertEquals(Duration.ofMinutes(5), Warmer.retryDelay(10_000));
    }

    @Test
    void thePropertySetsTheFirstWait() {
        System.setProperty("earshot.warm.retry", "PT1S");
        assertEquals(List.of(1L, 2L, 4L, 8L), seconds(4));
        System.setProperty("earshot.warm.retry", "PT10M");
        assertEquals(List.of(600L, 600L), seconds(2));
    }

    @Test
    void aWaitThatIsNotAPositiveDurationIsFifteenSeconds() {
        for (String bad : List.of("soon", "PT0S", "-PT5S", "")) {
            System.setProperty("earshot.warm.retry", bad);
            assertEquals(15, Warmer.retryDelay(0).toSeconds(), bad);
        }
    }
}
