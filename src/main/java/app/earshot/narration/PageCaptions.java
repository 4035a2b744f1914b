package app.earshot.narration;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.speech.Captions;
import java.util.ArrayList;
import java.util.List;

/**
 * Captions and chapters of a whole-page clip, laid out from its sections' cues and lengths with the pause between
 * sections: the one place that changes when the layout of a page's timeline does.
 */
final class PageCaptions {
    private PageCaptions() {}

    /** Each section's cues shifted to where the section starts in the page clip. */
    static String vtt(List<List<Captions.Cue>> cuesBySection, List<Double> sectionSeconds, double pauseSeconds) {
        List<Captions.Cue> all = new ArrayList<>();
        double start = 0;
        for (int i = 0; i < cuesBySection.size(); i++) {
            for (Captions.Cue cue : cuesBySection.get(i)) {
                all.add(new Captions.Cue(cue.start() + start, cue.end() + start, cue.text()));
            }
            start += sectionSeconds.get(i) + pauseSeconds;
        }
        return Captions.webVtt(all);
    }

    /**
     * One chapter per section, named by its heading; the introduction is "Introduction to" the page title, so it is
     * never confused with a section named like the page itself.
     */
    static String chapters(Page page, List<Double> sectionSeconds, double pauseSeconds) {
        List<Captions.Chapter> chapters = new ArrayList<>();
        double start = 0;
        for (int i = 0; i < sectionSeconds.size(); i++) {
            double end = start + sectionSeconds.get(i);
            Section section = page.sections().get(i);
            chapters.add(new Captions.Chapter(section.introduction() ? "Introduction to " + page.title() : section.heading(), start, end));
            start = end + pauseSeconds;
        }
        return Captions.chapters(chapters);
    }
}
