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

    /** The rule as it was first written, with regular expressions: the faster loop must give the same ids. */
    static String byRegex(String text) {
        String ascii = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(java.util.Locale.ROOT).replace("'", "").replace("\u2019", "")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > Slug.MAX_LENGTH ? slug.substring(0, Slug.MAX_LENGTH).replaceAll("-+$", "") : slug;
    }

    @Test
    void idsAreThoseTheRegularExpressionsGave() {
        for (String heading : java.util.List.of("  --Who's eligible?--  ", "\u0130stanbul \u212Aelvin \uFB01le", "N\u0303o\u20DD \u0915\u093F",
                "\u0645\u0631\u062D\u0628\u0627 only", "x".repeat(79) + " yz", "a ".repeat(50), "Caf\u00E9 \u00C6sop \u00DF", "")) {
            assertEquals(byRegex(heading), Slug.of(heading), heading);
        }
    }

    @Test
    void traversalIsNeverAValidSlug() {
        assertFalse(Slug.isValid(".."));
        assertFalse(Slug.isValid("a/b"));
        assertFalse(Slug.isValid("a".repeat(81)));
    }
}
