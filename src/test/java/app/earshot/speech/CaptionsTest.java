package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CaptionsTest {

    @Test
    void shortSentencesGetOneCueEach() {
        assertEquals(List.of("Rest well.", "Drink water!", "Feeling better?"),
                texts("Rest well. Drink water! Feeling better?"));
    }

    @Test
    void titleAbbreviationDoesNotEndACue() {
        assertEquals(List.of("Dr. Smith will see you now."), texts("Dr. Smith will see you now."));
    }

    @Test
    void paragraphBreakEndsACueEvenWithoutPunctuation() {
        assertEquals(List.of("Contents", "Asthma basics"), texts("Contents\n\nAsthma basics"));
    }

    @Test
    void longSentenceIsSplitAtAComma() {
        assertEquals(List.of("If your symptoms get worse over the next few days,",
                        "call the surgery and ask for an urgent appointment."),
                texts("If your symptoms get worse over the next few days, call the surgery and ask for an urgent "
                        + "appointment."));
    }

    @Test
    void longSentenceWithoutCommasIsSplitEvenlyIntoCuesOfAtMostTwelveWords() {
        assertEquals(List.of("one two three four five six seven eight nine ten",
                        "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."),
                texts("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                        + "sixteen seventeen eighteen nineteen twenty."));
    }

    @Test
    void noCueStaysOnScreenLongerThanSevenSeconds() {
        String script = "Breathe in slowly and hold it for a count of four.";
        List<Captions.Cue> cues = Captions.cues(script, timed(script, 1.0), 20);
        assertTrue(cues.size() > 1 && cues.stream().allMatch(c -> c.end() - c.start() <= Captions.MAX_SECONDS),
                cues.toString());
    }

    @Test
    void unheardDashIsShownWithItsNeighbours() {
        assertEquals(List.of("Rest — then walk."), texts("Rest — then walk."));
    }

    @Test
    void cueRunsFromItsFirstWordStartToItsLastWordEnd() {
        List<WordTiming> words = List.of(new WordTiming("Sit", 0.2, 0.5), new WordTiming("down", 0.5, 0.9));
        assertEquals(List.of(new Captions.Cue(0.2, 0.9, "Sit down.")), Captions.cues("Sit down.", words, 1.0));
    }

    @Test
    void numberWrittenWithSymbolsIsMatchedToItsTiming() {
        List<WordTiming> words = List.of(new WordTiming("Pay", 0.2, 0.4), new WordTiming("$5.50", 0.4, 1.6));
        assertEquals(List.of(new Captions.Cue(0.2, 1.6, "Pay $5.50.")), Captions.cues("Pay $5.50.", words, 2.0));
    }

    @Test
    void cueTextIsEscapedForWebVtt() {
        String vtt = Captions.webVtt(List.of(new Captions.Cue(0, 1, "Salt & pepper <b> -->")));
        assertEquals("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nSalt &amp; pepper &lt;b&gt; --&gt;\n", vtt);
    }

    @Test
    void longCueIsWrappedOntoTwoBalancedLines() {
        String vtt = Captions.webVtt(List.of(new Captions.Cue(0, 3, "Keep your inhaler with you at all times, please")));
        assertTrue(vtt.endsWith("\nKeep your inhaler with\nyou at all times, please\n"), vtt);
    }

    @Test
    void timestampIsHoursMinutesSecondsAndMilliseconds() {
        assertEquals("01:02:03.457", Captions.timestamp(3723.4567));
    }

    @Test
    void chaptersListEachTitleWithItsTimes() {
        String vtt = Captions.chapters(List.of(new Captions.Chapter("Symptoms", 0, 12.5),
                new Captions.Chapter("Tests & treatment", 12.5, 61)));
        assertEquals("WEBVTT\n\n00:00:00.000 --> 00:00:12.500\nSymptoms\n\n"
                + "00:00:12.500 --> 00:01:01.000\nTests &amp; treatment\n", vtt);
    }

    @Test
    void overlappingChaptersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Captions.chapters(List.of(
                new Captions.Chapter("One", 0, 10), new Captions.Chapter("Two", 9, 20))));
    }

    @Test
    void captionsOfRealSpeechFollowTheWordsInsideTheClip() {
        String script = "In 2019, the clinic saw 340 patients — most of them for asthma. Dr. Smith said: \"Use your "
                + "inhaler twice a day, with a spacer, and rinse your mouth afterwards; it helps.\"\n\n"
                + "Call 111 if you're worried & can't breathe well.";
        Speech speech;
        try (FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer(1, Duration.ofSeconds(30))) {
            speech = synthesizer.speak(script, VoiceSettings.DEFAULT);
        }
        String vtt = Captions.webVtt(script, speech);
        assertTrue(vtt.startsWith("WEBVTT\n\n"), vtt);

        List<ParsedCue> cues = parse(vtt);
        assertTrue(cues.size() >= 4, vtt);
        String flatScript = script.replaceAll("\\s+", " ");
        double previousEnd = 0;
        int word = 0;
        for (ParsedCue cue : cues) {
            assertTrue(cue.start >= previousEnd && cue.end > cue.start, "order: " + cue);
            assertTrue(cue.end <= speech.audio().seconds(), "past the clip: " + cue);
            assertTrue(cue.end - cue.start <= Captions.MAX_SECONDS, "too long: " + cue);
            assertTrue(flatScript.contains(cue.text), "not in the script: " + cue.text);
            previousEnd = cue.end;

            String first = cue.text.split(" ")[0].replaceAll("^\\W+|\\W+$", "");
            while (!speech.words().get(word).token().equals(first)) word++;
            assertEquals(speech.words().get(word).start(), cue.start, 0.1, cue.text);
        }
    }

    /** Timings shaped like a synthesizer's: one per written word with letters or digits, in order. */
    private static List<WordTiming> timed(String script, double secondsPerWord) {
        List<WordTiming> words = new ArrayList<>();
        double at = 0.2;
        for (String written : script.split("\\s+")) {
            String token = written.replaceAll("^\\W+|\\W+$", "");
            if (token.isEmpty()) continue;
            words.add(new WordTiming(token, at, at + secondsPerWord));
            at += secondsPerWord;
        }
        return words;
    }

    private static List<String> texts(String script) {
        return Captions.cues(script, timed(script, 0.3), 60).stream().map(Captions.Cue::text).toList();
    }

    private record ParsedCue(double start, double end, String text) {}

    private static final Pattern TIMING =
            Pattern.compile("(\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2,}):(\\d{2}):(\\d{2})\\.(\\d{3})");

    /** Reads the cues back from WebVTT text: a timing line, then text lines, blocks separated by a blank line. */
    private static List<ParsedCue> parse(String vtt) {
        List<ParsedCue> cues = new ArrayList<>();
        for (String block : vtt.substring("WEBVTT\n\n".length()).split("\n\n")) {
            String[] lines = block.strip().split("\n");
            Matcher m = TIMING.matcher(lines[0]);
            assertTrue(m.matches(), "bad timing line: " + lines[0]);
            String text = String.join(" ", List.of(lines).subList(1, lines.length))
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            cues.add(new ParsedCue(seconds(m, 1), seconds(m, 5), text));
        }
        return cues;
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }
}
