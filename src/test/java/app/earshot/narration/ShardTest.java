package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.store.ArtifactStore;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** warm --shard I/N: a stable split of cache keys in which every key has exactly one shard. */
class ShardTest {
    static final List<String> KEYS = IntStream.range(0, 4000).mapToObj(i -> ArtifactStore.key("section", "text " + i)).toList();

    @Test
    void everyKeyBelongsToExactlyOneShardForAnyCount() {
        for (int n = 1; n <= 9; n++) {
            for (String key : KEYS) {
                int owners = 0;
                for (int i = 1; i <= n; i++) if (new Shard(i, n).owns(key)) owners++;
                assertEquals(1, owners, key + " in " + n + " shards");
            }
        }
    }

    @Test
    void sharesAreEvenWithinTenPercent() {
        for (int i = 1; i <= 4; i++) {
            Shard shard = new Shard(i, 4);
            long mine = KEYS.stream().filter(shard::owns).count();
            assertTrue(Math.abs(mine - 1000) < 100, shard + " has " + mine + " of 4000");
        }
    }

    @Test
    void parsesIOfN() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
    }

    @Test
    void rejectsShardsOutsideOneToN() {
        for (String bad : List.of("0/4", "5/4", "1/0", "a/b", "3", "1/2/3", "-1/2", "1/1001")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad)).getMessage().startsWith("--shard must be I/N"), bad);
        }
    }
}
