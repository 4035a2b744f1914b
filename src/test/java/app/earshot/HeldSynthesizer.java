package app.earshot;

import app.earshot.speech.Speech;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real voice, but every synthesis signals {@link #entered} and then waits until {@link #release} opens (at most
 * 60 s, then it fails): a test holds the production slots with it, and opens them when it has seen what it wanted.
 */
public final class HeldSynthesizer implements Synthesizer {
    public final CountDownLatch entered = new CountDownLatch(1);
    public final CountDownLatch release = new CountDownLatch(1);
    private final Synthesizer real;

    public HeldSynthesizer(Synthesizer real) {
        this.real = real;
    }

    @Override
    public Speech speak(String script, VoiceSettings voice) {
        entered.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return real.speak(script, voice);
    }

    @Override
    public String engineId() {
        return real.engineId();
    }

    @Override
    public void close() {
        // the real synthesizer is shared across tests
    }
}
