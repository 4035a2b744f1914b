package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.narration.Captioner;
import app.earshot.narration.Voicing;
import app.earshot.making.Maker;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.TelephoneFormat;
import app.earshot.speech.Captions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The phone lines' only way to audio: a prompt's or a section's telephone clip when it is already stored, else
 * nothing at once (the line says the words instead) while the {@link Maker} is asked to make the clip as background
 * work, so a caller never waits for synthesis nor hears a 503. Every call the phone lines make into the narration is
 * here. Without a production limit ({@code export}, where every caller is patient and the static copy must hold
 * every clip) clips are made on request as before.
 */
final class PhoneAudio {
    private final Captioner captions;
    private final Maker maker;
    private final TelephoneAudio telephone;
    private final SpokenScripts scripts;

    PhoneAudio(Captioner captions, Maker maker, TelephoneAudio telephone, SpokenScripts scripts) {
        this.captions = captions;
        this.maker = maker;
        this.telephone = telephone;
        this.scripts = scripts;
    }

    /**
     * The version of the clip of the prompt in {@code language}, given out for {@code place} (its path without format),
     * if it is stored; else empty, and the clip is queued.
     */
    Optional<String> promptVersion(Voicing v, String words, String language, String place) {
        if (maker.patient()) return Optional.of(telephone.promptVersion(v, words, language, place));
        Optional<String> version = telephone.readyPromptVersion(v, words, language, place);
        if (version.isEmpty()) maker.later("phone prompt:" + language + ":" + words, () -> telephone.prompt(v, words, language, TelephoneFormat.WAV_ULAW));
        return version;
    }

    /** The section's parts if every one is stored; else empty, and they are queued. */
    Optional<List<TelephoneAudio.Part>> parts(Voicing v, Page page, Section section) {
        if (maker.patient()) return Optional.of(telephone.parts(v, page, section));
        Optional<List<TelephoneAudio.Part>> parts = telephone.readyParts(v, page, section);
        if (parts.isEmpty()) {
            maker.later("phone section:" + page.slug() + "/" + section.id() + ":" + scripts.spoken(v, page, section).hashCode(), () -> {
                for (TelephoneAudio.Part part : telephone.parts(v, page, section)) {
                    telephone.section(v, page, section, part.number(), TelephoneFormat.WAV_ULAW);
                }
            });
        }
        return parts;
    }

    /** What the whole section says (the words a platform's own voice reads while its clip is made). */
    String words(Voicing v, Page page, Section section) {
        return scripts.spoken(v, page, section);
    }

    /** What a part says: the whole spoken script, or for one part of a split section the captions inside it. */
    String words(Voicing v, Page page, Section section, TelephoneAudio.Part part) {
        if (part.count() == 1) return scripts.spoken(v, page, section);
        return captions.sectionCues(v, page, section, app.earshot.content.Speed.NORMAL).stream()
                .filter(c -> c.start() >= part.start() && c.start() < part.end())
                .map(Captions.Cue::text)
                .collect(Collectors.joining(" "));
    }

}
