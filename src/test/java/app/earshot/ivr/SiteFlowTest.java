package app.earshot.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.content.Site;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site-wide line's table: reachability in three presses, "0" one level up everywhere, levels skipped when alone. */
class SiteFlowTest {
    @TempDir
    static Path dir;

    static CallTable table(int... pagesPerTopic) throws Exception {
        Path content = dir.resolve("library-" + java.util.Arrays.toString(pagesPerTopic).replaceAll("[^0-9]+", "-"));
        return CallTable.of(new SiteFlow(SiteMenu.of(App.load(LibraryFixture.write(content, pagesPerTopic)).site())));
    }

    @Test
    void everySectionOfNineTopicsOfNinePagesIsWithinThreePresses() throws Exception {
        CallTable table = table(9, 9, 9, 9, 9, 9, 9, 9, 9);
        Site site = ((SiteFlow) table.line()).menu().site();
        Map<CallFlow.Turn, Integer> presses = CallTables.presses(table);
        for (int p = 0; p < site.pages().size(); p++) {
            for (int s = 0; s < site.pages().get(p).sections().size(); s++) {
                CallFlow.SectionAudio section = new CallFlow.SectionAudio(s, p);
                int fewest = presses.entrySet().stream().filter(e -> !e.getKey().hangsUp() && e.getKey().sounds().get(0).equals(section))
                        .mapToInt(Map.Entry::getValue).min().orElse(99);
                assertTrue(fewest <= 3, site.pages().get(p).slug() + " section " + s + ": " + fewest + " presses");
            }
        }
        System.out.println("Site table, 9 topics x 9 pages: " + table.turns().size() + " turns, " + table.rows().size() + " rows");
    }

    @Test
    void zeroGoesUpOneLevelAtEveryDepth() throws Exception {
        CallTable table = table(10, 2, 1, 1, 1, 1, 1, 1, 1, 1);
        SiteMenu menu = ((SiteFlow) table.line()).menu();
        int checked = 0;
        for (CallFlow.Turn turn : table.turns()) {
            if (turn.hangsUp()) continue;
            CallFlow.Turn up = table.rows(turn).stream().filter(r -> r.input().equals(new CallFlow.Key("0"))).findFirst().orElseThrow().to();
            assertEquals(up(menu, turn.listen()), up.sounds().get(0), table.name(turn));
            checked++;
        }
        assertTrue(checked > 200, "turns checked: " + checked);
    }

    /** The menu one level above {@code state}, worked out from the menu's groups. */
    static CallFlow.Prompt up(SiteMenu menu, CallFlow.State state) {
        CallFlow.Place at = state.place();
        if (at.page() >= 0 && (state.inSection() || state.menu() > 0)) return new CallFlow.Prompt(KeypadMenu.MENU, at.page());
        if (at.page() >= 0) {
            SiteMenu.Level pages = menu.pageLevel(menu.topicOf(at.page()));
            if (pages.heard()) return new CallFlow.Prompt(pages.prompt(group(pages, at.page(), true)), -1);
            return new CallFlow.Prompt(menu.topicLevel().prompt(group(menu.topicLevel(), menu.topicOf(at.page()), false)), -1);
        }
        if (at.group() > 0 || at.topic() < 0) return new CallFlow.Prompt(menu.level(at.topic()).prompt(0), -1);
        return new CallFlow.Prompt(menu.topicLevel().prompt(group(menu.topicLevel(), at.topic(), false)), -1);
    }

    static int group(SiteMenu.Level level, int index, boolean page) {
        for (int g = 0; g < level.groups().size(); g++) {
            for (SiteMenu.Choice c : level.group(g)) if ((page ? c.page() : c.topic()) == index) return g;
        }
        throw new AssertionError(index + " not in " + level.name());
    }

    @Test
    void oneTopicStartsAtItsPagesAndOnePageAtItsMenu() throws Exception {
        assertEquals(new CallFlow.Prompt("topic-topic-a", -1), table(3).turns().get(0).sounds().get(0));
        assertEquals(new CallFlow.Prompt(KeypadMenu.MENU, 0), table(1).turns().get(0).sounds().get(0));
    }

    @Test
    void aTopicWithOnePageLeadsStraightToThatPage() throws Exception {
        CallTable table = table(2, 1);
        CallFlow.Turn second = table.rows(table.turns().get(0)).stream().filter(r -> r.input().equals(new CallFlow.Key("2"))).findFirst().orElseThrow().to();
        assertEquals(new CallFlow.Prompt(KeypadMenu.MENU, 2), second.sounds().get(0));
    }

    @Test
    void onOnePagesLineZeroInItsMenuStillRepeatsTheMenu() throws Exception {
        CallTable table = table(1);
        CallFlow.Turn again = table.rows(table.turns().get(0)).stream().filter(r -> r.input().equals(new CallFlow.Key("0"))).findFirst().orElseThrow().to();
        assertEquals(table.turns().get(0), again);
    }

    @Test
    void sayingAPageTitleForgivinglyOpensItsMenu() throws Exception {
        SiteFlow flow = (SiteFlow) table(3, 2).line();
        CallFlow.Turn heard = flow.next(SiteFlow.menuState(0, 0, 0), new CallFlow.Speech("um, questions on infusions please"));
        assertEquals(new CallFlow.Prompt(KeypadMenu.MENU, 2), heard.sounds().get(0));
    }
}
