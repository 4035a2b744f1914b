package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EspeakSynthesizerTest {
    private static final VoiceSettings SPANISH = new VoiceSettings("es-419", 150, 100f);
    private final EspeakSynthesizer espeak = EspeakSynthesizer.open();

    private static double rms(Speech speech) {
        double sum = 0;
        for (int i = 0; i < speech.audio().length(); i++) sum += Math.pow(speech.audio().sample(i), 2);
        return Math.sqrt(sum / speech.audio().length());
    }

    @Test
    void spanishIsSpeechAt16kHz() {
        Speech speech = espeak.speak("La ketamina es un medicamento.", SPANISH);
        assertEquals(16_000, speech.audio().sampleRate());
        assertTrue(rms(speech) > 500, "rms " + rms(speech));
    }

    @Test
    void oneTimingPerWrittenWordInOrderEvenForNumbersSaidAsSeveralWords() {
        Speech speech = espeak.speak("¿Desde 1960? Sí.\n\nDurante 50 años.", SPANISH);
        assertEquals(List.of("Desde", "1960", "Sí", "Durante", "50", "años"), speech.words().stream().map(WordTiming::token).toList());
        double last = 0;
        for (WordTiming w : speech.words()) {
            assertTrue(w.start() >= last && w.end() > w.start() && w.end() <= speech.audio().seconds(), w.toString());
            last = w.end();
        }
    }

    @Test
    void secondParagraphStartsAfterTheFirstAndItsPause() {
        Speech speech = espeak.speak("Uno.\n\nDos.", SPANISH);
        assertTrue(speech.words().get(1).start() - speech.words().get(0).end() >= FreeTtsSynthesizer.PARAGRAPH_PAUSE_SECONDS);
    }

    @Test
    void unknownVoiceFailsClearly() {
        SynthesisException e = assertThrows(SynthesisException.class, () -> espeak.speak("hola", new VoiceSettings("xx-nowhere", 150, 100f)));
        assertTrue(e.getMessage().contains("xx-nowhere"), e.getMessage());
    }

    @Test
    void missingLibraryNamesWhatToInstall() {
        SynthesisException e = assertThrows(SynthesisException.class, () -> EspeakSynthesizer.open("/nonexistent/libespeak-ng.so.1"));
        assertTrue(e.getMessage().contains("install espeak-ng"), e.getMessage());
    }
}
