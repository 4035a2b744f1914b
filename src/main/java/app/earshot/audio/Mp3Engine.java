package app.earshot.audio;

/**
 * One MP3 encoding in progress, whichever LAME does it: native libmp3lame ({@link LibMp3Lame}) when the library loads,
 * else jump3r, its pure-Java port ({@link Mp3Jump3r}). Every encoding has the settings {@link Mp3} names, writes an
 * empty first frame that {@link #tagFrame} later fills with the LAME tag, and is used by one thread.
 */
interface Mp3Engine {

    /** Encodes {@code n} mono samples into {@code out}; returns the bytes written there (maybe none yet). */
    int encode(short[] samples, int n, byte[] out);

    /** Encodes whatever the encoder still holds; returns the bytes written to {@code out}. */
    int flush(byte[] out);

    /** Writes the LAME tag frame (for the first frame's place) into {@code out}, ends the encoding, returns its length. */
    int tagFrame(byte[] out);

    /** Starts encodings of one kind. */
    interface Maker {
        /** Names the encoder and its version, for cache keys: two makers with different ids may write different frames. */
        String id();

        /** A new encoding of mono samples at {@code sampleRate}, LAME's algorithm {@code quality} (0 best, 9 fastest). */
        Mp3Engine start(int sampleRate, int quality);
    }

    /** The library JNA loads unless the system property {@value #LIBRARY_PROPERTY} names another. */
    String DEFAULT_LIBRARY = "libmp3lame.so.0";

    /** Names the libmp3lame file to load; a missing file simulates a machine without it (then jump3r encodes). */
    String LIBRARY_PROPERTY = "earshot.lame.library";

    /**
     * libmp3lame from {@code library} when it loads and accepts the settings, else jump3r. Never throws for a missing
     * library.
     */
    static Maker choose(String library) {
        try {
            return LibMp3Lame.open(library);
        } catch (UnsatisfiedLinkError | IllegalStateException e) {
            org.slf4j.LoggerFactory.getLogger(Mp3Engine.class).warn(
                    "MP3s are encoded by jump3r (pure Java, several times the CPU): {} did not load ({}); install libmp3lame0",
                    library, e.getClass().getSimpleName());
            return Mp3Jump3r.MAKER;
        }
    }
}
