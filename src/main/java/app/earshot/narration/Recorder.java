package app.earshot.narration;

import app.earshot.audio.Mp3;
import app.earshot.audio.Wav;
import app.earshot.sound.Pcm;
import app.earshot.speech.Captions;
import app.earshot.speech.Speech;
import app.earshot.speech.SpeechScript;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a script into bytes: speaks it with a voice into a WAV and its caption cues, joins section clips into a page,
 * and encodes MP3; counts what it did. The one place that changes when the way sound is produced changes (engine,
 * encoding, a processing step between them).
 */
final class Recorder {
    /** A spoken section: its clip and its captions sidecar (JSON cues). */
    record Recorded(byte[] wav, byte[] cues) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Synthesizer synthesizer;
    private final AtomicLong syntheses = new AtomicLong();
    private final AtomicLong synthesisNanos = new AtomicLong();
    private final AtomicLong encodeNanos = new AtomicLong();

    Recorder(Synthesizer synthesizer) {
        this.synthesizer = synthesizer;
    }

    /** The engine's identity, part of every key of what it makes. */
    String engineId() {
        return synthesizer.engineId();
    }

    /** Speaks {@code script} once, giving both its clip and its captions. */
    Recorded section(SpeechScript script, VoiceSettings voice) {
        Speech speech = speak(script.spoken(), voice);
        byte[] wav = Wav.encode(speech.audio());
        try {
            byte[] cues = JSON.writeValueAsString(Captions.cues(script, speech.words(), speech.audio().seconds()))
                    .getBytes(StandardCharsets.UTF_8);
            return new Recorded(wav, cues);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("captions could not be written", e);
        }
    }

    /** A short prompt as WAV. */
    byte[] prompt(SpeechScript script, VoiceSettings voice) {
        return Wav.encode(speak(script.spoken(), voice).audio());
    }

    /** The sections' audio in order with {@code pauseSeconds} of silence between them, as WAV. */
    byte[] page(List<Pcm> sections, double pauseSeconds) {
        List<Pcm> parts = new java.util.ArrayList<>();
        for (Pcm section : sections) {
            if (!parts.isEmpty()) parts.add(Pcm.silence(section.sampleRate(), pauseSeconds));
            parts.add(section);
        }
        return Wav.encode(Pcm.concat(parts));
    }

    /** {@code pcm} as MP3. */
    byte[] mp3(Pcm pcm) {
        long start = System.nanoTime();
        try {
            return Mp3.encode(pcm);
        } finally {
            encodeNanos.addAndGet(System.nanoTime() - start);
        }
    }

    long syntheses() {
        return syntheses.get();
    }

    double synthesisSeconds() {
        return synthesisNanos.get() / 1e9;
    }

    double mp3EncodeSeconds() {
        return encodeNanos.get() / 1e9;
    }

    private Speech speak(String spoken, VoiceSettings voice) {
        long start = System.nanoTime();
        try {
            return synthesizer.speak(spoken, voice);
        } finally {
            synthesisNanos.addAndGet(System.nanoTime() - start);
            syntheses.incrementAndGet();
        }
    }
}
