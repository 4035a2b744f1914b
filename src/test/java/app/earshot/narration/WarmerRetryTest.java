package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.Await;
import app.earshot.TestServer;
import app.earshot.making.Maker;
import app.earshot.snapshot.Snapshot;
import app.earshot.speech.Speech;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Skipped warming items are tried again less and less often, but never less often than every five minutes, on the
 * maker's timer: a closed maker tries nothing again.
 */
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

    /** The real voice, failing as a disk would on its first {@code failures} calls. */
    static final class FailingFirst implements Synthesizer {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;

        FailingFirst(int failures) {
            this.failures = failures;
        }

        @Override
        public Speech speak(String script, VoiceSettings voice) {
            if (calls.incrementAndGet() <= failures) throw new UncheckedIOException(new IOException("disk gone (test)"));
            return TestServer.SYNTHESIZER.speak(script, voice);
        }

        @Override
        public String engineId() {
            return TestServer.SYNTHESIZER.engineId();
        }

        @Override
        public void close() {}
    }

    static final Path SITE = Path.of("src/test/resources/hostile/site");

    /** A warmer on a fresh cache whose first synthesis failed as a disk would: one item skipped, its retry 0.2 s away. */
    private record Skipped(Warmer warmer, FailingFirst synthesizer, Maker maker) {}

    private static Skipped warmedWithOneSkip(Path cache) throws Exception {
        System.setProperty("earshot.warm.retry", "PT0.2S");
        Snapshot snapshot = App.snapshot(App.load(SITE));
        FailingFirst synthesizer = new FailingFirst(1);
        Maker maker = Maker.open();
        Warmer warmer = new Warmer(App.narrator(cache, synthesizer, maker), 0);
        warmer.run(snapshot.voicing(), snapshot.site());
        assertEquals(Warmer.State.RETRYING, warmer.status().state());
        return new Skipped(warmer, synthesizer, maker);
    }

    @Test
    void aSkippedItemIsMadeOnTheMakersRetry(@TempDir Path cache) throws Exception {
        Skipped skipped = warmedWithOneSkip(cache);
        Await.until(Duration.ofSeconds(60), () -> skipped.warmer().status().state() == Warmer.State.DONE, "warming made what it skipped");
        assertTrue(skipped.synthesizer().calls.get() > 1);
        skipped.maker().close();
    }

    @Test
    void aClosedMakerTriesNothingAgain(@TempDir Path cache) throws Exception {
        Skipped skipped = warmedWithOneSkip(cache);
        int calls = skipped.synthesizer().calls.get();
        skipped.maker().close();
        Thread.sleep(1_000); // five times the wait before the retry
        assertEquals(Warmer.State.RETRYING, skipped.warmer().status().state());
        assertEquals(calls, skipped.synthesizer().calls.get());
    }
}
