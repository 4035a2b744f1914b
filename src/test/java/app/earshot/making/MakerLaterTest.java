package app.earshot.making;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Work asked for after a wait runs on the maker's background thread once the wait is over, and never after a stop. */
class MakerLaterTest {
    @Test
    void workAskedForAfterAWaitRunsOnTheBackgroundThreadNoSooner() throws Exception {
        Maker maker = Maker.open();
        CountDownLatch ran = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        assertTrue(maker.later(Duration.ofMillis(200), "retry", () -> {
            threads.add(Thread.currentThread().getName());
            ran.countDown();
        }));
        assertTrue(ran.await(30, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());
        assertEquals(List.of("earshot-maker"), threads);
        maker.close();
    }

    @Test
    void workThatCannotBeQueuedWhenItsWaitEndsIsAskedAgain() throws Exception {
        Maker maker = Maker.open();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch retried = new CountDownLatch(1);
        // The same name is still running when the wait ends: refused then, queued on a later ask.
        assertTrue(maker.later("warm again", () -> {
            holding.countDown();
            await(release);
        }));
        assertTrue(holding.await(30, TimeUnit.SECONDS));
        assertTrue(maker.later(Duration.ofMillis(20), "warm again", retried::countDown));
        Thread.sleep(100); // several asks refused meanwhile
        assertEquals(1, retried.getCount());
        release.countDown();
        assertTrue(retried.await(30, TimeUnit.SECONDS));
        maker.close();
    }

    @Test
    void aStopDropsWorkStillWaitingAndTheMakerTakesWorkAgainAfter() throws Exception {
        Maker maker = Maker.open();
        AtomicInteger dropped = new AtomicInteger();
        // A wait long enough that no pause of a loaded machine between these two lines lets it run before the stop.
        assertTrue(maker.later(Duration.ofMillis(1_000), "dropped", dropped::incrementAndGet));
        maker.quiesce();
        // Asked after the stop with a longer wait: had the first survived, it would have been queued, and run, first.
        CountDownLatch after = new CountDownLatch(1);
        assertTrue(maker.later(Duration.ofMillis(1_200), "after", after::countDown));
        assertTrue(after.await(30, TimeUnit.SECONDS));
        assertEquals(0, dropped.get());
        maker.close();
    }

    @Test
    void aClosedMakerRunsNothingLater() throws Exception {
        Maker maker = Maker.open();
        AtomicInteger ran = new AtomicInteger();
        // A wait long enough that no pause of a loaded machine between these two lines lets it run before the close.
        assertTrue(maker.later(Duration.ofMillis(500), "waiting", ran::incrementAndGet));
        maker.close();
        assertFalse(maker.later(Duration.ofMillis(1), "after", ran::incrementAndGet));
        assertFalse(maker.later("after", ran::incrementAndGet));
        Thread.sleep(1_000); // twice the first wait
        assertEquals(0, ran.get());
        assertEquals("made", maker.make(() -> "made")); // a person's production still runs, on its own thread
    }

    /**
     * A long background job that outlives a stop's wait is told to stop for good, even after the maker takes work
     * again: {@link Maker#stopping()} stays true for a job queued before the stop. (A stopped server's "api complete"
     * job went on writing telephone files into a test's folder after the stop's wait, since stopping was reset.)
     */
    @Test
    void aJobThatOutlivesTheStopsWaitIsToldToStopForGood() throws Exception {
        Maker maker = new Maker(1, 1_000, 1, Duration.ofMillis(50));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger stepsAfterTheStop = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        assertTrue(maker.later("long", () -> {
            started.countDown();
            // One slow step at a time, each asking whether to go on, as ApiIndex and Warmer do.
            // Each step is longer than the stop's wait.
            for (int step = 0; step < 30 && !maker.stopping(); step++) {
                if (stopped.get()) stepsAfterTheStop.incrementAndGet();
                sleep(200);
            }
            ended.countDown();
        }));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        maker.quiesce(); // waits 50 ms, less than one of the job's steps
        stopped.set(true);
        assertTrue(ended.await(30, TimeUnit.SECONDS));
        assertTrue(stepsAfterTheStop.get() <= 1, "steps taken after the stop's wait: " + stepsAfterTheStop.get());
        // The maker itself takes work again, and that work is not told to stop.
        CountDownLatch after = new CountDownLatch(1);
        AtomicInteger toldToStop = new AtomicInteger();
        assertTrue(maker.later("after", () -> {
            if (maker.stopping()) toldToStop.incrementAndGet();
            after.countDown();
        }));
        assertTrue(after.await(30, TimeUnit.SECONDS));
        assertEquals(0, toldToStop.get());
        assertFalse(maker.stopping());
        maker.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
