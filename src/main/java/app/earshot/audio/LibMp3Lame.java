package app.earshot.audio;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;

/**
 * MP3 encodings by native LAME ({@code libmp3lame.so.0}, Debian's {@code libmp3lame0}) through JNA, with the settings
 * {@link Mp3} names. Each encoding has its own {@code lame_global_flags}, and LAME keeps no other state, so encodings
 * on many threads at once are independent. The library is loaded once per name.
 */
final class LibMp3Lame implements Mp3Engine.Maker {

    // MPEG_mode and vbr_mode from lame.h (3.100).
    private static final int MODE_MONO = 3;
    private static final int VBR_ABR = 3;

    /** The C functions Earshot calls, from lame.h. */
    interface Lame extends Library {
        Pointer lame_init();

        int lame_set_num_channels(Pointer flags, int channels);

        int lame_set_in_samplerate(Pointer flags, int rate);

        int lame_set_out_samplerate(Pointer flags, int rate);

        int lame_set_lowpassfreq(Pointer flags, int hz);

        int lame_set_mode(Pointer flags, int mode);

        int lame_set_VBR(Pointer flags, int mode);

        int lame_set_VBR_mean_bitrate_kbps(Pointer flags, int kbps);

        int lame_set_quality(Pointer flags, int quality);

        int lame_set_bWriteVbrTag(Pointer flags, int write);

        void lame_set_write_id3tag_automatic(Pointer flags, int automatic);

        int lame_set_findReplayGain(Pointer flags, int find);

        int lame_init_params(Pointer flags);

        int lame_encode_buffer(Pointer flags, short[] left, short[] right, int samples, byte[] mp3, int size);

        int lame_encode_flush(Pointer flags, byte[] mp3, int size);

        NativeLong lame_get_lametag_frame(Pointer flags, byte[] buffer, NativeLong size);

        int lame_close(Pointer flags);

        String get_lame_version();
    }

    private static final Object LOCK = new Object();
    private static LibMp3Lame loaded;

    private final String name;
    private final Lame lame;
    private final String version;

    private LibMp3Lame(String name, Lame lame) {
        this.name = name;
        this.lame = lame;
        this.version = lame.get_lame_version();
    }

    /**
     * libmp3lame from {@code library}, loaded once per name and checked by starting (and closing) one encoding.
     *
     * @throws UnsatisfiedLinkError  if the library or one of its functions is not there
     * @throws IllegalStateException if it refuses the settings
     */
    static LibMp3Lame open(String library) {
        synchronized (LOCK) {
            if (loaded == null || !loaded.name.equals(library)) {
                LibMp3Lame candidate = new LibMp3Lame(library, Native.load(library, Lame.class));
                byte[] out = new byte[Mp3.BUFFER];
                try {
                    candidate.start(16_000, Mp3.QUALITY).tagFrame(out);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(library + " refused 16 kHz mono ABR: " + e.getMessage(), e);
                }
                loaded = candidate;
            }
            return loaded;
        }
    }

    @Override
    public String id() {
        return "libmp3lame-" + version;
    }

    @Override
    public Mp3Engine start(int sampleRate, int quality) {
        Pointer flags = lame.lame_init();
        if (flags == null) throw new IllegalStateException("lame_init failed (out of memory)");
        lame.lame_set_num_channels(flags, 1);
        lame.lame_set_in_samplerate(flags, sampleRate);
        lame.lame_set_out_samplerate(flags, sampleRate);
        lame.lame_set_lowpassfreq(flags, Mp3.LOW_PASS_HZ);
        lame.lame_set_mode(flags, MODE_MONO);
        lame.lame_set_VBR(flags, VBR_ABR);
        lame.lame_set_VBR_mean_bitrate_kbps(flags, Mp3.AVERAGE_KBPS);
        lame.lame_set_quality(flags, quality);
        lame.lame_set_bWriteVbrTag(flags, 1);
        lame.lame_set_write_id3tag_automatic(flags, 0);
        lame.lame_set_findReplayGain(flags, 0);
        int result = lame.lame_init_params(flags);
        if (result < 0) {
            lame.lame_close(flags);
            throw new IllegalArgumentException("LAME cannot encode " + sampleRate + " Hz mono (" + result + ")");
        }
        return new Encoding(lame, flags);
    }

    // Frees the flags of an encoding dropped before its end (a damaged clip, a failed write).
    private static final Cleaner CLEANER = Cleaner.create();

    /** One native encoding; its flags are freed by {@link #tagFrame}, or when it is dropped unfinished. */
    private static final class Encoding implements Mp3Engine {
        private final Lame lame;
        private final Flags state;
        private final Cleaner.Cleanable cleanable;

        Encoding(Lame lame, Pointer flags) {
            this.lame = lame;
            this.state = new Flags(lame, flags);
            this.cleanable = CLEANER.register(this, state);
        }

        @Override
        public int encode(short[] samples, int n, byte[] out) {
            // Mono: LAME reads the left channel only; the right may be null.
            int written = lame.lame_encode_buffer(open(), samples, null, n, out, out.length);
            if (written < 0) throw new IllegalStateException("LAME encoding failed (" + written + ")");
            return written;
        }

        @Override
        public int flush(byte[] out) {
            int written = lame.lame_encode_flush(open(), out, out.length);
            if (written < 0) throw new IllegalStateException("LAME flush failed (" + written + ")");
            return written;
        }

        @Override
        public int tagFrame(byte[] out) {
            try {
                long written = lame.lame_get_lametag_frame(open(), out, new NativeLong(out.length)).longValue();
                return written > out.length ? -1 : (int) written;
            } finally {
                cleanable.clean();
            }
        }

        private Pointer open() {
            Pointer flags = state.flags;
            if (flags == null) throw new IllegalStateException("this encoding is finished");
            return flags;
        }
    }

    /** The native flags of one encoding, closed once. */
    private static final class Flags implements Runnable {
        private final Lame lame;
        private volatile Pointer flags;

        Flags(Lame lame, Pointer flags) {
            this.lame = lame;
            this.flags = flags;
        }

        @Override
        public synchronized void run() {
            if (flags != null) lame.lame_close(flags);
            flags = null;
        }
    }
}
