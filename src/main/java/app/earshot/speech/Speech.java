package app.earshot.speech;

import app.earshot.sound.Pcm;
import java.util.List;

/**
 * The result of speaking a script: the audio and when each written token is heard.
 *
 * @param audio 16 kHz mono PCM
 * @param words word timings in order, offsets from the start of {@code audio}
 */
public record Speech(Pcm audio, List<WordTiming> words) {
    public Speech {
        words = List.copyOf(words);
    }
}
