package app.earshot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedMapTest {
    @Test
    void pastTheEntryCeilingOnlyTheLeastRecentlyUsedGoes() {
        BoundedMap<String, String> map = BoundedMap.ofEntries(2);
        map.put("a", "1");
        map.put("b", "2");
        map.get("a");
        map.put("c", "3");
        assertEquals("1", map.get("a"));
        assertNull(map.get("b"));
        assertEquals(2, map.size());
    }

    @Test
    void pastTheWeightCeilingTheLeastRecentlyUsedGoUntilItHolds() {
        BoundedMap<String, byte[]> map = new BoundedMap<>(100, 10, v -> v.length);
        map.put("a", new byte[4]);
        map.put("b", new byte[4]);
        map.put("c", new byte[6]);
        assertNull(map.get("a"));
        assertEquals(4, map.get("b").length);
        assertEquals(10, map.weight());
        map.put("d", new byte[9]);
        assertNull(map.get("b"));
        assertNull(map.get("c"));
        assertEquals(9, map.weight());
    }

    @Test
    void aValueHeavierThanTheCeilingIsNotHeldAndReplacesNothing() {
        BoundedMap<String, byte[]> map = new BoundedMap<>(100, 10, v -> v.length);
        map.put("a", new byte[4]);
        assertFalse(map.put("b", new byte[11]));
        assertEquals(4, map.weight());
    }

    @Test
    void replacingAValueReweighsIt() {
        BoundedMap<String, byte[]> map = new BoundedMap<>(100, 10, v -> v.length);
        map.put("a", new byte[4]);
        map.put("a", new byte[7]);
        assertEquals(7, map.weight());
    }

    @Test
    void putIfAbsentSaysWhetherTheKeyWasNew() {
        BoundedMap<String, Boolean> map = BoundedMap.ofEntries(10);
        assertTrue(map.putIfAbsent("cause", true));
        assertFalse(map.putIfAbsent("cause", true));
    }

    @Test
    void removeWithAValueLetsGoOnlyThatValue() {
        BoundedMap<String, String> map = BoundedMap.ofEntries(10);
        map.put("a", "new");
        assertFalse(map.remove("a", "old"));
        assertTrue(map.remove("a", "new"));
        assertEquals(0, map.size());
    }
}
