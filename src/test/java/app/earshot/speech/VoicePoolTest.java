package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(pool::borrow);
        Thread.sleep(50);
        pool.release(lent);
        assertEquals(lent, waiting.get(10, TimeUnit.SECONDS));
    }

    @Test
    void discardingWakesAWaitingBorrowerWithAFreshObject() throws Exception {
        VoicePool<String> pool = pool(1, Duration.ofSeconds(30));
        String broken = pool.borrow();
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(pool::borrow);
        Thread.sleep(100); // let it start waiting
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
