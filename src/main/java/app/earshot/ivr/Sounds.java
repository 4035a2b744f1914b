package app.earshot.ivr;

import java.util.List;

/** Where each sound of a call is fetched from, and the words it says (what a VoiceXML browser speaks if a fetch fails). */
public interface Sounds {

    /** One clip to play: its URL and its words. */
    record Audio(String url, String words) {}

    /** The clips of {@code sound}, in playing order: one for a prompt, one per part for a section. */
    List<Audio> audio(CallFlow.Sound sound);
}
