package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.audio.Mp3;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.sound.Pcm;
import app.earshot.speech.Speech;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-page MP3 is encoded a section at a time: a page whose samples alone are larger than the heap is encoded
 * by a JVM with that heap (a child process with a small {@code -Xmx}), and the result is one MP3 as long as the page.
 */
class PageMp3MemoryTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/store");
    /** Each of the fixture's three sections "speaks" this long: the page is 19 MB of 16 kHz samples. */
    static final int SECTION_SECONDS = 200;
    static final String HEAP = "-Xmx16m";

    @Test
    void aPageWhoseSamplesExceedTheHeapIsEncodedToOneMp3(@TempDir Path cache) throws Exception {
        Voicing voicing = App.snapshot(App.load(FIXTURE)).voicing();
        Page page = App.load(FIXTURE).site().pages().get(0);
        Narrator narrator = App.narrator(cache, new LongSynthesizer(SECTION_SECONDS));
        double pageSeconds = Clips.SECTION_PAUSE_SECONDS * (page.sections().size() - 1);
        long sampleBytes = 0;
        for (Section section : page.sections()) {
            Clip wav = narrator.clips().sectionWav(voicing, page, section, Speed.NORMAL);
            pageSeconds += wav.seconds();
            sampleBytes += wav.size();
        }
        assertTrue(sampleBytes > 16L << 20, "the page's samples alone outgrow the child's heap: " + sampleBytes);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), FIXTURE.toString(), cache.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);

        Clip mp3 = narrator.clips().pageMp3(voicing, page, Speed.NORMAL); // made by the child: a hit here
        assertEquals(pageSeconds, Mp3.inspect(mp3.audio().path()).seconds(), 1.0 / 16000);
    }

    /**
     * Makes the fixture page's MP3 from the section clips already stored under {@code args[1]}; with a third argument
     * {@code sections}, makes those clips instead (bench/page-mp3-heap.sh).
     */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            App.Content content = App.load(Path.of(args[0]));
            Page page = content.site().pages().get(0);
            Narrator narrator = App.narrator(Path.of(args[1]), new LongSynthesizer(SECTION_SECONDS));
            Voicing voicing = App.snapshot(content).voicing();
            if (args.length > 2 && args[2].equals("sections")) {
                for (Section section : page.sections()) narrator.clips().sectionWav(voicing, page, section, Speed.NORMAL);
                return;
            }
            Clip mp3 = narrator.clips().pageMp3(voicing, page, Speed.NORMAL);
            System.out.println("page MP3: " + mp3.size() + " bytes, " + mp3.seconds() + " s; heap max "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
        }
    }

    /** "Speaks" every script as a long warbling tone (no word timings), so long pages cost no real synthesis. */
    record LongSynthesizer(int seconds) implements Synthesizer {
        @Override
        public Speech speak(String script, VoiceSettings voice) {
            short[] s = new short[seconds * 16000];
            for (int i = 0; i < s.length; i++) {
                double t = i / 16000.0;
                s[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * (200 + 40 * Math.sin(2 * Math.PI * 3 * t)) * t));
            }
            return new Speech(new Pcm(16000, s), List.of());
        }

        @Override
        public String engineId() {
            return "long-tone-" + seconds;
        }

        @Override
        public void close() {}
    }
}
