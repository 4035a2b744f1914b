package app.earshot.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Cuts one gapless MP3 (a page's, from {@link Mp3Join}) into HLS packed-audio segments (RFC 8216 section 3.4): each
 * a run of whole frames of that one stream, so no segment has an encoder delay of its own, preceded by an ID3v2.4 tag
 * whose PRIV frame {@value #TIMESTAMP_OWNER} holds the 90 kHz timestamp of its first sample.
 *
 * <p>Cuts fall about {@link #TARGET_SECONDS} apart, never more than {@link #MAX_SECONDS}, and where possible on a frame
 * whose {@code main_data_begin} is zero: such a frame borrows nothing from the bit reservoir of the frames before it,
 * so a segment that starts on one decodes on its own (measured on the fixture pages: such frames come at least every
 * 6.6 s, at pauses and section starts). Only when none falls in the window is a cut made elsewhere, and the plan then
 * says the segments are not all independent. A part's start in a joined MP3 (its first frame, reservoir-free, after
 * {@link Mp3Join}'s silent frames) is always a cut, so every section starts a segment and a playlist titles each
 * section, however short, whatever frames the encoder left reservoir-free.
 */
public final class HlsSegments {
    /** The PRIV owner Apple's HLS specification names for packed audio timestamps. */
    public static final String TIMESTAMP_OWNER = "com.apple.streaming.transportStreamTimestamp";
    /** Apple's recommended segment length. */
    public static final double TARGET_SECONDS = 6.0;
    /** The longest segment cut: rounded, it stays within a target duration of 10 s. */
    public static final double MAX_SECONDS = 9.5;
    /** The shortest segment cut at a reservoir-free frame, except the last. */
    public static final double MIN_SECONDS = 3.0;
    /** Names the cutting rules, for cache keys: 2 cuts at every joined part's start. */
    public static final int CUTTING_VERSION = 2;
    /** Bytes of the ID3 tag before every segment's frames. */
    public static final int TAG_BYTES = 10 + 10 + TIMESTAMP_OWNER.length() + 1 + 8;

    private static final String PLAN_HEADER = "earshot-hls-1";

    /**
     * One segment: {@code frames} audio frames from audio frame {@code firstFrame} (counted after the tag frame), at
     * {@code offset} in the page file, {@code length} bytes long.
     *
     * @param independent true if its first frame borrows nothing from the frames before it
     */
    public record Segment(long firstFrame, long frames, long offset, long length, boolean independent) {}

    /**
     * The segments of one MP3.
     *
     * @param sampleRate      samples per second
     * @param samplesPerFrame 576 or 1152
     */
    public record Plan(int sampleRate, int samplesPerFrame, List<Segment> segments) {
        public Plan {
            segments = List.copyOf(segments);
        }

        /** Segment {@code n}'s playing time: its frames, encoder delay and padding included (one stream). */
        public double seconds(int n) {
            return segments.get(n).frames() * (double) samplesPerFrame / sampleRate;
        }

        /** Segment {@code n}'s first sample as a 33-bit MPEG-2 timestamp (90 kHz), counted from the stream's first. */
        public long timestamp(int n) {
            return segments.get(n).firstFrame() * samplesPerFrame * 90_000L / sampleRate & ((1L << 33) - 1);
        }

        /** True if every segment decodes without the one before it. */
        public boolean independent() {
            return segments.stream().allMatch(Segment::independent);
        }

        /** The plan as text, one segment a line, as stored; {@link #parse} reads it back. */
        public String text() {
            StringBuilder out = new StringBuilder(PLAN_HEADER + " " + sampleRate + " " + samplesPerFrame + "\n");
            for (Segment s : segments) {
                out.append(String.format(Locale.ROOT, "%d %d %d %d %d%n", s.firstFrame(), s.frames(), s.offset(),
                        s.length(), s.independent() ? 1 : 0));
            }
            return out.toString();
        }

        /**
         * The plan written by {@link #text}.
         *
         * @throws InvalidMp3Exception if it is not one, or its segments do not follow on from each other
         */
        public static Plan parse(String text) throws InvalidMp3Exception {
            try {
                List<String> lines = text.lines().toList();
                String[] head = lines.get(0).split(" ");
                if (head.length != 3 || !head[0].equals(PLAN_HEADER)) throw new InvalidMp3Exception("not an HLS plan");
                List<Segment> segments = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(" ");
                    Segment s = new Segment(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                            Long.parseLong(f[3]), f[4].equals("1"));
                    Segment before = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                    if (s.frames() <= 0 || s.length() <= 0 || f.length != 5 || (before == null ? s.firstFrame() != 0
                            : s.firstFrame() != before.firstFrame() + before.frames() || s.offset() != before.offset() + before.length())) {
                        throw new InvalidMp3Exception("HLS plan line does not follow on: " + line);
                    }
                    segments.add(s);
                }
                if (segments.isEmpty()) throw new InvalidMp3Exception("HLS plan without segments");
                return new Plan(Integer.parseInt(head[1]), Integer.parseInt(head[2]), segments);
            } catch (RuntimeException e) {
                throw new InvalidMp3Exception("not an HLS plan: " + e.getMessage());
            }
        }
    }

    private HlsSegments() {
    }

    /**
     * Plans the segments of an MP3 written by {@link Mp3} or {@link Mp3Join}, reading it once from {@code mp3}; its
     * tag frame is left out (it carries no audio, and gapless trimming does not apply across segments).
     *
     * @throws InvalidMp3Exception if it is not a tag frame followed by whole Layer III frames
     */
    public static Plan plan(InputStream mp3) throws IOException {
        byte[] head = new byte[8];
        long offset = 0;
        long[] offsets = new long[1024];
        BitSet reservoirFree = new BitSet();
        BitSet partStarts = new BitSet();
        boolean afterSilence = false;
        byte[] body = new byte[256];
        int frames = -1; // the tag frame is frame -1
        int sampleRate = 0;
        int samplesPerFrame = 0;
        while (true) {
            int got = mp3.readNBytes(head, 0, 4);
            if (got == 0) break;
            int header = got == 4 ? Mp3.s32(head, 0) : 0;
            int length = Mp3.frameLength(header);
            boolean mpeg1 = ((header >>> 19) & 3) == 3;
            // main_data_begin, the first 9 (MPEG-1) or 8 (MPEG-2) bits of the side information, after any CRC
            int side = ((header >>> 16) & 1) == 0 ? 6 : 4;
            if (length < side + 2 || mp3.readNBytes(head, 4, side - 2) != side - 2) {
                throw new InvalidMp3Exception("no whole Layer III frame at byte " + offset);
            }
            if (frames >= 0) {
                if (frames + 1 >= offsets.length) offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
                offsets[frames] = offset;
                int begin = mpeg1 ? (head[side] & 0xFF) << 1 | (head[side + 1] & 0x80) >>> 7 : head[side] & 0xFF;
                if (begin == 0) reservoirFree.set(frames);
                if (((header >>> 12) & 0xF) == 1 && length - side - 2 <= body.length) {
                    // Lowest bitrate: maybe one of Mp3Join's silent frames (every bit after the header zero).
                    int rest = length - side - 2;
                    if (mp3.readNBytes(body, 0, rest) != rest) throw new InvalidMp3Exception("a frame is cut short at byte " + offset);
                    boolean silent = head[side] == 0 && head[side + 1] == 0;
                    for (int i = 0; i < rest && silent; i++) silent = body[i] == 0;
                    if (!silent && afterSilence && begin == 0) partStarts.set(frames);
                    afterSilence = silent;
                    offset += length;
                    frames++;
                    continue;
                }
                if (afterSilence && begin == 0) partStarts.set(frames);
                afterSilence = false;
            } else {
                boolean mpeg2 = ((header >>> 19) & 3) == 2;
                sampleRate = new int[] {44100, 48000, 32000}[(header >>> 10) & 3] / (mpeg1 ? 1 : mpeg2 ? 2 : 4);
                samplesPerFrame = mpeg1 ? 1152 : 576;
            }
            if (skip(mp3, length - side - 2)) throw new InvalidMp3Exception("a frame is cut short at byte " + offset);
            offset += length;
            frames++;
        }
        if (frames <= 0) throw new InvalidMp3Exception("no audio frames after the tag frame");
        offsets[frames] = offset;
        return new Plan(sampleRate, samplesPerFrame, cut(offsets, frames, reservoirFree, partStarts, sampleRate / (double) samplesPerFrame));
    }

    /**
     * Cuts {@code frames} frames into segments: at every part start, and between them at the reservoir-free frames
     * nearest the target where there are any (not one leaving less than the minimum before the next part start).
     */
    private static List<Segment> cut(long[] offsets, int frames, BitSet reservoirFree, BitSet partStarts, double framesPerSecond) {
        int target = (int) Math.round(TARGET_SECONDS * framesPerSecond);
        int max = (int) Math.floor(MAX_SECONDS * framesPerSecond);
        int min = (int) Math.ceil(MIN_SECONDS * framesPerSecond);
        List<Segment> out = new ArrayList<>();
        int start = 0;
        while (start < frames) {
            int end;
            int part = partStarts.nextSetBit(start + 1);
            int limit = part < 0 ? frames : Math.min(part, frames);
            if (limit - start <= max) {
                end = limit;
            } else {
                end = -1;
                for (int c = start + min; c <= start + max; c++) {
                    if (reservoirFree.get(c) && (part < 0 || limit - c >= min)
                            && (end < 0 || Math.abs(c - start - target) < Math.abs(end - start - target))) end = c;
                }
                if (end < 0) end = start + target;
            }
            out.add(new Segment(start, end - start, offsets[start], offsets[end] - offsets[start],
                    start == 0 || reservoirFree.get(start)));
            start = end;
        }
        return out;
    }

    /** Skips {@code n} bytes; true if the stream ended first. */
    private static boolean skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) return true;
                skipped = 1;
            }
            left -= skipped;
        }
        return false;
    }

    /**
     * The ID3v2.4 tag that starts a segment whose first sample has 90 kHz timestamp {@code timestamp}: one PRIV frame,
     * owner {@value #TIMESTAMP_OWNER}, data the 33-bit timestamp as eight big-endian bytes (upper 31 bits zero).
     */
    public static byte[] tag(long timestamp) {
        byte[] owner = TIMESTAMP_OWNER.getBytes(StandardCharsets.ISO_8859_1);
        int frameData = owner.length + 1 + 8;
        byte[] tag = new byte[TAG_BYTES];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 4;
        synchsafe(tag, 6, 10 + frameData);
        tag[10] = 'P';
        tag[11] = 'R';
        tag[12] = 'I';
        tag[13] = 'V';
        synchsafe(tag, 14, frameData);
        System.arraycopy(owner, 0, tag, 20, owner.length);
        long ts = timestamp & ((1L << 33) - 1);
        for (int i = 0; i < 8; i++) tag[20 + owner.length + 1 + i] = (byte) (ts >>> (56 - 8 * i));
        return tag;
    }

    /**
     * The timestamp in a segment's leading tag, as {@link #tag} writes it.
     *
     * @throws InvalidMp3Exception if {@code segment} does not start with that tag
     */
    public static long timestamp(byte[] segment) throws InvalidMp3Exception {
        if (segment.length < TAG_BYTES) throw new InvalidMp3Exception("too short for the timestamp tag");
        byte[] expected = tag(0);
        for (int i = 0; i < TAG_BYTES - 8; i++) {
            if (segment[i] != expected[i]) throw new InvalidMp3Exception("no ID3 PRIV " + TIMESTAMP_OWNER + " tag at the start");
        }
        long ts = 0;
        for (int i = TAG_BYTES - 8; i < TAG_BYTES; i++) ts = ts << 8 | (segment[i] & 0xFF);
        if (ts >>> 33 != 0) throw new InvalidMp3Exception("timestamp wider than 33 bits");
        return ts;
    }

    /**
     * Checks a stored segment: the timestamp tag, then whole Layer III frames to the last byte.
     *
     * @throws InvalidMp3Exception if it is not one
     */
    public static void inspect(Path segment) throws IOException {
        byte[] all = Files.readAllBytes(segment);
        timestamp(all);
        int at = TAG_BYTES;
        while (at < all.length) {
            if (all.length - at < 4) throw new InvalidMp3Exception("a frame is cut short at byte " + at);
            int length = Mp3.frameLength(Mp3.s32(all, at));
            if (length < 4) throw new InvalidMp3Exception("no Layer III frame at byte " + at);
            at += length;
        }
        if (at != all.length) throw new InvalidMp3Exception("the last frame is cut short");
        if (all.length == TAG_BYTES) throw new InvalidMp3Exception("a segment without audio");
    }

    private static void synchsafe(byte[] b, int at, int value) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (value >>> (7 * (3 - i)) & 0x7F);
    }
}
