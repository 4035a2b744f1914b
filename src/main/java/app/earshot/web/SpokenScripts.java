package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.narration.Voicing;

/**
 * What is said for a section, as the request's voicing says it: remembered inside that voicing (one content load),
 * never here, so a lexicon edit changes the words in the index and the VoiceXML fallbacks at once.
 */
final class SpokenScripts {
    String spoken(Voicing voicing, Page page, Section section) {
        return voicing.script(page, section).spoken();
    }
}
