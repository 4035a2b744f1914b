package app.earshot.ivr;

import java.util.List;

/** Where each sound of a call is fetched from, and the words it says (what a VoiceXML browser speaks if a fetch fails). */
public interface Sounds {

    /** One clip to play: its URL and its words; a null URL when the clip is not made yet, and its words are to be said instead. */
    record Audio(String url, String words) {
        /** Words to say, by the platform's own voice, while the clip is being made. */
        public static Audio say(String words) {
            return new Audio(null, words);
        }

        public boolean ready() {
            return url != null;
        }
    }

    /**
     * The clips of {@code sound}, in playing order: one for a prompt, one per part for a section. Never waits for a clip
     * to be made: one that is not ready is its words (see {@link Audio#say}).
     */
    List<Audio> audio(CallFlow.Sound sound);
}
