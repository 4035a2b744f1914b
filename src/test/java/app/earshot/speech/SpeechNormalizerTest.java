package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpeechNormalizerTest {

    private final SpeechNormalizer normalizer = new SpeechNormalizer();

    private String say(String text) {
        return normalizer.normalize(text);
    }

    @Test
    void percentSignIsSaidAsPercent() {
        assertEquals("A 70 percent response rate.", say("A 70% response rate."));
    }

    @Test
    void hoursAbbreviationAfterNumberIsSaidInFull() {
        assertEquals("Improvement within 24 hours.", say("Improvement within 24hrs."));
    }

    @Test
    void singularUnitAfterOne() {
        assertEquals("Wait 1 hour, then 30 minutes.", say("Wait 1 hr, then 30 mins."));
    }

    @Test
    void dosePerWeightUnitIsSaidWithPer() {
        assertEquals("A dose of 0.5 milligrams per kilogram.", say("A dose of 0.5 mg/kg."));
    }

    @Test
    void numberPlusIsSaidAsOver() {
        assertEquals("Backed by over 500 studies.", say("Backed by 500+ studies."));
    }

    @Test
    void trailingPlusBecomesOverBeforeTheNumber() {
        assertEquals("over 500 published studies.", say("500+ published studies"));
    }

    @Test
    void plusBetweenNumbersIsLeftForArithmetic() {
        assertEquals("It is 1+1.", say("It is 1+1."));
    }

    @Test
    void versusAbbreviationIsSaidInFull() {
        assertEquals("Ketamine versus Traditional Antidepressants.", say("Ketamine vs. Traditional Antidepressants"));
    }

    @Test
    void versusWithoutFullStopIsSaidInFull() {
        assertEquals("drug versus placebo.", say("drug vs placebo"));
    }

    @Test
    void ampersandIsSaidAsAnd() {
        assertEquals("PTSD and Trauma.", say("PTSD & Trauma"));
    }

    @Test
    void numericRangeIsSaidWithTo() {
        assertEquals("Takes 4 to 6 weeks.", say("Takes 4-6 weeks."));
    }

    @Test
    void enDashRangeIsSaidWithTo() {
        assertEquals("Takes 4 to 6 weeks.", say("Takes 4–6 weeks."));
    }

    @Test
    void phoneNumbersAndDatesAreNotRanges() {
        assertEquals("Call 555-1234 on 2019-05-01.", say("Call 555-1234 on 2019-05-01."));
    }

    @Test
    void forExampleAbbreviationIsSaidInFull() {
        assertEquals("Some drugs, for example, ketamine.", say("Some drugs, e.g. ketamine."));
    }

    @Test
    void thatIsAbbreviationIsSaidInFull() {
        assertEquals("A dissociative, that is, an anesthetic.", say("A dissociative, i.e., an anesthetic."));
    }

    @Test
    void etCeteraEndingASentenceKeepsItsFullStop() {
        assertEquals("Anxiety, pain, et cetera. Then more.", say("Anxiety, pain, etc. Then more."));
    }

    @Test
    void etCeteraMidSentenceLosesItsFullStop() {
        assertEquals("Anxiety, pain, et cetera and more.", say("Anxiety, pain, etc. and more."));
    }

    @Test
    void approximateAbbreviationIsSaidInFull() {
        assertEquals("approximately 40 minutes.", say("approx. 40 min"));
    }

    @Test
    void slashBetweenWordsIsSaidAsOr() {
        assertEquals("Military or Combat PTSD.", say("Military/Combat PTSD"));
    }

    @Test
    void andOrIsSaidWithoutSlash() {
        assertEquals("anxiety and or depression.", say("anxiety and/or depression"));
    }

    @Test
    void decadeIsSaidAsDecade() {
        assertEquals("Developed in the nineteen sixties.", say("Developed in the 1960s."));
    }

    @Test
    void shortDecadeIsSaidAsDecade() {
        assertEquals("Popular in the nineties.", say("Popular in the ’90s."));
    }

    @Test
    void yearAfterInIsSaidAsTwentyNineteen() {
        assertEquals("In twenty nineteen, the FDA approved it.", say("In 2019, the FDA approved it."));
    }

    @Test
    void yearsWithZeroesAreSaidAsPeopleSayThem() {
        assertEquals("since nineteen oh five, by two thousand five, in nineteen hundred.",
                say("since 1905, by 2005, in 1900."));
    }

    @Test
    void numberWithoutYearContextIsLeftToTheSynthesizer() {
        assertEquals("2019 patients took part.", say("2019 patients took part."));
    }

    @Test
    void parenthesesBecomePauses() {
        assertEquals("esketamine, a derivative of ketamine, for depression.",
                say("esketamine (a derivative of ketamine) for depression."));
    }

    @Test
    void spacedDashBecomesAPause() {
        assertEquals("Rapid onset, effects within hours.", say("Rapid onset - effects within hours."));
    }

    @Test
    void hyphenatedWordsKeepTheirHyphen() {
        assertEquals("FDA-approved for treatment-resistant depression.", say("FDA-approved for treatment-resistant depression"));
    }

    @Test
    void bulletsAreStrippedAndEachItemEndsASentence() {
        assertEquals("Major Depressive Disorder. Bipolar Depression.", say("  • • Major Depressive Disorder\n  • Bipolar Depression"));
    }

    @Test
    void markdownAndAsciiBulletsAreStripped() {
        assertEquals("One. Two. Three.", say("- One\n* Two\n▪ Three"));
    }

    @Test
    void leadingMinusOfANumberIsNotABullet() {
        assertEquals("-5 is cold.", say("-5 is cold."));
    }

    @Test
    void emojiAreNeverReadAloud() {
        assertEquals("Feel better soon.", say("Feel 💪🏽 better ❤️ soon 👨‍👩‍👧 ✅"));
    }

    @Test
    void emojiBulletIsStripped() {
        assertEquals("Safe. Fast.", say("✅ Safe\n✔️ Fast"));
    }

    @Test
    void symbolsThatMustNotBeReadAreDropped() {
        assertEquals("Ketamine is effective.", say("*Ketamine*™ is **effective** → ~"));
    }

    @Test
    void curlyQuotesAreDroppedAndApostrophesKept() {
        assertEquals("It helps to reset thoughts, that's the idea.", say("It helps to “reset” thoughts, that’s the idea."));
    }

    @Test
    void sentencePunctuationIsKeptForPauses() {
        assertEquals("Is it safe? Yes; mostly: see below, then stop!", say("Is it safe?  Yes;  mostly: see below , then stop!"));
    }

    @Test
    void paragraphsStaySeparatedAndLinesWithinAParagraphAreJoined() {
        assertEquals("FDA Breakthrough Status.\n\nIn a recent study.", say("FDA Breakthrough Status\n\n\n   In a recent\nstudy."));
    }

    @Test
    void whitespaceIsCollapsed() {
        assertEquals("A lot of space.", say("A \t lot\u00A0of   space."));
    }

    @Test
    void textOfOnlySymbolsGivesNothingToSay() {
        assertEquals("", say(" • 🎉 → "));
    }

    @Test
    void textWithLettersNeverComesOutEmpty() {
        assertFalse(say("• ✅ e.g. ( ) ok").isBlank());
    }

    @Test
    void normalisingTwiceChangesNothing() throws IOException {
        String once = say(Files.readString(Path.of("src/test/resources/speech/ketamine-page.txt")));
        assertEquals(once, say(once));
    }

    @Test
    void pageSourceLosesEverySymbolThatWouldBeReadAloud() throws IOException {
        String spoken = say(Files.readString(Path.of("src/test/resources/speech/ketamine-page.txt")));
        assertTrue(spoken.matches("[\\p{L}\\p{N} .,;:?!'\\-\\n]*"), spoken);
    }
}
