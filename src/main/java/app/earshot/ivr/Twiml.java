package app.earshot.ivr;

import java.util.function.Function;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes one {@link CallFlow.Turn} as a TwiML {@code <Response>} for Twilio: the sounds as {@code <Play>} inside a
 * one-digit {@code <Gather input="dtmf">} whose action answers the key, then a {@code <Redirect>} for silence; or,
 * for a turn that ends the call, the sounds then {@code <Hangup/>}.
 */
public final class Twiml {
    /** Seconds Twilio waits for a key after the last sound before it follows the redirect. */
    public static final int TIMEOUT_SECONDS = 5;

    private Twiml() {}

    /**
     * @param sounds  absolute URLs of the audio (Twilio fetches them as given)
     * @param flowUrl the absolute URL that answers a state (the key, if any, arrives as the {@code Digits} parameter)
     */
    public static String write(CallFlow.Turn turn, Sounds sounds, Function<CallFlow.State, String> flowUrl) {
        Document doc = Xml.document();
        Element response = Xml.add(doc, "Response");
        if (turn.hangsUp()) {
            play(response, turn, sounds);
            Xml.add(response, "Hangup");
        } else {
            Element gather = Xml.add(response, "Gather", "input", "dtmf", "numDigits", "1",
                    "timeout", Integer.toString(TIMEOUT_SECONDS), "action", flowUrl.apply(turn.listen()), "method", "POST");
            play(gather, turn, sounds);
            Xml.text(Xml.add(response, "Redirect", "method", "POST"), flowUrl.apply(turn.onSilence()));
        }
        return Xml.serialize(doc);
    }

    private static void play(Element parent, CallFlow.Turn turn, Sounds sounds) {
        for (CallFlow.Sound sound : turn.sounds()) {
            for (Sounds.Audio audio : sounds.audio(sound)) Xml.text(Xml.add(parent, "Play"), audio.url());
        }
    }
}
