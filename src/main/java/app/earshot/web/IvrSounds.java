package app.earshot.web;

import app.earshot.narration.Voicing;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.SiteMenu;
import app.earshot.ivr.Sounds;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.TelephoneFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The telephone clips (8 kHz u-law WAV) of a line's prompts and sections, with their words, at the given links: one
 * page's line, or the site's, whose sounds name their page. A clip not stored yet is its words, and is queued.
 */
final class IvrSounds implements Sounds {
    private final Page single;
    private final SiteMenu site;
    private final Voicing v;
    private final PhoneAudio audio;
    private final Links links;
    private final Map<Integer, KeypadMenu> keypads = new HashMap<>();

    private IvrSounds(Voicing v, Page single, SiteMenu site, PhoneAudio audio, Links links) {
        this.v = v;
        this.single = single;
        this.site = site;
        this.audio = audio;
        this.links = links;
    }

    /** The sounds of {@code page}'s own line. */
    static IvrSounds page(Voicing v, Page page, PhoneAudio audio, Links links) {
        return new IvrSounds(v, page, null, audio, links);
    }

    /** The sounds of the site-wide line. */
    static IvrSounds site(Voicing v, SiteMenu site, PhoneAudio audio, Links links) {
        return new IvrSounds(v, null, site, audio, links);
    }

    @Override
    public List<Audio> audio(CallFlow.Sound sound) {
        if (sound instanceof CallFlow.Prompt p) {
            if (single == null && p.page() < 0) {
                String words = site.prompt(p.name()).orElseThrow(() -> new IllegalArgumentException("no prompt " + p.name()));
                return List.of(audio.promptVersion(v, words, site.language(), Links.sitePromptPlace(site.line(), p.name()))
                        .map(v -> new Audio(links.sitePrompt(site.line(), p.name(), v, TelephoneFormat.WAV_ULAW), words))
                        .orElse(Audio.say(words)));
            }
            Page page = page(p.page());
            String words = keypad(p.page(), page).prompt(p.name()).orElseThrow(() -> new IllegalArgumentException("no prompt " + p.name()));
            return List.of(audio.promptVersion(v, words, page.language(), Links.promptPlace(page.slug(), p.name())).map(v -> new Audio(links.prompt(page, p.name(), v, TelephoneFormat.WAV_ULAW), words))
                    .orElse(Audio.say(words)));
        }
        CallFlow.SectionAudio s = (CallFlow.SectionAudio) sound;
        Page page = page(s.page());
        Section section = page.sections().get(s.index());
        Optional<List<TelephoneAudio.Part>> parts = audio.parts(v, page, section);
        if (parts.isEmpty()) return List.of(Audio.say(audio.words(v, page, section)));
        List<Audio> out = new ArrayList<>();
        for (TelephoneAudio.Part part : parts.get()) {
            out.add(new Audio(links.telephone(page, section, part, TelephoneFormat.WAV_ULAW), audio.words(v, page, section, part)));
        }
        return out;
    }

    private Page page(int index) {
        return single != null ? single : site.page(index);
    }

    private KeypadMenu keypad(int index, Page page) {
        return keypads.computeIfAbsent(index, i -> KeypadMenu.of(page));
    }
}
