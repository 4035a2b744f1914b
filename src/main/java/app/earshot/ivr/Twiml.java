package app.earshot.ivr;

import java.util.List;
import java.util.function.Function;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes one {@link CallFlow.Turn} as a TwiML {@code <Response>} for Twilio: the sounds as {@code <Play>} (or, for a
 * clip not made yet, {@code <Say>} of its words in the site's language) inside a
 * one-digit {@code <Gather input="dtmf speech">} (or DTMF only, without hints) whose action answers the key, then a {@code <Redirect>} for silence; or,
 * for a turn that ends the call, the sounds then {@code <Hangup/>}.
 */
public final class Twiml {
    /** Most hints Twilio accepts in one {@code <Gather>}. */
    static final int MAX_HINTS = 500;

    /** Seconds Twilio waits for a key after the last sound before it follows the redirect. */
    public static final int TIMEOUT_SECONDS = 5;

    private Twiml() {}

    /**
     * @param sounds  absolute URLs of the audio (Twilio fetches them as given)
     * @param flowUrl the absolute URL that answers a state (the key, if any, arrives as the {@code Digits} parameter)
     */
    public static String write(CallFlow.Turn turn, Sounds sounds, Function<CallFlow.State, String> flowUrl) {
        return write(turn, sounds, flowUrl, List.of(), "en-US");
    }

    /**
     * As {@link #write(CallFlow.Turn, Sounds, Function)}, listening for speech too: {@code hints} are the phrases
     * (topics and commands) Twilio's recogniser should expect, and what it heard arrives as {@code SpeechResult}.
     *
     * @param language Twilio's speech language, e.g. {@code en-US}
     */
    public static String write(CallFlow.Turn turn, Sounds sounds, Function<CallFlow.State, String> flowUrl,
                               List<String> hints, String language) {
        Document doc = Xml.document();
        Element response = Xml.add(doc, "Response");
        if (turn.hangsUp()) {
            play(response, turn, sounds, language);
            Xml.add(response, "Hangup");
        } else {
            Element gather = Xml.add(response, "Gather", "input", hints.isEmpty() ? "dtmf" : "dtmf speech", "numDigits", "1",
                    "timeout", Integer.toString(TIMEOUT_SECONDS), "action", flowUrl.apply(turn.listen()), "method", "POST");
            if (!hints.isEmpty()) {
                // "auto" ends speech at the caller's pause; a key still ends the Gather at once (numDigits 1).
                gather.setAttribute("speechTimeout", "auto");
                // Twilio takes at most 500 hints; phrases past them are still matched, only not hinted.
                gather.setAttribute("hints", String.join(", ", hints.subList(0, Math.min(MAX_HINTS, hints.size()))));
                gather.setAttribute("language", language);
            }
            play(gather, turn, sounds, language);
            Xml.text(Xml.add(response, "Redirect", "method", "POST"), flowUrl.apply(turn.onSilence()));
        }
        return Xml.serialize(doc);
    }

    /** Twilio reads at most this many characters in one {@code <Say>}. */
    static final int SAY_LIMIT = 4000;

    private static void play(Element parent, CallFlow.Turn turn, Sounds sounds, String language) {
        for (CallFlow.Sound sound : turn.sounds()) {
            for (Sounds.Audio audio : sounds.audio(sound)) {
                if (audio.ready()) Xml.text(Xml.add(parent, "Play"), audio.url());
                else for (String part : pieces(audio.words())) Xml.text(Xml.add(parent, "Say", "language", language), part);
            }
        }
    }

    /** {@code words} in pieces Twilio accepts, cut after a sentence (or else a space) before the limit. */
    static java.util.List<String> pieces(String words) {
        java.util.List<String> out = new java.util.ArrayList<>();
        String rest = words.strip();
        while (rest.length() > SAY_LIMIT) {
            int cut = Math.max(rest.lastIndexOf(". ", SAY_LIMIT), Math.max(rest.lastIndexOf("? ", SAY_LIMIT), rest.lastIndexOf("! ", SAY_LIMIT)));
            cut = cut > 0 ? cut + 1 : rest.lastIndexOf(' ', SAY_LIMIT);
            if (cut <= 0) cut = SAY_LIMIT;
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) out.add(rest);
        return out;
    }
}
