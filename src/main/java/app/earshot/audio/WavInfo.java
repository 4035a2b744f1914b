package app.earshot.audio;

/**
 * What a validated WAV file holds, read from its header and checked against its length.
 *
 * @param format        sample encoding
 * @param sampleRate    frames per second
 * @param channels      interleaved channels per frame
 * @param bitsPerSample bits per sample as stored (16 for PCM here, 8 for G.711)
 * @param dataOffset    byte offset of the first sample in the file
 * @param dataLength    bytes of sample data
 */
public record WavInfo(Codec format, int sampleRate, int channels, int bitsPerSample, long dataOffset, long dataLength) {

    /** Bytes per frame (all channels of one sample instant). */
    public int blockAlign() {
        return channels * ((bitsPerSample + 7) / 8);
    }

    /** Number of frames (sample instants). */
    public long frames() {
        return dataLength / blockAlign();
    }

    /** Playing time in seconds. */
    public double seconds() {
        return frames() / (double) sampleRate;
    }
}
