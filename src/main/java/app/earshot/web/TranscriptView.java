package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Speed;
import app.earshot.epub.ReadAlong;
import app.earshot.messages.Messages;
import app.earshot.narration.Captioner;
import app.earshot.narration.ClipFacts;
import app.earshot.narration.Clips;
import app.earshot.narration.Format;
import app.earshot.narration.Readiness;
import app.earshot.narration.Voicing;
import app.earshot.snapshot.Snapshot;
import app.earshot.speech.Captions;
import app.earshot.web.Views.Link;
import app.earshot.web.Views.TranscriptLine;
import app.earshot.web.Views.TranscriptPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The model of a transcript ({@code transcript.ftlh}): what the narration says, in order, with times once made. */
final class TranscriptView {
    private final Views views;
    private final Captioner captions;
    private final Readiness readiness;

    TranscriptView(Views views, Captioner captions, Readiness readiness) {
        this.views = views;
        this.captions = captions;
        this.readiness = readiness;
    }

    /**
     * A transcript: what the narration says, in order, with times, in the written words. For the whole page
     * ({@code only} null) times run through the page's audio; for one section, through that section's. Never makes
     * audio: lines whose audio is not made yet have no time (null) until it is.
     */
    Map<String, Object> transcript(Snapshot now, Page page, Section only) {
        Site site = now.site();
        Messages msg = now.messages(page.language());
        String what = only == null ? page.title() : only.heading();
        Map<String, Object> model = views.layout(site, msg, msg.format("transcript.title", what) + " \u2013 " + site.title());
        model.put("lang", page.language());
        model.put("heading", msg.format("transcript.title", what));
        views.readerLanguage(model, site, msg, page.language());
        List<Link> crumbs = new ArrayList<>(List.of(new Link("/" + page.slug(), page.title())));
        if (only != null) crumbs.add(new Link("/" + page.slug() + "/" + only.id(), Views.contentsText(site, only, msg)));
        model.put("breadcrumbs", crumbs);
        model.put("back", only == null ? new Link("/" + page.slug(), msg.get("transcript.back.page"))
                : new Link("/" + page.slug() + "/" + only.id(), msg.get("transcript.back.section")));
        model.put("parts", parts(now.voicing(), msg, page, only));
        return model;
    }

    private List<TranscriptPart> parts(Voicing v, Messages msg, Page page, Section only) {
        List<TranscriptPart> parts = new ArrayList<>();
        // Text first: times only where the audio is already made (a transcript never waits for synthesis).
        Double offset = 0.0;
        for (Section s : only == null ? page.sections() : List.of(only)) {
            List<TranscriptLine> lines = new ArrayList<>();
            Optional<List<Captions.Cue>> cues = offset == null ? Optional.empty()
                    : captions.storedSectionCues(v, page, s, Speed.NORMAL);
            if (cues.isPresent()) {
                for (ReadAlong.Passage p : ReadAlong.passages(v.passages(page, s), cues.get(), offset)) {
                    lines.add(new TranscriptLine(Amounts.clock(p.start()), String.format(Locale.ROOT, "PT%.1fS", p.start()),
                            List.of(p.text().split("\n"))));
                }
            } else {
                for (var p : v.passages(page, s)) lines.add(new TranscriptLine(null, null, List.of(p.text().split("\n"))));
            }
            parts.add(new TranscriptPart(only != null ? null : s.introduction() ? msg.get("page.introduction") : s.heading(), lines));
            if (only == null && offset != null) {
                Optional<ClipFacts> clip = readiness.section(v, page, s, Speed.NORMAL, Format.WAV);
                offset = clip.isPresent() ? offset + clip.get().seconds() + Clips.SECTION_PAUSE_SECONDS : null;
            }
        }
        return parts;
    }
}
