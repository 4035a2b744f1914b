package app.earshot.ivr;

import java.util.List;

/**
 * A phone line as a state machine: a single page's ({@link CallFlow}) or the whole site's ({@link SiteFlow}).
 * {@link CallTable} writes any line out as a table, and VoiceXML and TwiML are both made from it.
 */
public interface Line {
    /** The turn that starts a call. */
    CallFlow.Turn start();

    /** What happens when the caller, listening in {@code state}, does {@code input}. */
    CallFlow.Turn next(CallFlow.State state, CallFlow.Input input);

    /** Arriving at {@code state} without an answer: its menu (again), or its section. */
    CallFlow.Turn arrive(CallFlow.State state);

    /** The phrases a caller may say while listening in {@code state}: the speech grammar and Twilio's hints. */
    List<String> phrases(CallFlow.State listening);

    /**
     * Each phrase of {@link #phrases} and how it is written, with its accents ("atras": "atrás"): a grammar lists the
     * written form first and the phrase after it, both meaning the phrase; Twilio is hinted the written forms.
     */
    java.util.Map<String, String> spellings(CallFlow.State listening);

    /**
     * What a speech grammar lists while listening in {@code state}, each item with the phrase it returns: the phrases as
     * written and as keyed, then the topics' shorter names ({@link SpokenChoices#grammar()}).
     */
    java.util.Map<String, String> grammar(CallFlow.State listening);

    /** A readable name for {@code turn}, unique in the line and usable as an XML id. */
    String name(CallFlow.Turn turn);

    /** "-help", "-retry" or "-silence-N" for a menu turn that is not its plain arrival; "" otherwise. */
    static String suffix(CallFlow.Turn turn) {
        CallFlow.Sound first = turn.sounds().get(0);
        if (first instanceof CallFlow.Prompt p && p.name().endsWith(KeypadMenu.HELP_SUFFIX)) return "-help";
        if (first instanceof CallFlow.Prompt p && (p.name().equals(KeypadMenu.NOT_AN_OPTION) || p.name().endsWith("-retry"))) return "-retry";
        if (!turn.listen().inSection() && turn.onSilence().silence() > 1) return "-silence-" + (turn.onSilence().silence() - 1);
        return "";
    }
}
