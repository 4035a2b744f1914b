package app.earshot.audio;

import java.io.IOException;

/**
 * Thrown when bytes are not a complete MP3 file as {@link Mp3} writes them: a frame header and a LAME tag
 * whose byte count matches the file.
 */
public class InvalidMp3Exception extends IOException {

    public InvalidMp3Exception(String message) {
        super(message);
    }
}
