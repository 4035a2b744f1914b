package app.earshot.audio;

/**
 * What an MP3 file written by {@link Mp3} holds, read from its first frame header and its LAME tag.
 *
 * @param mpegVersion    1 for MPEG-1, 2 for MPEG-2, 25 for MPEG-2.5
 * @param sampleRate     samples per second
 * @param channels       1 or 2
 * @param frames         audio frames after the tag frame
 * @param samplesPerFrame 1152 (MPEG-1) or 576 (MPEG-2 and 2.5)
 * @param encoderDelay   samples of encoder delay at the start, which gapless players skip
 * @param encoderPadding samples of padding at the end, which gapless players drop
 * @param bytes          file size, checked against the tag
 */
public record Mp3Info(int mpegVersion, int sampleRate, int channels, long frames, int samplesPerFrame,
                      int encoderDelay, int encoderPadding, long bytes) {

    /** Samples of real audio: what a gapless decoder outputs. */
    public long samples() {
        return frames * samplesPerFrame - encoderDelay - encoderPadding;
    }

    /** Playing time in seconds, as a player that reads the LAME tag reports it. */
    public double seconds() {
        return samples() / (double) sampleRate;
    }
}
