package app.earshot.epub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.content.Block;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.narration.Narrator;
import app.earshot.narration.Voicing;
import app.earshot.speech.Captions;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.Sentences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Captions (cut from the script by {@link Sentences}) and the read-along (cutting the written text by the same loop)
 * must make the same sentences block by block, or the EPUB's Media Overlays and the page's read-along lose their
 * sentence timings. Checked against real synthesis for every section of both fixture sites.
 */
class SentencePairingTest {
    private static final Narrator NARRATOR = App.narrator(TestServer.SHARED_AUDIO_CACHE, TestServer.SYNTHESIZER);

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/site", "src/test/resources/site-es"})
    void captionSentencesAndWrittenSentencesAreTheSameListInEverySection(String site) throws Exception {
        App.Content content = App.load(Path.of(site));
        Voicing voicing = App.snapshot(content).voicing();
        List<String> written = new ArrayList<>();
        List<String> spoken = new ArrayList<>();
        for (Page page : content.site().pages()) {
            for (Section section : page.sections()) {
                List<ScriptWriter.Passage> passages = voicing.passages(page, section);
                List<Captions.Cue> cues = NARRATOR.captions().sectionCues(voicing, page, section, Speed.NORMAL);
                List<List<Captions.Cue>> heard = Chapter.group(passages, cues);
                List<Element> blocks = Chapter.blocks(Jsoup.parseBodyFragment(section.standaloneHtml()).body());
                for (int p = 0; p < passages.size(); p++) {
                    int b = passages.get(p).block();
                    // Headings are said as one sentence; table rows are said cell by cell, and timed whole.
                    if (b < 0 || section.blocks().get(b) instanceof Block.Table) continue;
                    String where = page.slug() + "#" + section.id() + " block " + b + ": ";
                    List<String> w = sentences(blocks.get(b));
                    List<String> s = spokenSentences(heard.get(p));
                    // Words differ by design ("70 %" is said "70 percent"); the sentences must pair one for one.
                    written.add(where + w.size() + " " + (w.size() == s.size() ? "" : w));
                    spoken.add(where + s.size() + " " + (w.size() == s.size() ? "" : s));
                }
            }
        }
        assertEquals(spoken, written);
    }

    /** The element's sentences as the read-along cuts them: a list or care callout item by item. */
    private static List<String> sentences(Element element) {
        List<Element> parts = element.is("ul, ol") ? element.select("> li")
                : element.is("div.care") ? element.children().stream().filter(c -> c.is("p, .care-title")).toList()
                : List.of(element);
        List<String> out = new ArrayList<>();
        for (Element part : parts) {
            String text = part.wholeText();
            for (Sentences.Span s : Sentences.of(text)) out.add(text.substring(s.start(), s.end()).strip());
        }
        return out;
    }

    private static List<String> spokenSentences(List<Captions.Cue> cues) {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (Sentences.Timed sentence : Sentences.ofCues(cues)) {
            StringBuilder text = new StringBuilder();
            while (next < cues.size() && cues.get(next).start() < sentence.end()) text.append(cues.get(next++).text()).append(' ');
            out.add(text.toString().strip());
        }
        return out;
    }
}
