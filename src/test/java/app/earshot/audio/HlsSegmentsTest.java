package app.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** How a page stream is cut: frame counts, reservoir-free starts, the stored plan and the timestamp tag. */
class HlsSegmentsTest {
    /** A 16 kHz MPEG-2 Layer III mono frame header at 40 kbit/s (180 bytes a frame), no CRC. */
    static final byte[] HEADER = {(byte) 0xFF, (byte) 0xF3, (byte) 0x58, (byte) 0xC0};

    /** A tag frame, then {@code frames} frames, those at {@code free} indexes reservoir-free (main_data_begin 0). */
    static byte[] stream(int frames, java.util.function.IntPredicate free) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = -1; i < frames; i++) {
            byte[] frame = new byte[180];
            System.arraycopy(HEADER, 0, frame, 0, 4);
            frame[4] = (byte) (i >= 0 && free.test(i) ? 0 : 7);
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    static HlsSegments.Plan plan(byte[] mp3) throws Exception {
        return HlsSegments.plan(new ByteArrayInputStream(mp3));
    }

    @Test
    void cutsFallOnReservoirFreeFramesNearestSixSeconds() throws Exception {
        // reservoir-free every 50 frames (1.8 s): the cut nearest 6 s (166.7 frames) is frame 150
        HlsSegments.Plan plan = plan(stream(1000, i -> i % 50 == 0));
        assertEquals(150, plan.segments().get(0).frames());
        assertTrue(plan.independent());
        assertEquals(150 * 180, plan.segments().get(1).offset() - plan.segments().get(0).offset());
    }

    @Test
    void everyJoinedPartStartsASegmentHoweverShortAndWhereverTheReservoirFreeFramesFall() throws Exception {
        // Parts of 180, 60 and 100 frames (the last two shorter than a segment), joined as Mp3Join joins them, with 5
        // silent frames between; the first part's reservoir-free frames put the cut nearest 6 s at frame 148.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(stream(180, i -> i % 37 == 0));
        byte[] silent = new byte[36];
        silent[0] = (byte) 0xFF;
        silent[1] = (byte) 0xF3;
        silent[2] = (byte) 0x18; // bitrate index 1 (8 kbit/s), 16 kHz, no padding
        silent[3] = (byte) 0xC0;
        for (int part : new int[] {60, 100}) {
            for (int k = 0; k < 5; k++) out.writeBytes(silent);
            byte[] frames = stream(part, i -> i == 0);
            out.write(frames, 180, frames.length - 180);
        }
        HlsSegments.Plan plan = plan(out.toByteArray());
        java.util.List<Long> starts = plan.segments().stream().map(HlsSegments.Segment::firstFrame).toList();
        assertTrue(starts.contains(180L + 5) && starts.contains(180L + 5 + 60 + 5), starts.toString());
        assertTrue(plan.independent());
    }

    @Test
    void withoutAReservoirFreeFrameTheCutIsAtSixSecondsAndThePlanSaysSo() throws Exception {
        HlsSegments.Plan plan = plan(stream(1000, i -> i == 0));
        assertEquals(167, plan.segments().get(0).frames());
        assertFalse(plan.independent());
    }

    @Test
    void noSegmentIsLongerThanNineAndAHalfSecondsAndEveryFrameIsInOne() throws Exception {
        HlsSegments.Plan plan = plan(stream(2345, i -> i % 260 == 0));
        long frames = 0;
        for (int n = 0; n < plan.segments().size(); n++) {
            assertTrue(plan.seconds(n) <= HlsSegments.MAX_SECONDS, n + ": " + plan.seconds(n));
            assertEquals(frames * 576 * 90_000 / 16_000, plan.timestamp(n));
            frames += plan.segments().get(n).frames();
        }
        assertEquals(2345, frames);
    }

    @Test
    void theStoredPlanReadsBackAndAGapIsRefused() throws Exception {
        HlsSegments.Plan plan = plan(stream(600, i -> i % 40 == 0));
        assertEquals(plan, HlsSegments.Plan.parse(plan.text()));
        String gap = plan.text().replaceFirst("\n0 ", "\n1 ");
        assertThrows(InvalidMp3Exception.class, () -> HlsSegments.Plan.parse(gap));
    }

    @Test
    void aStreamCutShortIsRefused() {
        byte[] whole = stream(100, i -> true);
        assertThrows(InvalidMp3Exception.class, () -> plan(java.util.Arrays.copyOf(whole, whole.length - 10)));
    }

    @Test
    void theTagCarriesA33BitTimestamp() throws Exception {
        long big = (1L << 33) + 12345;
        assertEquals(12345, HlsSegments.timestamp(HlsSegments.tag(big)));
        assertEquals(HlsSegments.TAG_BYTES, HlsSegments.tag(0).length);
    }
}
