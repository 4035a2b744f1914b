package app.earshot.narration;

import app.earshot.store.Artifact;
import app.earshot.store.Keys;

/**
 * A cached audio file together with what a listener needs to know about it.
 *
 * @param audio     the cached bytes or file
 * @param mediaType Content-Type to serve it with
 * @param seconds   playing time
 */
public record Clip(Artifact audio, String mediaType, double seconds) {

    /** Byte size. */
    public long size() {
        return audio.size();
    }

    /**
     * A strong entity tag: the key, the digest of the bytes and the format ({@link Keys#etag(Artifact)}), so it changes
     * whenever the bytes do.
     */
    public String etag() {
        return Keys.etag(audio);
    }
}
