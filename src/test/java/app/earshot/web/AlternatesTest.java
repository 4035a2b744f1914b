package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.SpeechSettings;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which view of a translation each view of a page names. */
class AlternatesTest {
    static final LocalDate DAY = LocalDate.of(2026, 1, 2);

    static Section section(String id) {
        return new Section(id, id, false, "<p>" + id + "</p>", "<p>" + id + "</p>", List.of(), 1);
    }

    static Site site(Page... pages) {
        return new Site("T", "en", "O", "D", new SpeechSettings("kevin16", 150, 100f, 120, 190), List.of(pages), "", null, List.of(), List.of("en", "es"));
    }

    @Test
    void aSectionOfAPageWhoseTranslationHasOtherSectionsMapsToTheTranslationsPage() {
        Page english = new Page("a", "A", "", DAY, DAY, List.of(section("one"), section("two")), "", "en", "");
        Page spanish = new Page("b", "B", "", DAY, DAY, List.of(section("uno")), "", "es", "a");
        assertEquals("/b", Alternates.of(site(english, spanish), english, english.sections().get(1), "").get(1).path());
    }

    @Test
    void aPageWithoutTranslationsHasNoAlternates() {
        Page alone = new Page("a", "A", "", DAY, DAY, List.of(section("one")), "", "en", "");
        assertEquals(List.of(), Alternates.of(site(alone), alone, null, ""));
    }
}
