package app.earshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.making.Maker;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.narration.Format;
import app.earshot.narration.Narrator;
import app.earshot.snapshot.Snapshot;
import app.earshot.snapshot.SnapshotStore;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 8: a reload that lands after a request computed a clip's key but before the clip is synthesized must
 * not store audio made with the new settings under the old key (content-addressed, it would never be corrected).
 * Deterministic: one production slot; request A holds it inside synthesis (a latch), request B computes its key and
 * queues for the slot; the speech rate is edited and reloaded; then A is released and B synthesizes.
 */
class ReloadRaceTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/store");

    @TempDir
    Path content;
    @TempDir
    Path cache;
    @TempDir
    Path reference;

    @Test
    void audioStoredUnderTheOldKeyIsMadeWithTheOldSettingsAndTheNewSettingsGetTheirOwnKey() throws Exception {
        TestServer.copyTree(FIXTURE, content);
        Snapshot before = App.snapshot(App.load(content));
        SnapshotStore store = new SnapshotStore(before);
        HeldSynthesizer held = new HeldSynthesizer(TestServer.SYNTHESIZER);
        Maker oneSlot = new Maker(1, 60_000, 4);
        Narrator narrator = App.narrator(cache, held, oneSlot);
        Javalin app = App.create(store, narrator).start("127.0.0.1", 0);
        try {
            Page page = before.site().pages().get(0);
            Section a = page.sections().get(0);
            Section b = page.sections().get(1);
            byte[] madeWithOldSettings = App.narrator(reference, TestServer.SYNTHESIZER).clips()
                    .sectionWav(before.voicing(), page, b, Speed.NORMAL).audio().readAllBytes();
            CompletableFuture<HttpResponse<byte[]>> first = get(app, page, a);
            assertTrue(held.entered.await(60, TimeUnit.SECONDS), "request A is synthesizing, holding the only slot");
            CompletableFuture<HttpResponse<byte[]>> second = get(app, page, b);
            awaitQueued(oneSlot); // B has read its snapshot and computed its key; it waits for the slot
            Path site = content.resolve("site.yaml");
            Files.writeString(site, Files.readString(site).replace("normal: 150", "normal: 175"));
            try (ContentWatcher reload = new ContentWatcher(content, store, s -> {})) {
                assertTrue(reload.reload(), "the edit is served");
            }
            assertEquals(175, store.current().voicing().voice(Speed.NORMAL).rateWpm());
            held.release.countDown();

            byte[] underOldKey = second.get(60, TimeUnit.SECONDS).body();
            assertEquals(200, first.get(60, TimeUnit.SECONDS).statusCode());
            assertArrayEquals(madeWithOldSettings, underOldKey, "the old key holds audio made at the old rate");
            assertEquals(underOldKey.length, narrator.readiness().section(before.voicing(), page, b, Speed.NORMAL, Format.WAV)
                    .orElseThrow().size(), "and that is what the store keeps under the old key");

            HttpResponse<byte[]> after = get(app, page, b).get(60, TimeUnit.SECONDS);
            assertNotEquals(second.get().headers().firstValue("ETag"), after.headers().firstValue("ETag"), "a new key");
            double ratio = Wav.inspect(underOldKey).seconds() / Wav.inspect(after.body()).seconds();
            assertTrue(ratio > 1.08, "the new key's audio is faster (175 wpm against 150): ratio " + ratio);
        } finally {
            held.release.countDown();
            app.stop();
        }
    }

    private static CompletableFuture<HttpResponse<byte[]>> get(Javalin app, Page page, Section section) {
        URI uri = URI.create("http://127.0.0.1:" + app.port() + "/audio/" + page.slug() + "/" + section.id() + ".wav");
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Waits (bounded) until a second production is queued behind the held one. */
    private static void awaitQueued(Maker gate) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (gate.waiting() < 1) {
            if (System.nanoTime() > deadline) throw new AssertionError("request B never queued for a production slot");
            Thread.onSpinWait();
        }
    }
}
