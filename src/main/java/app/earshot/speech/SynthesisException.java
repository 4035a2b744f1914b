package app.earshot.speech;

/** Synthesis failed; the message says why in words fit for a log line. */
public class SynthesisException extends RuntimeException {
    public SynthesisException(String message, Throwable cause) {
        super(message, cause);
    }

    public SynthesisException(String message) {
        super(message);
    }
}
