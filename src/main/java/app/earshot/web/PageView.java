package app.earshot.web;

import static app.earshot.web.Amounts.describe;
import static app.earshot.web.Amounts.duration;
import static app.earshot.web.Amounts.size;
import static app.earshot.web.Amounts.sized;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Speed;
import app.earshot.epub.ReadAlong;
import app.earshot.epub.TalkingBook;
import app.earshot.messages.Messages;
import app.earshot.narration.Captioner;
import app.earshot.narration.ClipFacts;
import app.earshot.narration.Clips;
import app.earshot.narration.Format;
import app.earshot.narration.Narrator;
import app.earshot.narration.Readiness;
import app.earshot.narration.Voicing;
import app.earshot.snapshot.Snapshot;
import app.earshot.web.Views.AudioView;
import app.earshot.web.Views.DateView;
import app.earshot.web.Views.Link;
import app.earshot.web.Views.SectionView;
import app.earshot.web.Views.Way;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models of a page and of one section's own page: the text, the player and the ways to listen, and, once the
 * audio is made, the read-along timings. Never makes audio: it only asks what is made.
 */
final class PageView {
    private final Views views;
    private final Captioner captions;
    private final Readiness readiness;
    private final TalkingBook books;
    // Says whether a page's language has a voice here: a page without one is served as text alone.
    private final Narrator narrator;

    PageView(Views views, Captioner captions, Readiness readiness, TalkingBook books, Narrator narrator) {
        this.views = views;
        this.captions = captions;
        this.readiness = readiness;
        this.books = books;
        this.narrator = narrator;
    }

    /** The whole page ({@code page.ftlh}). */
    Map<String, Object> page(Snapshot now, Page page) {
        Site site = now.site();
        Voicing v = now.voicing();
        Messages msg = now.messages(page.language());
        Map<String, Object> model = views.layout(site, msg, page.title() + " \u2013 " + site.title());
        model.put("lang", page.language());
        model.put("page", page);
        views.readerLanguage(model, site, msg, page.language());
        List<Section> all = page.sections();
        Section intro = all.stream().filter(Section::introduction).findFirst().orElse(null);
        model.put("intro", intro);
        Optional<String> noVoice = narrator.noVoice(v, page);
        model.put("hasVoice", noVoice.isEmpty());
        model.put("reviewed", DateView.of(page.reviewed(), msg));
        model.put("nextReview", DateView.of(page.nextReview(), msg));
        model.put("breadcrumbs", List.of());
        if (noVoice.isPresent()) return textOnly(model, site, msg, page, intro, all);
        // Read-along needs every section's timing in the page audio: offered once all of it is made.
        double[] starts = pageStarts(v, page);
        model.put("introHtml", intro == null ? null : timed(v, page, intro, intro.html(), starts));
        model.put("sections", sectionViews(v, site, msg, page, starts));
        String base = Links.relative().audio(page);
        Optional<ClipFacts> facts = readiness.page(v, page, Speed.NORMAL, Format.MP3);
        model.put("pageAudio", new AudioView(msg.get("listen.page"), base + ".mp3", base + ".wav", base + ".vtt",
                base + ".chapters.vtt", new Way(base + ".mp3", msg.get("listen.download.page"), describe(facts, Format.MP3, msg), true),
                moreWays(v, site, msg, page, intro, base), facts.isPresent()));
        return model;
    }

