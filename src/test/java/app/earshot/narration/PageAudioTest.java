package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.sound.Pcm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import app.earshot.audio.Mp3;
import app.earshot.content.Speed;

/** The whole-page clip, written piece by piece from the section files, is exactly the sections joined with pauses. */
class PageAudioTest {
    @Test
    void pageClipIsTheSectionsJoinedWithPauses(@TempDir Path cache) throws Exception {
        App.Content content = App.load(Path.of("src/test/resources/fixtures/store"));
        Narrator narrator = App.narrator(cache, TestServer.SYNTHESIZER);
        Page page = content.site().pages().get(0);
        List<Pcm> parts = new ArrayList<>();
        for (Section section : page.sections()) {
            if (!parts.isEmpty()) parts.add(Pcm.silence(16000, Clips.SECTION_PAUSE_SECONDS));
            parts.add(Wav.decode(narrator.clips().sectionWav(App.snapshot(content).voicing(), page, section, app.earshot.content.Speed.NORMAL).audio().readAllBytes()));
        }
        assertArrayEquals(Wav.encode(Pcm.concat(parts)), narrator.clips().pageWav(App.snapshot(content).voicing(), page, app.earshot.content.Speed.NORMAL).audio().readAllBytes());
    }

    @Test
    void pageMp3MadeASectionAtATimeIsTheWholePageEncodedAtOnce(@TempDir Path cache) throws Exception {
        App.Content content = App.load(Path.of("src/test/resources/fixtures/store"));
        Voicing voicing = App.snapshot(content).voicing();
        Page page = content.site().pages().get(0);
        Clips clips = App.narrator(cache, TestServer.SYNTHESIZER).clips();
        byte[] wholeAtOnce = Mp3.encode(Wav.decode(clips.pageWav(voicing, page, Speed.SLOWER).audio().readAllBytes()));
        assertArrayEquals(wholeAtOnce, clips.pageMp3(voicing, page, Speed.SLOWER).audio().readAllBytes());
    }
}
