package app.earshot.audio;

import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.MPEGMode;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.VbrMode;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;

/** One jump3r (pure-Java LAME) encoding, wired the way jump3r's own front end wires it, but keeping the tag writer at hand. */
final class Mp3Jump3r implements Mp3Engine {

    /** Starts jump3r encodings; the fallback when libmp3lame does not load. */
    static final Maker MAKER = new Maker() {
        @Override
        public String id() {
            return "jump3r-1.0.5";
        }

        @Override
        public Mp3Engine start(int sampleRate, int quality) {
            return new Mp3Jump3r(sampleRate, quality);
        }
    };

    private final Lame lame = new Lame();
    private final VBRTag tag = new VBRTag();
    private final LameGlobalFlags flags;
    private final int[] left = new int[Mp3.CHUNK];
    private final int[] silentRight = new int[Mp3.CHUNK];

    private Mp3Jump3r(int sampleRate, int quality) {
        GainAnalysis gain = new GainAnalysis();
        BitStream bits = new BitStream();
        Presets presets = new Presets();
        QuantizePVT quantizePvt = new QuantizePVT();
        Quantize quantize = new Quantize();
        Version version = new Version();
        ID3Tag id3 = new ID3Tag();
        Reservoir reservoir = new Reservoir();
        Takehiro takehiro = new Takehiro();
        MPGLib mpg = new MPGLib();
        lame.setModules(gain, bits, presets, quantizePvt, quantize, tag, version, id3, mpg);
        bits.setModules(gain, mpg, version, tag);
        id3.setModules(bits, version);
        presets.setModules(lame);
        quantize.setModules(bits, reservoir, quantizePvt, takehiro);
        quantizePvt.setModules(takehiro, reservoir, lame.enc.psy);
        reservoir.setModules(bits);
        takehiro.setModules(quantizePvt);
        tag.setModules(lame, bits, version);
        mpg.setModules(new Interface(), new Common());

        flags = lame.lame_init();
        flags.num_channels = 1;
        flags.in_samplerate = sampleRate;
        flags.out_samplerate = sampleRate;
        flags.lowpassfreq = Mp3.LOW_PASS_HZ;
        flags.mode = MPEGMode.MONO;
        flags.VBR = VbrMode.vbr_abr;
        flags.VBR_mean_bitrate_kbps = Mp3.AVERAGE_KBPS;
        flags.quality = quality;
        flags.bWriteVbrTag = true;
        flags.write_id3tag_automatic = false;
        flags.findReplayGain = false;
        id3.id3tag_init(flags);
        int result = lame.lame_init_params(flags);
        if (result < 0) throw new IllegalArgumentException("LAME cannot encode " + sampleRate + " Hz mono (" + result + ")");
    }

    @Override
    public int encode(short[] samples, int n, byte[] out) {
        // jump3r takes 32-bit samples, left and right; for mono LAME reads the left channel only.
        for (int i = 0; i < n; i++) left[i] = samples[i] << 16;
        int written = lame.lame_encode_buffer_int(flags, left, silentRight, n, out, 0, out.length);
        if (written < 0) throw new IllegalStateException("LAME encoding failed (" + written + ")");
        return written;
    }

    @Override
    public int flush(byte[] out) {
        int written = lame.lame_encode_flush(flags, out, 0, out.length);
        if (written < 0) throw new IllegalStateException("LAME flush failed (" + written + ")");
        return written;
    }

    @Override
    public int tagFrame(byte[] out) {
        int written = tag.getLameTagFrame(flags, out);
        lame.lame_close(flags);
        return written;
    }
}
