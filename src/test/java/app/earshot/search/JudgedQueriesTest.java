package app.earshot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judged query set (src/test/resources/search): patients' own questions asked of the clinic fixture, at least
 * 90% answered in the top three; every crisis search shows the site's most urgent callout.
 */
class JudgedQueriesTest {
    static SearchIndex index;

    @BeforeAll
    static void build() {
        index = Clinic.index();
    }

    @Test
    void judgedSetHasAtLeastFortyQuestions() {
        assertTrue(Clinic.judged().size() >= 40, Clinic.judged().size() + " judged queries");
    }

    @Test
    void atLeastNinetyPercentAreAnsweredInTheTopThree() {
        List<Clinic.Judged> judged = Clinic.judged();
        List<String> missed = judged.stream()
                .filter(j -> Clinic.top(index, j.query(), 3).stream().noneMatch(j.answers()::contains))
                .map(j -> j.query() + " -> " + Clinic.top(index, j.query(), 3)).toList();
        double success = 1.0 - (double) missed.size() / judged.size();
        System.out.printf("judged queries: success@3 %.1f%% (%d of %d)%n", success * 100, judged.size() - missed.size(), judged.size());
        assertTrue(success >= 0.9, "success@3 " + success + "; missed:\n" + String.join("\n", missed));
    }

    @Test
    void everyCrisisSearchShowsTheMostUrgentCallout() {
        List<String> failed = Clinic.lines("crisis-queries.txt").stream()
                .filter(q -> !index.search(Query.parse(q)).urgentHelp().equals(index.mostUrgent()) || !index.search(Query.parse(q)).crisis())
                .collect(Collectors.toList());
        assertEquals(List.of(), failed);
    }

    @Test
    void theMostUrgentCalloutIsTheEmergencyOne() {
        assertEquals("If your life is in danger now", index.mostUrgent().orElseThrow().title());
    }

    @Test
    void noJudgedQuestionIsTakenForACrisis() {
        assertEquals(List.of(), Clinic.judged().stream().map(Clinic.Judged::query)
                .filter(q -> index.search(Query.parse(q)).crisis()).toList());
    }

    @Test
    void aSearchThatFindsNothingOffersTheUrgentHelp() {
        assertEquals(index.mostUrgent(), index.search(Query.parse("zebra")).urgentHelp());
    }

    @Test
    void anOrdinarySearchDoesNotShowIt() {
        assertTrue(index.search(Query.parse("insurance")).urgentHelp().isEmpty());
    }

    @Test
    void aCalloutsWordsFindItsSection() {
        assertEquals(List.of("side-effects/bladder-problems"), Clinic.top(index, "urine", 3));
    }

    @Test
    void aCrisisSearchAlsoListsEverySectionWithACrisisCallout() {
        assertTrue(Clinic.top(index, "lifeline", 10).containsAll(List.of("getting-help/introduction",
                "what-is-ketamine/conditions-it-can-treat", "getting-help/crisis-lines")));
    }
}
