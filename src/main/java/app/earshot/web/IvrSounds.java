package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.Sounds;
import app.earshot.narration.Captioner;
import app.earshot.narration.Voicing;
import app.earshot.content.Speed;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.TelephoneFormat;
import app.earshot.speech.Captions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The telephone clips (8 kHz u-law WAV) of one page's prompts and sections, with their words, at the given links. */
final class IvrSounds implements Sounds {
    private final Page page;
    private final KeypadMenu keypad;
    private final Voicing voicing;
    private final Captioner captions;
    private final SpokenScripts scripts;
    private final TelephoneAudio telephone;
    private final Links links;

    IvrSounds(Voicing voicing, Page page, KeypadMenu keypad, Captioner captions, SpokenScripts scripts, TelephoneAudio telephone,
              Links links) {
        this.voicing = voicing;
        this.page = page;
        this.keypad = keypad;
        this.captions = captions;
        this.scripts = scripts;
        this.telephone = telephone;
        this.links = links;
    }

    @Override
    public List<Audio> audio(CallFlow.Sound sound) {
        if (sound instanceof CallFlow.Prompt p) {
            String words = keypad.prompt(p.name()).orElseThrow(() -> new IllegalArgumentException("no prompt " + p.name()));
            return List.of(new Audio(links.prompt(page, p.name(), telephone.promptVersion(voicing, words), TelephoneFormat.WAV_ULAW), words));
        }
        Section section = page.sections().get(((CallFlow.SectionAudio) sound).index());
        List<TelephoneAudio.Part> parts = telephone.parts(voicing, page, section);
        List<Audio> audio = new ArrayList<>();
        for (TelephoneAudio.Part part : parts) {
            audio.add(new Audio(links.telephone(page, section, part, TelephoneFormat.WAV_ULAW), words(section, part)));
        }
        return audio;
    }

    /** What a part says: the whole spoken script, or for one part of a split section the captions inside it. */
    String words(Section section, TelephoneAudio.Part part) {
        if (part.count() == 1) return scripts.spoken(voicing, page, section);
        return captions.sectionCues(voicing, page, section, Speed.NORMAL).stream()
                .filter(c -> c.start() >= part.start() && c.start() < part.end())
                .map(Captions.Cue::text)
                .collect(Collectors.joining(" "));
    }
}
