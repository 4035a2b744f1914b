package app.earshot.audio;

import app.earshot.sound.Pcm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Encodes mono 16-bit PCM to MP3 in-process with LAME, and reads back what an MP3 written here holds. LAME is native
 * libmp3lame ({@code libmp3lame.so.0}, Debian's {@code libmp3lame0}) through JNA when it loads, else jump3r, its
 * pure-Java port (several times the CPU); the one chosen is named in {@link #FORMAT_ID}, so a cache never joins frames
 * of two encoders into one page MP3. Every file starts with a LAME tag frame giving the frame count, the byte count and
 * the exact encoder delay and padding, so players show the same duration as the WAV and a truncated file is
 * detected from its length alone.
 *
 * <p>Settings: the clip's own rate (16 kHz for the voice, so MPEG-2 Layer III, 576 samples a frame), mono, average
 * 40 kbit/s (6.4x smaller than the 16 kHz WAV), low-pass at 8 kHz, the whole band a 16 kHz voice has. Resampling to
 * 44.1 kHz first (Apple's published minimum for uploaded MP3s) cost 2.75x the samples and a fifth of all warming CPU
 * for no sound; ffmpeg, Chromium and podcast clients play 16 kHz MPEG-2 Layer III (docs/listening.md says why).
 * Constant bitrate is not used: LAME drops its tag when a frame is too small to hold it, and players would then add
 * the encoder delay and padding to the duration. ABR writes the tag in a larger frame, always.
 */
public final class Mp3 {

    /** Average bitrate in kbit/s. */
    public static final int AVERAGE_KBPS = 40;

    /** The encoder's low-pass: everything a 16 kHz clip holds (its Nyquist frequency) is kept. */
    public static final int LOW_PASS_HZ = 8000;

    /**
     * LAME's algorithm quality (0 best, 9 fastest). 7 keeps the psychoacoustic model but drops noise shaping: half the
     * CPU of 5, and on the bundled page's narration the same bandwidth and a signal-to-noise ratio as good or better in
     * every band from 0 to 8 kHz (BENCHMARKS.md, "MP3 encoders").
     */
    static final int QUALITY = 7;

    /** Samples given to the encoder at a time. */
    static final int CHUNK = 16 * 1152;

    /** Bytes of an output buffer for one call with up to {@link #CHUNK} samples, a flush or a tag frame (LAME's rule). */
    static final int BUFFER = CHUNK * 5 / 4 + 7200;

    /**
     * The encoder of this process: libmp3lame from the file the system property {@value Mp3Engine#LIBRARY_PROPERTY}
     * names (default {@value Mp3Engine#DEFAULT_LIBRARY}), else jump3r.
     */
    private static final Mp3Engine.Maker ENGINE = Mp3Engine.choose(
            System.getProperty(Mp3Engine.LIBRARY_PROPERTY, Mp3Engine.DEFAULT_LIBRARY));

    /** Names the encoder, its version and its settings, for cache keys: change it whenever the bytes would change. */
    public static final String FORMAT_ID = formatId(ENGINE);
    private static final int[] RATES_MPEG1 = {44100, 48000, 32000};

    private Mp3() {
    }

    /**
     * An MP3 file of {@code pcm}: mono, at the clip's own rate (MPEG-2 Layer III at 16 kHz), average
     * {@value #AVERAGE_KBPS} kbit/s, starting with a LAME tag frame whose delay and padding make its length the clip's. Thread-safe: each call has its own encoder.
     *
     * @throws IllegalArgumentException if LAME refuses the sample rate
     */
    public static byte[] encode(Pcm pcm) {
        return encode(pcm, ENGINE);
    }

    /** {@link #FORMAT_ID} for MP3s made by {@code engine}. */
    static String formatId(Mp3Engine.Maker engine) {
        return "mp3:" + engine.id() + ":clip-rate:abr" + AVERAGE_KBPS + ":lp" + LOW_PASS_HZ + ":q" + QUALITY + ":joinable-1";
    }

    /** {@link #encode(Pcm)} by {@code engine}. */
    static byte[] encode(Pcm pcm, Mp3Engine.Maker engine) {
        return encode(pcm, engine, QUALITY);
    }

    /** {@link #encode(Pcm)} by {@code engine} at LAME's algorithm {@code quality}, for measurements. */
    static byte[] encode(Pcm pcm, Mp3Engine.Maker engine, int quality) {
        Mp3Engine encoder = engine.start(pcm.sampleRate(), quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length() / 5 + 4096);
        byte[] buffer = new byte[BUFFER];
        short[] samples = new short[CHUNK];
        for (int at = 0; at < pcm.length(); at += CHUNK) {
            int n = Math.min(CHUNK, pcm.length() - at);
            for (int i = 0; i < n; i++) samples[i] = pcm.sample(at + i);
            out.write(buffer, 0, encoder.encode(samples, n, buffer));
        }
        out.write(buffer, 0, encoder.flush(buffer));
        byte[] mp3 = out.toByteArray();
        // LAME reserved the first frame for its tag; now that the totals are known, fill it in.
        int tag = encoder.tagFrame(buffer);
        if (tag <= 0 || tag > mp3.length) throw new IllegalStateException("LAME wrote no tag frame (" + tag + ")");
        System.arraycopy(buffer, 0, mp3, 0, tag);
        return mp3;
    }

    /**
     * One MP3 encoded from 16-bit little-endian mono samples written in pieces (the sample bytes of WAV files, in
     * order), so a long recording is never one array: memory stays at one chunk of samples and LAME's own state. The
     * frames go to {@code out} as they are made; {@link #finish} then writes the LAME tag frame over the first frame,
     * which is why the output must be a file. Fed the same samples, the bytes are exactly {@link #encode}'s.
     */
    public static final class Session extends java.io.OutputStream {
        private final Mp3Engine encoder;
        private final FileChannel out;
        private final short[] samples = new short[CHUNK];
        private final byte[] buffer = new byte[BUFFER];
        private int filled;
        private int carry = -1;
        private long written;

        /** A session for samples at {@code sampleRate}, writing frames to {@code out} from its current position 0. */
        public Session(int sampleRate, FileChannel out) {
            this(ENGINE, sampleRate, out);
        }

        Session(Mp3Engine.Maker engine, int sampleRate, FileChannel out) {
            this.encoder = engine.start(sampleRate, QUALITY);
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        /** Takes sample bytes (16-bit little-endian); a sample split between two calls is joined. */
        @Override
        public void write(byte[] pcm, int off, int len) throws IOException {
            int at = off;
            int end = off + len;
            if (carry >= 0 && at < end) {
                add((short) (carry | pcm[at++] << 8));
                carry = -1;
            }
            // Whole samples a chunk's room at a time, converted in bulk (a copy on little-endian machines).
            while (end - at >= 2) {
                int count = Math.min((end - at) / 2, CHUNK - filled);
                ByteBuffer.wrap(pcm, at, 2 * count).slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples, filled, count);
                filled += count;
                at += 2 * count;
                if (filled == CHUNK) drain();
            }
            if (at < end) carry = pcm[at] & 0xFF;
        }

        /**
         * Takes {@code count} samples of {@code pcm} from {@code from}: the same as writing their bytes, without making
         * them (samples in hand).
         */
        public void write(short[] pcm, int from, int count) throws IOException {
            if (carry >= 0) throw new IOException("samples after an odd number of sample bytes");
            for (int at = from, end = from + count; at < end; ) {
                int n = Math.min(end - at, CHUNK - filled);
                System.arraycopy(pcm, at, samples, filled, n);
                filled += n;
                at += n;
                if (filled == CHUNK) drain();
            }
        }

        /** Adds {@code count} samples of silence. */
        public void silence(long count) throws IOException {
            if (carry >= 0) throw new IOException("silence after an odd number of sample bytes");
            for (long left = count; left > 0; ) {
                int n = (int) Math.min(left, CHUNK - filled);
                java.util.Arrays.fill(samples, filled, filled + n, (short) 0);
                filled += n;
                left -= n;
                if (filled == CHUNK) drain();
            }
        }

        private void add(short sample) throws IOException {
            samples[filled++] = sample;
            if (filled == CHUNK) drain();
        }

        private void drain() throws IOException {
            if (filled > 0) emit(encoder.encode(samples, filled, buffer));
            filled = 0;
        }

        private void emit(int length) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
            while (bytes.hasRemaining()) written += out.write(bytes);
        }

        /**
         * Encodes what is left, then writes the tag frame at the start of the file.
         *
         * @return the MP3's length in bytes
         */
        public long finish() throws IOException {
            if (carry >= 0) throw new IOException("an odd number of sample bytes");
            drain();
            emit(encoder.flush(buffer));
            int tag = encoder.tagFrame(buffer);
            if (tag <= 0 || tag > written) throw new IllegalStateException("LAME wrote no tag frame (" + tag + ")");
            ByteBuffer frame = ByteBuffer.wrap(buffer, 0, tag);
            for (long at = 0; frame.hasRemaining(); ) at += out.write(frame, at);
            return written;
        }
    }

    /**
     * The facts of an MP3 file held in memory.
     *
     * @throws InvalidMp3Exception if it does not start with a Layer III frame carrying a LAME tag, or its
     *                             length differs from the tag's byte count (a truncated file)
     */
    public static Mp3Info inspect(byte[] mp3) throws InvalidMp3Exception {
        byte[] head = java.util.Arrays.copyOf(mp3, Math.min(mp3.length, 512));
        return parse(head, mp3.length);
    }

    /** The facts of an MP3 file on disk, reading only its first frame. */
    public static Mp3Info inspect(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 512));
            while (head.hasRemaining()) {
                if (channel.read(head, head.position()) < 0) throw new InvalidMp3Exception("file shrank while being read");
            }
            return parse(head.array(), size);
        }
    }

    private static Mp3Info parse(byte[] b, long size) throws InvalidMp3Exception {
        if (b.length < 4) throw new InvalidMp3Exception("too short for a frame header: " + size + " bytes");
        int header = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        if ((header >>> 21) != 0x7FF) throw new InvalidMp3Exception("no frame sync at the start");
        int versionBits = (header >>> 19) & 3;
        int layerBits = (header >>> 17) & 3;
        boolean crc = ((header >>> 16) & 1) == 0;
        int rateIndex = (header >>> 10) & 3;
        int mode = (header >>> 6) & 3;
        if (versionBits == 1) throw new InvalidMp3Exception("reserved MPEG version");
        if (layerBits != 1) throw new InvalidMp3Exception("not Layer III");
        if (rateIndex == 3) throw new InvalidMp3Exception("reserved sample rate");
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int rate = RATES_MPEG1[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        int channels = mode == 3 ? 1 : 2;
        int sideInfo = version == 1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17);
        int at = 4 + (crc ? 2 : 0) + sideInfo;
        if (b.length < at + 120 + 24) throw new InvalidMp3Exception("too short for a LAME tag: " + size + " bytes");
        String id = new String(b, at, 4, StandardCharsets.ISO_8859_1);
        if (!id.equals("Info") && !id.equals("Xing")) throw new InvalidMp3Exception("no Xing/Info tag in the first frame");
        int flags = s32(b, at + 4);
        if ((flags & 3) != 3) throw new InvalidMp3Exception("tag lacks frame and byte counts");
        long frames = s32(b, at + 8) & 0xFFFFFFFFL;
        long bytes = s32(b, at + 12) & 0xFFFFFFFFL;
        if (bytes != size) throw new InvalidMp3Exception("tag says " + bytes + " bytes but the file has " + size);
        int lame = at + 120;
        int delayPadding = (b[lame + 21] & 0xFF) << 16 | (b[lame + 22] & 0xFF) << 8 | (b[lame + 23] & 0xFF);
        int perFrame = version == 1 ? 1152 : 576;
        return new Mp3Info(version, rate, channels, frames, perFrame, delayPadding >>> 12, delayPadding & 0xFFF, size);
    }

    static int s32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    /** Where the LAME extension starts, from the start of the Xing/Info tag. */
    static final int LAME_TAG = 120;

    /**
     * Samples of silence to add to the end of a clip of {@code samples} so that the clip and a following pause of
     * {@code pauseSamples} fill whole frames: then clips encoded on their own join, frame for frame, into one gapless
     * MP3 with exactly that pause between them ({@link Mp3Join}). At most one frame less a sample (36 ms at 16 kHz).
     */
    public static long joinPadding(long samples, long pauseSamples, int sampleRate) {
        int perFrame = samplesPerFrame(sampleRate);
        return Math.floorMod(-(samples + pauseSamples), perFrame);
    }

    /** Samples in one Layer III frame at {@code sampleRate}: 1152 for MPEG-1 (32 kHz and up), else 576. */
    public static int samplesPerFrame(int sampleRate) {
        return sampleRate >= 32000 ? 1152 : 576;
    }

    private static final int[] KBPS_MPEG1 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] KBPS_MPEG2 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};

    /** Bytes of the Layer III frame with this header, or -1 if it is not one (no sync, reserved or free format). */
    static int frameLength(int header) {
        if ((header >>> 21) != 0x7FF || ((header >>> 17) & 3) != 1) return -1;
        int versionBits = (header >>> 19) & 3;
        int bitrate = (header >>> 12) & 0xF;
        int rateIndex = (header >>> 10) & 3;
        if (versionBits == 1 || bitrate == 0 || bitrate == 15 || rateIndex == 3) return -1;
        boolean mpeg1 = versionBits == 3;
        int rate = RATES_MPEG1[rateIndex] / (mpeg1 ? 1 : versionBits == 2 ? 2 : 4);
        int kbps = (mpeg1 ? KBPS_MPEG1 : KBPS_MPEG2)[bitrate];
        return (mpeg1 ? 144 : 72) * kbps * 1000 / rate + ((header >>> 9) & 1);
    }

    /** Where the Xing/Info tag starts in a frame that begins with {@code frame}'s header. */
    static int tagOffset(byte[] frame) {
        int header = s32(frame, 0);
        boolean mpeg1 = ((header >>> 19) & 3) == 3;
        boolean mono = ((header >>> 6) & 3) == 3;
        boolean crc = ((header >>> 16) & 1) == 0;
        return 4 + (crc ? 2 : 0) + (mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
    }

    static void setDelayAndPadding(byte[] frame, int lame, int delay, int padding) {
        int v = delay << 12 | padding;
        frame[lame + 21] = (byte) (v >>> 16);
        frame[lame + 22] = (byte) (v >>> 8);
        frame[lame + 23] = (byte) v;
    }

    /** Writes the LAME tag's own CRC-16 (over every byte of the frame before it), as LAME does. */
    static void sealTag(byte[] frame) {
        int at = tagOffset(frame) + LAME_TAG + 34;
        int crc = crc16(0, frame, 0, at);
        frame[at] = (byte) (crc >>> 8);
        frame[at + 1] = (byte) crc;
    }

    /**
     * LAME's CRC-16 (polynomial 0x8005, reflected) of {@code length} bytes, continuing from {@code crc}. A byte at a
     * time from a table: the page MP3's join runs it twice over every audio byte, and eight shifts a byte cost 8% of a
     * warm's CPU under the launcher's C1 compiler (BENCHMARKS.md, "Warm: where the CPU goes").
     */
    static int crc16(int crc, byte[] b, int offset, int length) {
        int[] table = CRC16_TABLE;
        for (int i = offset; i < offset + length; i++) crc = (crc >>> 8) ^ table[(crc ^ b[i]) & 0xFF];
        return crc;
    }

    /** The CRC-16 of each byte value from a zero register: eight steps of the bitwise definition, done once. */
    private static final int[] CRC16_TABLE = crc16Table();

    private static int[] crc16Table() {
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            int crc = v;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            table[v] = crc;
        }
        return table;
    }

    static void putInt(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
