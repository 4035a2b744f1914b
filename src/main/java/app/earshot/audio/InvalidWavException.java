package app.earshot.audio;

import java.io.IOException;

/**
 * Thrown when bytes are not a complete, well-formed WAV file of a kind Earshot understands.
 */
public class InvalidWavException extends IOException {

    public InvalidWavException(String message) {
        super(message);
    }
}
