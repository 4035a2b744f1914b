package app.earshot.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Joins MP3s written by {@link Mp3} (each made with its {@link Mp3#joinPadding}) into one gapless MP3, with a pause
 * between them, without decoding or encoding: the result is one new tag frame, then each part's own audio frames with
 * silent frames between them, so each piece of audio is encoded once.
 *
 * <p>Why the joins are exact: a part decodes to its encoder delay, its samples, then its padding (the tag says how
 * many of each). Each part's samples plus its hidden tail and the pause fill whole frames, so its padding, a whole
 * number of silent frames and the next part's delay add up to exactly the pause: the decoded page has every part's
 * samples where the page WAV has them. Each part's first audio frame borrows nothing from earlier frames (LAME starts
 * with an empty bit reservoir) and the silent frames carry no data, so frames from separate encodings do not mix. The
 * new tag frame gives the first part's delay, the last part's padding, the frame and byte counts, a seek table and
 * both CRCs, as LAME's own would.
 */
public final class Mp3Join {

    /** One MP3 to join: its facts, and its bytes on demand. */
    public interface Part {
        /** The part's facts (from {@link Mp3#inspect}). */
        Mp3Info info();

        /** Writes every byte of the part, tag frame included, to {@code out}; may be called twice. */
        void copyTo(OutputStream out) throws IOException;
    }

    private Mp3Join() {
    }

    /**
     * Writes {@code parts} to {@code out} as one MP3, with {@code pauseSamples} of silence between consecutive parts.
     * The parts are read twice: once for the counts, the seek table and the CRC that the tag at the start needs, once
     * to copy. Memory: a frame's header and the tag frame, whatever the length.
     *
     * @throws IllegalArgumentException if the parts differ in rate, channels or version, or were not encoded to be
     *                                  joined with this pause
     * @throws IOException              if writing fails, or a part's bytes differ between the two readings
     */
    public static long join(List<? extends Part> parts, long pauseSamples, OutputStream out) throws IOException {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to join");
        Mp3Info first = parts.get(0).info();
        long[] silentFrames = new long[parts.size()];
        long frames = 0;
        for (int k = 0; k < parts.size(); k++) {
            Mp3Info info = parts.get(k).info();
            if (info.sampleRate() != first.sampleRate() || info.channels() != first.channels()
                    || info.mpegVersion() != first.mpegVersion()) {
                throw new IllegalArgumentException("parts differ: " + first + " and " + info);
            }
            frames += info.frames();
            if (k + 1 < parts.size()) {
                long gap = pauseSamples - info.encoderPadding() - parts.get(k + 1).info().encoderDelay();
                if (gap < 0 || gap % info.samplesPerFrame() != 0) {
                    throw new IllegalArgumentException("part " + k + " was not encoded to be joined with a pause of " + pauseSamples + " samples");
                }
                silentFrames[k] = gap / info.samplesPerFrame();
                frames += silentFrames[k];
            }
        }
        Scan counted = scan(parts, silentFrames, frames, OutputStream.nullOutputStream());
        byte[] tag = counted.tagFrame(first.encoderDelay(), parts.get(parts.size() - 1).info().encoderPadding());
        out.write(tag);
        Scan copied = scan(parts, silentFrames, frames, out);
        if (copied.crc != counted.crc || copied.audioBytes != counted.audioBytes) throw new IOException("a part changed while it was joined");
        return counted.bytes;
    }

    private static Scan scan(List<? extends Part> parts, long[] silentFrames, long frames, OutputStream sink) throws IOException {
        Scan scan = new Scan(frames, sink);
        for (int k = 0; k < parts.size(); k++) {
            scan.startPart();
            parts.get(k).copyTo(scan);
            if (scan.framesInPart != parts.get(k).info().frames() || scan.state != Scan.HEADER || scan.have != 0) {
                throw new IOException("part " + k + " has " + scan.framesInPart + " audio frames; its tag says " + parts.get(k).info().frames());
            }
            for (long i = 0; i < silentFrames[k]; i++) scan.write(scan.silentFrame());
        }
        if (scan.audioFrames != frames) throw new IOException("joined " + scan.audioFrames + " frames, expected " + frames);
        return scan;
    }

    /** Follows the frames of the parts as their bytes pass: skips each part's tag frame, counts, hashes, forwards. */
    private static final class Scan extends OutputStream {
        static final int HEADER = 0, BODY = 1, SKIP = 2;
        final OutputStream sink;
        final long totalFrames;
        final long[] seekFrame = new long[100];
        final long[] seekOffset = new long[100];
        final byte[] head = new byte[4];
        byte[] template;
        byte[] silent;
        int state;
        int have;
        long left;
        boolean inTag;
        long framesInPart;
        long audioFrames;
        long audioBytes;
        int crc;
        long bytes;

        Scan(long totalFrames, OutputStream sink) {
            this.totalFrames = totalFrames;
            this.sink = sink;
            for (int i = 0; i < 100; i++) seekFrame[i] = i * totalFrames / 100;
        }

        void startPart() {
            state = HEADER;
            have = 0;
            inTag = true;
            framesInPart = 0;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int at = off;
            int end = off + len;
            while (at < end) {
                if (state == HEADER) {
                    head[have++] = b[at++];
                    if (have < 4) continue;
                    have = 0;
                    int length = Mp3.frameLength(Mp3.s32(head, 0));
                    if (length < 4) throw new IOException("no Layer III frame where one should start");
                    left = length - 4;
                    if (inTag) {
                        if (template == null) {
                            template = Arrays.copyOf(head, length);
                        }
                        state = SKIP;
                        continue;
                    }
                    while (nextSeek < 100 && seekFrame[nextSeek] == audioFrames) seekOffset[nextSeek++] = audioBytes;
                    audioFrames++;
                    framesInPart++;
                    pass(head, 0, 4);
                    state = BODY;
                } else {
                    int n = (int) Math.min(left, end - at);
                    if (state == BODY) {
                        pass(b, at, n);
                    } else if (template != null && audioFrames == 0 && bytesOfTemplate < template.length) {
                        System.arraycopy(b, at, template, bytesOfTemplate, Math.min(n, template.length - bytesOfTemplate));
                        bytesOfTemplate += Math.min(n, template.length - bytesOfTemplate);
                    }
                    at += n;
                    left -= n;
                    if (left == 0) {
                        if (state == SKIP) inTag = false;
                        state = HEADER;
                    }
                }
            }
        }

        private int bytesOfTemplate = 4;
        private int nextSeek;

        private void pass(byte[] b, int off, int len) throws IOException {
            crc = Mp3.crc16(crc, b, off, len);
            audioBytes += len;
            sink.write(b, off, len);
        }

        /** A frame of silence in the parts' format: lowest bitrate, no CRC, every side-info bit zero (no data). */
        byte[] silentFrame() {
            if (silent == null) {
                int header = Mp3.s32(template, 0);
                int plain = (header & 0xFFFE0C00) | 1 << 16 | 1 << 12 | 3 << 6; // no CRC, bitrate index 1, no padding, mono
                silent = new byte[Mp3.frameLength(plain)];
                Mp3.putInt(silent, 0, plain);
            }
            return silent;
        }

        /** The first part's tag frame, rewritten for the joined stream. */
        byte[] tagFrame(int delay, int padding) {
            byte[] frame = template.clone();
            int xing = Mp3.tagOffset(frame);
            int flags = Mp3.s32(frame, xing + 4);
            if ((flags & 7) != 7) throw new IllegalArgumentException("the first part's tag lacks counts or a seek table");
            bytes = frame.length + audioBytes;
            Mp3.putInt(frame, xing + 8, audioFrames);
            Mp3.putInt(frame, xing + 12, bytes);
            for (int i = 0; i < 100; i++) frame[xing + 16 + i] = (byte) Math.min(255, (frame.length + seekOffset[i]) * 256 / bytes);
            int lame = xing + Mp3.LAME_TAG;
            Mp3.setDelayAndPadding(frame, lame, delay, padding);
            Mp3.putInt(frame, lame + 28, bytes);
            frame[lame + 32] = (byte) (crc >>> 8);
            frame[lame + 33] = (byte) crc;
            Mp3.sealTag(frame);
            return frame;
        }
    }
}
