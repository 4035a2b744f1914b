package app.earshot.ivr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole call written out as one table: every turn a caller can reach from the start, and for each turn and each
 * input (every key, every phrase of the speech grammar, something unrecognised, silence) the turn that follows.
 * VoiceXML is compiled from this table, TwiML answers each request with the same {@link CallFlow}, and the tests walk
 * the table through both. A turn is named by its listening state and what it plays, so a larger line (one menu of
 * pages) can embed a page's table by prefixing its names.
 */
public final class CallTable {
    /** One row: in {@code from}, the caller does {@code input}, and {@code to} follows. */
    public record Row(CallFlow.Turn from, CallFlow.Input input, CallFlow.Turn to) {}

    /** What a speech recogniser returns for words that match nothing: used for the "no match" row. */
    public static final CallFlow.Speech UNRECOGNISED = new CallFlow.Speech("weather forecast");

    private final CallFlow flow;
    private final Map<CallFlow.Turn, String> names;
    private final List<Row> rows;

    private CallTable(CallFlow flow, Map<CallFlow.Turn, String> names, List<Row> rows) {
        this.flow = flow;
        this.names = names;
        this.rows = rows;
    }

    /** The table of every turn reachable from {@link CallFlow#start()}. */
    public static CallTable of(CallFlow flow) {
        Map<CallFlow.Turn, String> names = new LinkedHashMap<>();
        Set<String> taken = new LinkedHashSet<>();
        List<Row> rows = new ArrayList<>();
        Deque<CallFlow.Turn> queue = new ArrayDeque<>();
        CallFlow.Turn start = flow.start();
        names.put(start, name(flow, start, taken));
        queue.add(start);
        while (!queue.isEmpty()) {
            CallFlow.Turn turn = queue.poll();
            if (turn.hangsUp()) continue;
            for (CallFlow.Input input : inputs(flow)) {
                CallFlow.Turn to = input instanceof CallFlow.Silence ? flow.arrive(turn.onSilence()) : flow.next(turn.listen(), input);
                rows.add(new Row(turn, input, to));
                if (!names.containsKey(to)) {
                    names.put(to, name(flow, to, taken));
                    queue.add(to);
                }
            }
        }
        return new CallTable(flow, names, List.copyOf(rows));
    }

    /** Every input a caller can give: the twelve keys, each phrase, an unrecognised phrase, and silence. */
    public static List<CallFlow.Input> inputs(CallFlow flow) {
        List<CallFlow.Input> inputs = new ArrayList<>();
        CallFlow.KEYS.forEach(k -> inputs.add(new CallFlow.Key(k)));
        flow.spoken().phrases().forEach(p -> inputs.add(new CallFlow.Speech(p)));
        inputs.add(UNRECOGNISED);
        inputs.add(new CallFlow.Silence());
        return inputs;
    }

    public CallFlow flow() {
        return flow;
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

    /** Readable, stable names: "menu", "menu-retry", "section-uses", "section-uses-help", "goodbye". */
    private static String name(CallFlow flow, CallFlow.Turn turn, Set<String> taken) {
        String base;
        if (turn.hangsUp()) {
            base = "goodbye";
        } else {
            CallFlow.State listen = turn.listen();
            base = listen.inSection()
                    ? VoiceXml.formId(flow.keypad().page().sections().get(listen.section()).id())
                    : flow.keypad().menu(listen.menu()).orElseThrow().prompt();
            CallFlow.Sound first = turn.sounds().get(0);
            if (first instanceof CallFlow.Prompt p && p.name().equals(KeypadMenu.HELP_PROMPT)) base += "-help";
            else if (first instanceof CallFlow.Prompt p && p.name().equals(KeypadMenu.NOT_AN_OPTION)) base += "-retry";
            else if (!listen.inSection() && turn.onSilence().silence() > 1) base += "-silence-" + (turn.onSilence().silence() - 1);
        }
        String name = base;
        for (int i = 2; !taken.add(name); i++) name = base + "-" + i;
        return name;
    }
}
