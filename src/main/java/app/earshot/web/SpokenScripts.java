package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.narration.Narrator;

/**
 * What is said for a section, as the narrator's current voicing says it: remembered inside that voicing (one content
 * load), never here, so a lexicon edit changes the words in the index and the VoiceXML fallbacks at once.
 */
final class SpokenScripts {
    private final Narrator narrator;

    SpokenScripts(Narrator narrator) {
        this.narrator = narrator;
    }

    String spoken(Page page, Section section) {
        return narrator.voicing().script(page, section).spoken();
    }
}
