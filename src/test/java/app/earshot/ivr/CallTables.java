package app.earshot.ivr;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Facts about a call table that tests check against a caller's experience. */
public final class CallTables {
    private CallTables() {
    }

    /** The fewest key presses from the start to each turn. */
    public static Map<CallFlow.Turn, Integer> presses(CallTable table) {
        Map<CallFlow.Turn, Integer> presses = new HashMap<>(Map.of(table.turns().get(0), 0));
        ArrayDeque<CallFlow.Turn> queue = new ArrayDeque<>(List.of(table.turns().get(0)));
        while (!queue.isEmpty()) {
            CallFlow.Turn turn = queue.poll();
            for (CallTable.Row row : table.rows(turn)) {
                if (row.input() instanceof CallFlow.Key && presses.putIfAbsent(row.to(), presses.get(turn) + 1) == null) queue.add(row.to());
            }
        }
        return presses;
    }
}
