package app.earshot.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SlugTest {
    @Test
    void headingBecomesLowerCaseHyphenatedSlug() {
        assertEquals("fda-breakthrough-status", Slug.of("FDA Breakthrough Status"));
    }

    @Test
    void punctuationAndAmpersandsDisappear() {
        assertEquals("ketamine-vs-traditional-antidepressants", Slug.of("Ketamine vs. Traditional Antidepressants"));
        assertEquals("ptsd-trauma", Slug.of("PTSD & Trauma"));
        assertEquals("is-ketamine-therapy-right-for-you", Slug.of("Is Ketamine Therapy Right for You?"));
    }

    @Test
    void accentsFoldToAscii() {
        assertEquals("cafe-menu", Slug.of("Café Menu"));
    }

    @Test
    void traversalIsNeverAValidSlug() {
        assertFalse(Slug.isValid(".."));
        assertFalse(Slug.isValid("a/b"));
        assertFalse(Slug.isValid("a".repeat(81)));
    }
}
