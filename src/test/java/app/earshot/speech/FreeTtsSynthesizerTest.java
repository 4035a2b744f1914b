package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.sound.Pcm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FreeTtsSynthesizerTest {

    private static final String PARAGRAPH = "Asthma is a common lung condition that causes occasional breathing "
            + "difficulties. It affects people of all ages and often starts in childhood, although it can also "
            + "develop for the first time in adults. There is currently no cure, but there are simple treatments "
            + "that can help keep the symptoms under control so it does not have a big impact on your life.";

    private static FreeTtsSynthesizer synthesizer;

    @BeforeAll
    static void start() {
        synthesizer = new FreeTtsSynthesizer(2, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        synthesizer.close();
    }

    private static Speech speak(String script) {
        return synthesizer.speak(script, VoiceSettings.DEFAULT);
    }

    private static Speech speak(String script, int rate) {
        return synthesizer.speak(script, new VoiceSettings("kevin16", rate, 100f));
    }

    @Test
    void synthesisIs16kHzMonoAndNotSilent() {
        Pcm audio = speak("Take one tablet twice a day with food.").audio();
        assertEquals(16_000, audio.sampleRate());
        assertTrue(rms(audio, 0, audio.seconds()) > 500, "RMS " + rms(audio, 0, audio.seconds()));
    }

    @Test
    void durationMatchesAPlausibleSpeakingRate() {
        double seconds = speak(PARAGRAPH).audio().seconds();
        double wpm = PARAGRAPH.split("\\s+").length / (seconds / 60);
        assertTrue(wpm >= 100 && wpm <= 260, wpm + " words per minute over " + seconds + " s");
    }

    @Test
    void speechStartsWithoutALongSilence() {
        Speech speech = speak("Hello, and welcome.");
        assertTrue(firstLoudSecond(speech.audio()) < 0.5, "first sound at " + firstLoudSecond(speech.audio()));
        assertTrue(speech.words().get(0).start() < 0.5, "first word at " + speech.words().get(0).start());
    }

    @Test
    void eachWrittenTokenGetsOneTimingSoANumberIsOneTiming() {
        List<String> tokens = speak("In 2019, the clinic saw 340 patients.").words().stream()
                .map(WordTiming::token).toList();
        assertEquals(List.of("In", "2019", "the", "clinic", "saw", "340", "patients"), tokens);
    }

    @Test
    void timingsAreMonotonicAndInsideTheClip() {
        String script = "First, the good news. It works!\n\nSecond paragraph: 42 words? No, four.";
        Speech speech = speak(script);
        double previousEnd = 0;
        for (WordTiming w : speech.words()) {
            assertTrue(w.start() >= previousEnd && w.end() > w.start(), "out of order: " + w);
            previousEnd = w.end();
        }
        assertTrue(previousEnd <= speech.audio().seconds(), previousEnd + " > " + speech.audio().seconds());
        assertEquals(script.split("\\s+").length, speech.words().size(), speech.words().toString());
    }

    @Test
    void paragraphBreakIsASilentPauseLongerThanASentenceBreak() {
        Speech sentences = speak("The first part ends here. The second part starts here.");
        Speech paragraphs = speak("The first part ends here.\n\nThe second part starts here.");
        double sentenceGap = gapBefore(sentences, "The", 1);
        double paragraphGap = gapBefore(paragraphs, "The", 1);
        assertEquals(FreeTtsSynthesizer.PARAGRAPH_PAUSE_SECONDS, paragraphGap - sentenceGap, 0.01);
        // If timings were offset wrongly, the gap would land on speech rather than silence.
        WordTiming last = paragraphs.words().get(4);
        WordTiming next = paragraphs.words().get(5);
        assertTrue(rms(paragraphs.audio(), last.end() + 0.1, next.start() - 0.1) < 50,
                "gap RMS " + rms(paragraphs.audio(), last.end() + 0.1, next.start() - 0.1));
    }

    @Test
    void fasterRateGivesShorterAudio() {
        double fast = speak(PARAGRAPH, 200).audio().seconds();
        double slow = speak(PARAGRAPH, 120).audio().seconds();
        assertTrue(fast < slow * 0.75, fast + " s at 200 wpm vs " + slow + " s at 120 wpm");
    }

    @Test
    void rateAndPitchDoNotLeakIntoTheNextRequestOnAReusedVoice() {
        try (FreeTtsSynthesizer single = new FreeTtsSynthesizer(1, Duration.ofSeconds(30))) {
            VoiceSettings plain = VoiceSettings.DEFAULT;
            Speech before = single.speak("Rest and drink water.", plain);
            Speech other = single.speak("Rest and drink water.", new VoiceSettings("kevin16", 190, 140f));
            Speech after = single.speak("Rest and drink water.", plain);
            assertNotEquals(before.audio(), other.audio());
            assertEquals(before, after);
        }
    }

    @Test
    void fourThreadsOnTwoVoicesGiveTheSameAudioAsSequentialSynthesis() throws Exception {
        List<String> texts = List.of("Wash your hands often.", "Keep medicines out of reach of children.",
                "Call 999 in an emergency.", "Your next review is due in March 2026.");
        List<Speech> sequential = texts.stream().map(FreeTtsSynthesizerTest::speak).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Speech>>> results = new ArrayList<>();
            for (String text : texts) {
                results.add(pool.submit(() -> {
                    go.await();
                    List<Speech> spoken = new ArrayList<>();
                    for (int i = 0; i < 5; i++) spoken.add(speak(text));
                    return spoken;
                }));
            }
            go.countDown();
            for (int t = 0; t < texts.size(); t++) {
                for (Speech concurrent : results.get(t).get()) {
                    assertEquals(sequential.get(t).audio(), concurrent.audio(), texts.get(t));
                    assertEquals(sequential.get(t).words(), concurrent.words(), texts.get(t));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownVoiceIsRejectedWithAClearMessage() {
        SynthesisException e = assertThrows(SynthesisException.class,
                () -> synthesizer.speak("Hello.", new VoiceSettings("hal9000", 150, 100f)));
        assertTrue(e.getMessage().contains("unknown voice 'hal9000'") && e.getMessage().contains("kevin16"),
                e.getMessage());
    }

    @Test
    void eightKilohertzVoiceIsRejectedBecauseNarrationIs16kHz() {
        SynthesisException e = assertThrows(SynthesisException.class,
                () -> synthesizer.speak("Hello.", new VoiceSettings("kevin", 150, 100f)));
        assertTrue(e.getMessage().contains("8000"), e.getMessage());
    }

    @Test
    void rateFreeTtsWouldIgnoreIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> synthesizer.speak("Hello.", new VoiceSettings("kevin16", 0, 100f)));
    }

    @Test
    void blankScriptGivesShortSilenceWithoutWords() {
        Speech speech = speak(" \n\n \t");
        assertEquals(FreeTtsSynthesizer.PARAGRAPH_PAUSE_SECONDS, speech.audio().seconds(), 1e-9);
        assertEquals(0.0, rms(speech.audio(), 0, speech.audio().seconds()));
        assertTrue(speech.words().isEmpty());
    }

    @Test
    void closedSynthesizerRefusesToSpeak() {
        FreeTtsSynthesizer closed = new FreeTtsSynthesizer(1, Duration.ofSeconds(1));
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.speak("Hello.", VoiceSettings.DEFAULT));
    }

    /** Silence between the end of the word before the {@code n}th {@code token} and that token's start. */
    private static double gapBefore(Speech speech, String token, int n) {
        List<WordTiming> words = speech.words();
        int seen = 0;
        for (int i = 1; i < words.size(); i++) {
            if (words.get(i).token().equals(token) && seen++ == n - 1) {
                return words.get(i).start() - words.get(i - 1).end();
            }
        }
        throw new AssertionError("no " + token + " #" + n + " in " + words);
    }

    private static double rms(Pcm audio, double fromSeconds, double toSeconds) {
        int from = (int) (fromSeconds * audio.sampleRate());
        int to = Math.min(audio.length(), (int) (toSeconds * audio.sampleRate()));
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) audio.sample(i) * audio.sample(i);
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }

    private static double firstLoudSecond(Pcm audio) {
        for (int i = 0; i < audio.length(); i++) {
            if (Math.abs(audio.sample(i)) > 1000) return i / (double) audio.sampleRate();
        }
        return Double.POSITIVE_INFINITY;
    }
}
