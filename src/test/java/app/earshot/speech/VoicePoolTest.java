package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VoicePoolTest {

    private final AtomicInteger created = new AtomicInteger();
    private final List<String> destroyed = new ArrayList<>();

    private VoicePool<String> pool(int size, Duration wait) {
        return new VoicePool<>("test voice", size, wait, () -> "voice" + created.incrementAndGet(), destroyed::add);
    }

    /** A started thread that borrows from {@code pool} and completes {@code result} with what it gets. */
    private static Thread borrower(VoicePool<String> pool, CompletableFuture<String> result) {
        Thread thread = new Thread(() -> {
            try {
                result.complete(pool.borrow());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "borrower");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Returns once {@code borrower} is parked in the pool's timed wait for an object. */
    private static void awaitWaiting(Thread borrower) {
        Await.until(Duration.ofSeconds(10), () -> borrower.getState() == Thread.State.TIMED_WAITING, "the borrower waits for an object");
    }

    @Test
    void borrowFailsWithPoolBusyWhenEveryObjectIsLentForTheWholeWait() {
        VoicePool<String> pool = pool(1, Duration.ofMillis(50));
        pool.borrow();
        SynthesisException e = assertThrows(SynthesisException.class, pool::borrow);
        assertTrue(e.getMessage().startsWith("synthesis pool busy"), e.getMessage());
    }

    @Test
    void releasedObjectIsLentAgainInsteadOfCreatingAnother() {
        VoicePool<String> pool = pool(2, Duration.ofMillis(50));
        String first = pool.borrow();
        pool.release(first);
        assertSame(first, pool.borrow());
        assertEquals(1, created.get());
    }

    @Test
    void waitingBorrowerGetsTheObjectAnotherThreadReleases() throws Exception {
        VoicePool<String> pool = pool(1, Duration.ofSeconds(10));
        String lent = pool.borrow();
        CompletableFuture<String> waiting = new CompletableFuture<>();
        awaitWaiting(borrower(pool, waiting));
        pool.release(lent);
        assertEquals(lent, waiting.get(10, TimeUnit.SECONDS));
    }

    @Test
    void discardingWakesAWaitingBorrowerWithAFreshObject() throws Exception {
        VoicePool<String> pool = pool(1, Duration.ofSeconds(30));
        String broken = pool.borrow();
        CompletableFuture<String> waiting = new CompletableFuture<>();
        awaitWaiting(borrower(pool, waiting));
        pool.discard(broken);
        assertEquals("voice2", waiting.get(10, TimeUnit.SECONDS)); // not after the full 30 s wait, not "pool busy"
    }

    @Test
    void discardedObjectIsDestroyedAndReplacedOnDemand() {
        VoicePool<String> pool = pool(1, Duration.ofMillis(50));
        pool.discard(pool.borrow());
        assertEquals("voice2", pool.borrow());
        assertEquals(List.of("voice1"), destroyed);
    }

    @Test
    void closeDestroysIdleObjectsNowAndLentOnesOnReturn() {
        VoicePool<String> pool = pool(2, Duration.ofMillis(50));
        String idle = pool.borrow();
        String lent = pool.borrow();
        pool.release(idle);
        pool.close();
        assertEquals(List.of(idle), destroyed);
        pool.release(lent);
        assertEquals(List.of(idle, lent), destroyed);
        assertThrows(IllegalStateException.class, pool::borrow);
    }
}
