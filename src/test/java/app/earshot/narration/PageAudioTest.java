package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.sound.Pcm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
    void pageMp3IsTheSectionsOwnFramesInOrderEncodedOnce(@TempDir Path cache) throws Exception {
        App.Content content = App.load(Path.of("src/test/resources/fixtures/store"));
        Voicing voicing = App.snapshot(content).voicing();
        Page page = content.site().pages().get(0);
        Clips clips = App.narrator(cache, TestServer.SYNTHESIZER).clips();
        byte[] pageMp3 = clips.pageMp3(voicing, page, Speed.SLOWER).audio().readAllBytes();
        int at = 0;
        for (Section section : page.sections()) {
            byte[] sectionMp3 = clips.sectionMp3(voicing, page, section, Speed.SLOWER).audio().readAllBytes();
            byte[] frames = Arrays.copyOfRange(sectionMp3, firstFrameLength(sectionMp3), sectionMp3.length);
            int found = indexOf(pageMp3, frames, at);
            assertTrue(found >= at, "section " + section.id() + "'s audio frames, byte for byte, after byte " + at);
            at = found + frames.length;
        }
        double wavSeconds = clips.pageWav(voicing, page, Speed.SLOWER).seconds();
        assertEquals(wavSeconds, Mp3.inspect(pageMp3).seconds(), 0.5 / 16000, "the page tag gives the WAV's exact length");
    }

    private static int firstFrameLength(byte[] mp3) {
        int[] kbps = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
        return 72 * kbps[(mp3[2] >> 4) & 0xF] * 1000 / 16000 + ((mp3[2] >> 1) & 1);
    }

    private static int indexOf(byte[] in, byte[] part, int from) {
        outer:
        for (int i = from; i + part.length <= in.length; i++) {
            for (int j = 0; j < part.length; j++) if (in[i + j] != part[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void pageMp3DecodedByFfmpegMatchesTheWavAtEverySectionJoin(@TempDir Path cache) throws Exception {
        App.Content content = App.load(Path.of("src/test/resources/fixtures/store"));
        Voicing voicing = App.snapshot(content).voicing();
        Page page = content.site().pages().get(0);
        Clips clips = App.narrator(cache, TestServer.SYNTHESIZER).clips();
        short[] wav = Wav.decode(clips.pageWav(voicing, page, Speed.NORMAL).audio().readAllBytes()).samples();
        short[] mp3 = app.earshot.Ffmpeg.decode(clips.pageMp3(voicing, page, Speed.NORMAL).audio().path(), 16000);
        assertEquals(wav.length, mp3.length, 16, "as long as the WAV");
        int pause = (int) Math.round(16000 * Clips.SECTION_PAUSE_SECONDS);
        int end = 0;
        for (Section section : page.sections().subList(0, page.sections().size() - 1)) {
            end += (int) Math.round(clips.sectionWav(voicing, page, section, Speed.NORMAL).seconds() * 16000);
            for (int join : new int[]{end, end + pause}) {
                assertEquals(0, bestLag(wav, mp3, join), 1, "no gap or shift at sample " + join);
                assertEquals(rms(wav, join - 1600, join + 1600), rms(mp3, join - 1600, join + 1600),
                        0.3 * rms(wav, join - 1600, join + 1600) + 30, "the same energy around sample " + join);
            }
            assertTrue(peak(mp3, end + 1600, end + pause - 1600) < 330, "the pause stays silent (no click): " + peak(mp3, end + 1600, end + pause - 1600));
            end += pause;
        }
    }

    /** The shift (in samples, within 5 ms) at which the two signals agree best over 200 ms around {@code at}. */
    private static int bestLag(short[] a, short[] b, int at) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = -80; lag <= 80; lag++) {
            double score = 0;
            for (int i = Math.max(0, at - 1600); i < Math.min(a.length, at + 1600); i++) {
                int j = i + lag;
                if (j >= 0 && j < b.length) score += (double) a[i] * b[j];
            }
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = Math.max(0, from); i < Math.min(s.length, to); i++) sum += (double) s[i] * s[i];
        return Math.sqrt(sum / (to - from));
    }

    private static int peak(short[] s, int from, int to) {
        int peak = 0;
        for (int i = from; i < to; i++) peak = Math.max(peak, Math.abs(s[i]));
        return peak;
    }
}
