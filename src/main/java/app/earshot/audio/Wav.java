package app.earshot.audio;

import app.earshot.sound.Pcm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes mono 16-bit PCM and G.711 WAV files, reads them back, and validates WAV headers against file length.
 *
 * <p>Written by hand: PCM files with the same 44-byte header the JDK's {@code AudioSystem} writer puts out (but into one
 * array, or straight to a stream, instead of three copies), G.711 ones as {@link #encodeG711} says; reading and
 * validation are our own strict parser, because the JDK reader happily returns a short stream for a truncated file and
 * the cache must not.
 */
public final class Wav {

    /** Bytes in the header of a 16-bit PCM WAV as Earshot writes it (and as the JDK's writer does). */
    public static final int HEADER = 44;

    private static final int TAG_PCM = 1;
    private static final int TAG_ALAW = 6;
    private static final int TAG_ULAW = 7;
    private static final int TAG_EXTENSIBLE = 0xFFFE;

    private Wav() {
    }

    /**
     * A RIFF WAVE file of {@code pcm}: 16-bit little-endian, mono, at the clip's sample rate: the 44-byte header
     * ({@link #pcmHeader}) and the samples, written into one array of the file's length.
     */
    public static byte[] encode(Pcm pcm) {
        int n = pcm.length();
        byte[] wav = new byte[HEADER + 2 * n];
        System.arraycopy(pcmHeader(pcm.sampleRate(), 2L * n), 0, wav, 0, HEADER);
        littleEndian(pcm.samples(), 0, n, wav, HEADER);
        return wav;
    }

    /**
     * Writes the same bytes as {@link #encode} to {@code out}, 64 KiB at a time: a clip never needs to be one byte
     * array besides its samples.
     */
    public static void write(Pcm pcm, OutputStream out) throws IOException {
        write(pcm, 0, out);
    }

    /**
     * Writes the WAV of {@code pcm} followed by {@code silence} samples of silence (the bytes {@link #encode} gives for
     * such a clip), without making that longer clip's array.
     */
    public static void write(Pcm pcm, int silence, OutputStream out) throws IOException {
        if (silence < 0) throw new IllegalArgumentException("negative silence: " + silence);
        out.write(pcmHeader(pcm.sampleRate(), 2L * (pcm.length() + (long) silence)));
        writeSamples(pcm, out);
        byte[] zeros = new byte[Math.min(1 << 16, 2 * silence)];
        for (long left = 2L * silence; left > 0; left -= zeros.length) out.write(zeros, 0, (int) Math.min(left, zeros.length));
    }

    /** {@code pcm}'s samples as 16-bit little-endian bytes (a WAV's data), 64 KiB at a time. */
    public static void writeSamples(Pcm pcm, OutputStream out) throws IOException {
        short[] samples = pcm.samples();
        byte[] piece = new byte[Math.min(1 << 16, 2 * samples.length)];
        for (int i = 0; i < samples.length; ) {
            int count = Math.min(samples.length - i, piece.length / 2);
            littleEndian(samples, i, count, piece, 0);
            out.write(piece, 0, 2 * count);
            i += count;
        }
    }

    /** {@code count} samples from {@code from} as 16-bit little-endian bytes at {@code at}: in bulk, not a loop under C1. */
    private static void littleEndian(short[] samples, int from, int count, byte[] into, int at) {
        ByteBuffer.wrap(into, at, 2 * count).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples, from, count);
    }

    /**
     * The canonical 44-byte header of a 16-bit mono PCM WAV holding {@code dataBytes} of samples at {@code rate}: the
     * same bytes the JDK's {@code AudioSystem} writer puts before such samples (WavTest checks it).
     *
     * @throws IllegalArgumentException if that is too long for one WAV file
     */
    public static byte[] pcmHeader(int rate, long dataBytes) {
        if (dataBytes > 0xFFFFFFFFL - 36) throw new IllegalArgumentException("too long for one WAV file");
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (36 + dataBytes)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt((int) dataBytes);
        return b.array();
    }

    /**
     * A RIFF WAVE file (format tag 7 or 6) around G.711 {@code codes}, one byte per mono sample, laid out as the WAVE
     * specification asks for non-PCM formats: an 18-byte {@code fmt } chunk ending in {@code cbSize = 0}, a
     * {@code fact} chunk holding the number of samples, then the {@code data} chunk (padded to an even length).
     * Written by hand: the JDK's writer leaves out {@code cbSize} and {@code fact}, which strict IVR platforms check.
     */
    static byte[] encodeG711(byte[] codes, Codec codec, int sampleRate) {
        int tag = switch (codec) {
            case ULAW -> TAG_ULAW;
            case ALAW -> TAG_ALAW;
            case PCM -> throw new IllegalArgumentException("pcm is not a G.711 codec");
        };
        int pad = codes.length & 1;
        int fmtLength = 18, factLength = 4;
        int riffLength = 4 + (8 + fmtLength) + (8 + factLength) + (8 + codes.length + pad);
        ByteBuffer out = ByteBuffer.allocate(8 + riffLength).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(riffLength).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(fmtLength)
                .putShort((short) tag)          // wFormatTag
                .putShort((short) 1)            // nChannels
                .putInt(sampleRate)             // nSamplesPerSec
                .putInt(sampleRate)             // nAvgBytesPerSec: one byte per sample
                .putShort((short) 1)            // nBlockAlign
                .putShort((short) 8)            // wBitsPerSample
                .putShort((short) 0);           // cbSize: no extra format bytes
        out.put(ascii("fact")).putInt(factLength).putInt(codes.length); // dwSampleLength
        out.put(ascii("data")).putInt(codes.length).put(codes);
        if (pad == 1) out.put((byte) 0);
        return out.array();
    }

    private static byte[] ascii(String fourCc) {
        return fourCc.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The audio in a mono WAV file: 16-bit PCM as is, u-law or A-law expanded to 16-bit.
     *
     * @throws InvalidWavException if the file is malformed, truncated, or another format
     */
    public static Pcm decode(byte[] wav) throws InvalidWavException {
        WavInfo info = inspect(wav);
        if (info.channels() != 1) throw new InvalidWavException("decode reads mono only; file has " + info.channels() + " channels");
        int offset = (int) info.dataOffset();
        int frames = (int) info.frames();
        if (info.format() == Codec.PCM) {
            if (info.bitsPerSample() != 16) throw new InvalidWavException("decode reads 16-bit PCM only; file has " + info.bitsPerSample() + "-bit");
            short[] samples = new short[frames];
            for (int i = 0; i < frames; i++) {
                samples[i] = (short) ((wav[offset + 2 * i] & 0xFF) | (wav[offset + 2 * i + 1] << 8));
            }
            return new Pcm(info.sampleRate(), samples);
        }
        return new Pcm(info.sampleRate(), G711.decode(wav, offset, frames, info.format()));
    }

    /**
     * The header of a complete WAV file held in memory.
     *
     * @throws InvalidWavException if the header is malformed, the format is not PCM/u-law/A-law,
     *                             or the declared sizes do not match the bytes present (a truncated file)
     */
    public static WavInfo inspect(byte[] wav) throws InvalidWavException {
        try {
            return parse(new Source() {
                @Override
                public long size() {
                    return wav.length;
                }

                @Override
                public void read(long position, byte[] into, int length) {
                    System.arraycopy(wav, (int) position, into, 0, length);
                }
            });
        } catch (InvalidWavException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory read failed", e);
        }
    }

    /**
     * The header of a WAV file on disk, reading only the chunk headers (not the samples).
     *
     * @throws InvalidWavException if the file is malformed, another format, or truncated
     * @throws IOException         if the file cannot be read
     */
    public static WavInfo inspect(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            return parse(new Source() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public void read(long position, byte[] into, int length) throws IOException {
                    ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
                    while (buffer.hasRemaining()) {
                        if (channel.read(buffer, position + buffer.position()) < 0) {
                            throw new InvalidWavException("file shrank while being read");
                        }
                    }
                }
            });
        }
    }

    /** Random access to the bytes being parsed; callers only ask for ranges inside {@link #size()}. */
    private interface Source {
        long size();

        void read(long position, byte[] into, int length) throws IOException;
    }

    private static WavInfo parse(Source source) throws IOException {
        long size = source.size();
        byte[] head = new byte[40];
        long riffEnd = riffEnd(source, head, size);
        long position = 12;
        Fmt fmt = null;
        while (position + 8 <= riffEnd) {
            source.read(position, head, 8);
            String id = fourCc(head, 0);
            long length = u32(head, 4);
            long body = position + 8;
            if (body + length > riffEnd) {
                throw new InvalidWavException("truncated: chunk '" + printable(id) + "' needs " + (body + length)
                        + " bytes but the file has " + size);
            }
            if (id.equals("fmt ")) {
                fmt = fmt(source, head, body, length);
            } else if (id.equals("data")) {
                if (fmt == null) throw new InvalidWavException("data chunk before fmt chunk");
                return data(fmt, body, length);
            }
            position = body + length + (length & 1);
        }
        throw new InvalidWavException("no data chunk");
    }

    /** Where the RIFF chunk ends, after checking the header names a WAVE file exactly as long as the file. */
    private static long riffEnd(Source source, byte[] head, long size) throws IOException {
        if (size < 12) throw new InvalidWavException("too short for a RIFF header: " + size + " bytes");
        source.read(0, head, 12);
        if (!fourCc(head, 0).equals("RIFF") || !fourCc(head, 8).equals("WAVE")) {
            throw new InvalidWavException("not a RIFF WAVE file");
        }
        long riffEnd = 8 + u32(head, 4);
        // A writer that crashed before fixing up the header leaves 0 or 0xFFFFFFFF here; a cut-off copy
        // leaves a size larger than the file. Either way the file is not what its header promises.
        if (riffEnd != size && riffEnd + 1 != size) {
            throw new InvalidWavException("RIFF header says " + riffEnd + " bytes but the file has " + size);
        }
        return Math.min(riffEnd, size);
    }

    /** The fmt chunk's fields; for WAVE_FORMAT_EXTENSIBLE, the tag of its sub-format. */
    private record Fmt(int tag, int channels, int sampleRate, int blockAlign, int bits) {}

    private static Fmt fmt(Source source, byte[] head, long body, long length) throws IOException {
        if (length < 16) throw new InvalidWavException("fmt chunk too short: " + length + " bytes");
        int read = (int) Math.min(length, head.length);
        source.read(body, head, read);
        int tag = u16(head, 0);
        if (tag == TAG_EXTENSIBLE) {
            if (read < 26) throw new InvalidWavException("extensible fmt chunk too short: " + length + " bytes");
            tag = u16(head, 24); // first two bytes of the sub-format GUID are the plain format tag
        }
        return new Fmt(tag, u16(head, 2), (int) Math.min(u32(head, 4), Integer.MAX_VALUE), u16(head, 12), u16(head, 14));
    }

    /** The data chunk at {@code body}, {@code length} bytes, described by {@code fmt}, checked against it. */
    private static WavInfo data(Fmt fmt, long body, long length) throws InvalidWavException {
        Codec format = switch (fmt.tag()) {
            case TAG_PCM -> Codec.PCM;
            case TAG_ULAW -> Codec.ULAW;
            case TAG_ALAW -> Codec.ALAW;
            default -> throw new InvalidWavException("unsupported format tag " + fmt.tag() + " (PCM, u-law and A-law only)");
        };
        int bits = fmt.bits();
        if (fmt.channels() < 1) throw new InvalidWavException("no channels");
        if (fmt.sampleRate() < 1) throw new InvalidWavException("sample rate " + fmt.sampleRate());
        if (format.isG711() ? bits != 8 : bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new InvalidWavException(bits + "-bit samples in a " + format.label() + " file");
        }
        WavInfo info = new WavInfo(format, fmt.sampleRate(), fmt.channels(), bits, body, length);
        if (fmt.blockAlign() != info.blockAlign()) {
            throw new InvalidWavException("block align " + fmt.blockAlign() + " for " + fmt.channels() + " x " + bits + "-bit");
        }
        if (length % fmt.blockAlign() != 0) {
            throw new InvalidWavException("data length " + length + " is not a whole number of " + fmt.blockAlign() + "-byte frames");
        }
        return info;
    }

    private static String fourCc(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String id) {
        return id.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16);
    }
}
