package app.earshot;

import app.earshot.speech.Speech;
import app.earshot.speech.SynthesisException;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a real synthesizer, counting calls; can be switched to fail, as a broken engine would. */
public final class CountingSynthesizer implements Synthesizer {
    private final Synthesizer real;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean failing;

    public CountingSynthesizer(Synthesizer real) {
        this.real = real;
    }

    public int calls() {
        return calls.get();
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public Speech speak(String script, VoiceSettings voice) {
        calls.incrementAndGet();
        if (failing) throw new SynthesisException("engine unavailable (test)");
        return real.speak(script, voice);
    }

    @Override
    public String engineId() {
        return real.engineId();
    }

    @Override
    public void close() {
        // the real synthesizer is shared across tests and closed with the JVM
    }
}