    /** The sections as the page lists them (the introduction is the page player's start, not listed). */
    private List<SectionView> sectionViews(Voicing v, Site site, Messages msg, Page page, double[] starts) {
        List<Section> all = page.sections();
        List<SectionView> sections = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            // Contents, section pages and the keypad all count every section, the introduction included, so the
            // numbers a listener hears on the phone are the numbers on the screen.
            String length = readiness.section(v, page, s, Speed.NORMAL, Format.MP3)
                    .map(f -> ", " + duration(f.seconds(), msg)).orElse("");
            SectionView view = new SectionView(s, i + 1, Views.contentsText(site, s, msg), timed(v, page, s, s.html(), starts),
                    msg.format("page.section.listen", i + 1, s.heading()), length, "/" + page.slug() + "/" + s.id(),
                    starts == null ? null : String.format(Locale.ROOT, "%.3f", starts[i]),
                    starts == null ? null : String.format(Locale.ROOT, "%.3f", sectionEnd(v, page, s, starts[i])));
            // The page player starts with the introduction; its own page (player and download) is offered under
            // "More ways to listen" rather than as one more Tab stop before the Contents.
            if (!s.introduction()) sections.add(view);
        }
        return sections;
    }

    /** The page's ways to listen behind "More ways to listen". */
    private List<Way> moreWays(Voicing v, Site site, Messages msg, Page page, Section intro, String base) {
        List<Way> more = new ArrayList<>();
        more.add(new Way("/" + page.slug() + "/transcript", msg.get("listen.transcript"), msg.get("listen.transcript.format"), false));
        if (intro != null) {
            more.add(new Way("/" + page.slug() + "/" + intro.id(), msg.get("listen.introduction"),
                    msg.get("listen.introduction.format") + readiness.section(v, page, intro, Speed.NORMAL, Format.MP3)
                            .map(f -> ", " + duration(f.seconds(), msg)).orElse(""), false));
        }
        more.add(new Way(base + Speed.SLOWER.fileSuffix() + ".mp3", msg.get("listen.download.slower"),
                sized(readiness.page(v, page, Speed.SLOWER, Format.MP3), msg), true));
        more.add(new Way(base + Speed.FASTER.fileSuffix() + ".mp3", msg.get("listen.download.faster"),
                sized(readiness.page(v, page, Speed.FASTER, Format.MP3), msg), true));
        more.add(new Way("/" + page.slug() + "." + TalkingBook.EXTENSION, msg.get("listen.book"),
                books.cachedSize(v, msg, site, page).map(bytes -> "EPUB, " + size(bytes, msg)).orElse("EPUB"), true));
        more.add(new Way("/" + page.slug() + "/feed.xml", msg.get("listen.podcast"), msg.get("listen.podcast.format"), false));
        more.add(new Way("/" + page.slug() + ".m3u", msg.get("listen.playlist"), msg.get("listen.playlist.format"), false));
        more.add(new Way(base + ".vtt", msg.get("listen.captions"), msg.get("listen.captions.format"), true));
        more.add(new Way(base + ".chapters.vtt", msg.get("listen.chapters"), msg.get("listen.chapters.format"), true));
        return more;
    }

    /** The page as text alone, for a language with no voice here: no player, no listen controls, no audio links. */
    private static Map<String, Object> textOnly(Map<String, Object> model, Site site, Messages msg, Page page, Section intro, List<Section> all) {
        model.put("introHtml", intro == null ? null : intro.html());
        List<SectionView> sections = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            if (!s.introduction()) sections.add(new SectionView(s, i + 1, Views.contentsText(site, s, msg), s.html(), null, "",
                    "/" + page.slug() + "/" + s.id(), null, null));
        }
        model.put("sections", sections);
        return model;
    }

    /** One section's own page ({@code section.ftlh}). */
    Map<String, Object> section(Snapshot now, Page page, Section section) {
        Site site = now.site();
        Voicing v = now.voicing();
        // "Sleep Well – Sleep Well – Library" said the page's title twice: a section named like its page says it once,
        // told apart from the page as in Contents ("Sleep Well (section)").
        boolean samePage = section.heading().strip().equalsIgnoreCase(page.title().strip());
        Messages msg = now.messages(page.language());
        Map<String, Object> model = views.layout(site, msg, Views.contentsText(site, section, msg)
                + (samePage ? "" : " \u2013 " + page.title()) + " \u2013 " + site.title());
        model.put("lang", page.language());
        int i = page.indexOf(section);
        List<Section> all = page.sections();
        model.put("page", page);
        views.readerLanguage(model, site, msg, page.language());
        model.put("section", section);
        model.put("position", i + 1);
        model.put("count", all.size());
        model.put("previous", i > 0 ? Views.sectionLink(page, all.get(i - 1)) : null);
        model.put("next", i + 1 < all.size() ? Views.sectionLink(page, all.get(i + 1)) : null);
        model.put("reviewed", DateView.of(page.reviewed(), msg));
        model.put("nextReview", DateView.of(page.nextReview(), msg));
        model.put("breadcrumbs", List.of(new Link("/" + page.slug(), page.title())));
        if (narrator.noVoice(v, page).isPresent()) {
            model.put("hasVoice", false);
            model.put("sectionHtml", section.standaloneHtml());
            model.put("readAlong", false);
            return model;
        }
        model.put("hasVoice", true);
        model.put("audio", sectionAudio(v, page, section, msg));
        boolean made = readiness.section(v, page, section, Speed.NORMAL, Format.WAV).isPresent();
        model.put("sectionHtml", made ? ReadAlong.html(section.standaloneHtml(), section, v.passages(page, section),
                captions.sectionCues(v, page, section, Speed.NORMAL), 0) : section.standaloneHtml());
        model.put("readAlong", made);
        return model;
    }

    private AudioView sectionAudio(Voicing v, Page page, Section section, Messages msg) {
        String base = Links.relative().audio(page, section);
        Optional<ClipFacts> facts = readiness.section(v, page, section, Speed.NORMAL, Format.MP3);
        List<Way> more = List.of(
                new Way("/" + page.slug() + "/" + section.id() + "/transcript", msg.get("listen.transcript"),
                        msg.get("listen.transcript.format"), false),
                new Way(base + Speed.SLOWER.fileSuffix() + ".mp3", msg.get("listen.download.slower"),
                        sized(readiness.section(v, page, section, Speed.SLOWER, Format.MP3), msg), true),
                new Way(base + Speed.FASTER.fileSuffix() + ".mp3", msg.get("listen.download.faster"),
                        sized(readiness.section(v, page, section, Speed.FASTER, Format.MP3), msg), true),
                new Way("/" + page.slug() + "/feed.xml", msg.get("listen.podcast"), msg.get("listen.podcast.format"), false),
                new Way(base + ".vtt", msg.get("listen.captions"), msg.get("listen.captions.format"), true));
        return new AudioView(msg.get("listen.section"), base + ".mp3", base + ".wav", base + ".vtt", null,
                new Way(base + ".mp3", msg.get("listen.download.section"), describe(facts, Format.MP3, msg), true), more, facts.isPresent());
    }

    /** Where each section starts in the whole page's audio, or null while any section's audio is not made. */
    private double[] pageStarts(Voicing v, Page page) {
        List<Section> all = page.sections();
        double[] starts = new double[all.size()];
        double at = 0;
        for (int i = 0; i < all.size(); i++) {
            Optional<ClipFacts> facts = readiness.section(v, page, all.get(i), Speed.NORMAL, Format.WAV);
            if (facts.isEmpty()) return null;
            starts[i] = at;
            at += facts.get().seconds() + Clips.SECTION_PAUSE_SECONDS;
        }
        return starts;
    }

    /** Where {@code section}'s own words end in the whole page's audio (its start plus its clip's length). */
    private double sectionEnd(Voicing v, Page page, Section section, double start) {
        return start + readiness.section(v, page, section, Speed.NORMAL, Format.WAV).map(ClipFacts::seconds).orElse(0.0);
    }

    private String timed(Voicing v, Page page, Section section, String html, double[] starts) {
        if (starts == null) return html;
        return ReadAlong.html(html, section, v.passages(page, section), captions.sectionCues(v, page, section, Speed.NORMAL),
                starts[page.indexOf(section)]);
    }
}
