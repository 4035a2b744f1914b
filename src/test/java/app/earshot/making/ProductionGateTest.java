package app.earshot.making;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Await;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProductionGateTest {
    /** Holds the gate's only slot from another thread until the returned latch is counted down. */
    static CountDownLatch occupy(ProductionGate gate) throws InterruptedException {
        return occupy(gate, false);
    }

    /** As above, as background work ({@code inBackground}) or a person's. */
    static CountDownLatch occupy(ProductionGate gate, boolean inBackground) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> gate.admit(inBackground, () -> {
            inside.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        return release;
    }

    @Test
    void aFullQueueRefusesAtOnceWithARetryTime() throws Exception {
        ProductionGate gate = new ProductionGate(1, 60_000, 0);
        CountDownLatch release = occupy(gate);
        Busy busy = assertThrows(Busy.class, () -> gate.admit(false, () -> "never"));
        assertTrue(busy.retryAfterSeconds() >= 1);
        release.countDown();
    }

    @Test
    void aTightHeapRefusesAPersonOnlyWhileOtherProductionsHoldMemory() throws Exception {
        ProductionGate gate = new ProductionGate(2, 10_000, 4, () -> true);
        // A lone listener: nothing of ours holds the heap, and a refusal would free nothing (the old generation's
        // reading is from the last full collection, which a refused, idle server never makes again).
        assertEquals("made", gate.admit(false, () -> "made"));
        CountDownLatch release = occupy(gate);
        assertEquals(5, assertThrows(Busy.class, () -> gate.admit(false, () -> "never")).retryAfterSeconds());
        release.countDown();
    }

    @Test
    void aRequestWaitsNoLongerThanItsPatience() throws Exception {
        ProductionGate gate = new ProductionGate(1, 200, 4);
        CountDownLatch release = occupy(gate);
        assertThrows(Busy.class, () -> gate.admit(false, () -> "never"));
        release.countDown();
    }

    @Test
    void aProductionMayMakeItsInputsInsideItsOwnSlot() {
        ProductionGate gate = new ProductionGate(1, 0, 0);
        assertEquals("inner", gate.admit(false, () -> gate.admit(false, () -> "inner")));
    }

    @Test
    void aFreedSlotGoesToTheWaitingRequest() throws Exception {
        ProductionGate gate = new ProductionGate(1, 10_000, 4);
        CountDownLatch release = occupy(gate);
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> gate.admit(false, () -> "made"));
        Await.until(Duration.ofSeconds(10), () -> gate.waiting() > 0, "the request waits for the slot");
        release.countDown();
        assertEquals("made", waiting.get(10, TimeUnit.SECONDS));
    }

    @Test
    void backgroundWorkNeverMakesAPersonWait() throws Exception {
        ProductionGate gate = new ProductionGate(1, 0, 0);
        CountDownLatch release = occupy(gate, true);
        assertEquals("made at once", gate.admit(false, () -> "made at once"));
        release.countDown();
    }

    @Test
    void backgroundWorkWaitsWhileAPersonHoldsTheSlot() throws Exception {
        ProductionGate gate = new ProductionGate(1, 10_000, 4);
        CountDownLatch release = occupy(gate);
        CompletableFuture<String> warming = CompletableFuture.supplyAsync(() -> gate.admit(true, () -> "warmed"));
        assertThrows(java.util.concurrent.TimeoutException.class, () -> warming.get(300, TimeUnit.MILLISECONDS));
        release.countDown();
        assertEquals("warmed", warming.get(10, TimeUnit.SECONDS));
    }
}
