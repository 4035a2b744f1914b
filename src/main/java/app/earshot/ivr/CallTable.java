package app.earshot.ivr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The whole call written out as one table: every turn a caller can reach from the start, and for each turn and each
 * input (every key, every phrase of the speech grammar, something unrecognised, silence) the turn that follows.
 * VoiceXML is compiled from this table, TwiML answers each request with the same {@link CallFlow}, and the tests walk
 * the table through both. A turn is named by its listening state and what it plays, so a larger line embeds a page's
 * table by prefixing its names ({@link SiteFlow}: "page-{slug}-menu"), and a part of the table can be written out
 * alone (one VoiceXML document of a line split over several).
 */
public final class CallTable {
    /** One row: in {@code from}, the caller does {@code input}, and {@code to} follows. */
    public record Row(CallFlow.Turn from, CallFlow.Input input, CallFlow.Turn to) {}

    /** What a speech recogniser returns for words that match nothing: used for the "no match" row. */
    public static final CallFlow.Speech UNRECOGNISED = new CallFlow.Speech("weather forecast");

    private final Line line;
    private final Map<CallFlow.Turn, String> names;
    private final List<Row> rows;

    private CallTable(Line line, Map<CallFlow.Turn, String> names, List<Row> rows) {
        this.line = line;
        this.names = names;
        this.rows = rows;
    }

    /** The table of every turn reachable from the line's start. */
    public static CallTable of(Line line) {
        return of(line, line.start(), turn -> false);
    }

    /**
     * The part of {@code line}'s table reachable from {@code start} without passing through a turn {@code outside}
     * (one VoiceXML document of a larger line): such turns are named, as the rows leading to them need, but not followed.
     */
    public static CallTable of(Line line, CallFlow.Turn start, Predicate<CallFlow.Turn> outside) {
        Map<CallFlow.Turn, String> names = new LinkedHashMap<>();
        Set<String> taken = new LinkedHashSet<>();
        List<Row> rows = new ArrayList<>();
        Deque<CallFlow.Turn> queue = new ArrayDeque<>();
        names.put(start, name(line, start, taken));
        queue.add(start);
        while (!queue.isEmpty()) {
            CallFlow.Turn turn = queue.poll();
            if (turn.hangsUp() || outside.test(turn)) continue;
            for (CallFlow.Input input : inputs(line, turn.listen())) {
                CallFlow.Turn to = input instanceof CallFlow.Silence ? line.arrive(turn.onSilence()) : line.next(turn.listen(), input);
                rows.add(new Row(turn, input, to));
                if (!names.containsKey(to)) {
                    names.put(to, name(line, to, taken));
                    queue.add(to);
                }
            }
        }
        return new CallTable(line, names, List.copyOf(rows));
    }

    /** Every input a caller can give: the twelve keys, each phrase, an unrecognised phrase, and silence. */
    public static List<CallFlow.Input> inputs(CallFlow flow) {
        return inputs(flow, CallFlow.State.menu(0, 0));
    }

    /** Every input a caller can give listening in {@code state}: the twelve keys, each phrase, an unrecognised one, silence. */
    public static List<CallFlow.Input> inputs(Line line, CallFlow.State state) {
        List<CallFlow.Input> inputs = new ArrayList<>();
        CallFlow.KEYS.forEach(k -> inputs.add(new CallFlow.Key(k)));
        line.phrases(state).forEach(p -> inputs.add(new CallFlow.Speech(p)));
        inputs.add(UNRECOGNISED);
        inputs.add(new CallFlow.Silence());
        return inputs;
    }

    /** The line this table writes out. */
    public Line line() {
        return line;
    }

    /** The single page's flow this table writes out (only for a page's own line). */
    public CallFlow flow() {
        return (CallFlow) line;
    }

    /** Every reachable turn, the start first. */
    public List<CallFlow.Turn> turns() {
        return List.copyOf(names.keySet());
    }

    /** A turn's name, unique in the table and usable as an XML id. */
    public String name(CallFlow.Turn turn) {
        String name = names.get(turn);
        if (name == null) throw new IllegalArgumentException("turn not in the table: " + turn);
        return name;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The rows leaving {@code turn}, in input order. */
    public List<Row> rows(CallFlow.Turn turn) {
        return rows.stream().filter(r -> r.from().equals(turn)).toList();
    }

    private static String name(Line line, CallFlow.Turn turn, Set<String> taken) {
        String base = line.name(turn);
        String name = base;
        for (int i = 2; !taken.add(name); i++) name = base + "-" + i;
        return name;
    }
}
