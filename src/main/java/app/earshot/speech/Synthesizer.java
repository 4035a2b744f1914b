package app.earshot.speech;

/**
 * Turns a speech script into audio with word timings. Implementations are thread-safe.
 */
public interface Synthesizer extends AutoCloseable {

    /**
     * Speaks {@code script} (plain text, already normalised for speech; sentences separated by
     * punctuation, paragraphs by blank lines) with {@code voice}.
     *
     * @throws SynthesisException if the engine fails; never returns partial audio
     */
    Speech speak(String script, VoiceSettings voice);

    /** Identifies the engine and its version; part of every audio cache key. */
    String engineId();

    /** The engine and version that speak {@code voice}: part of that voice's cache keys. */
    default String engineId(String voice) {
        return engineId();
    }

    /** Why {@code voice} cannot be spoken on this machine, in words fit for /healthz; empty when it can. */
    default java.util.Optional<String> unavailable(String voice) {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
