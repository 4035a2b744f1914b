package app.earshot.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.ivr.CallFlow.Prompt;
import app.earshot.ivr.CallFlow.SectionAudio;
import app.earshot.ivr.CallFlow.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallFlowTest {
    final CallFlow flow = new CallFlow(KeypadMenu.of(KeypadMenuTest.page(11)));

    @Test
    void silenceRepeatsTheMenuThreeTimesThenSaysGoodbyeAndHangsUp() {
        CallFlow.Turn turn = flow.arrive(State.menu(0, 0));
        int menus = 0;
        while (!turn.hangsUp()) {
            assertEquals(List.of(new Prompt("menu")), turn.sounds());
            menus++;
            turn = flow.arrive(turn.onSilence());
        }
        assertEquals(CallFlow.SILENT_MENUS, menus);
        assertEquals(List.of(new Prompt("goodbye")), turn.sounds());
    }

    @Test
    void wrongKeyPlaysNotAnOptionThenTheSameMenu() {
        CallFlow.Turn turn = flow.answer(State.menu(1, 0), "7");
        assertEquals(List.of(new Prompt("not-an-option"), new Prompt("more-1")), turn.sounds());
        assertEquals(State.menu(1, 0), turn.listen());
    }

    @Test
    void duringASectionKeysRepeatMoveAndReturnToTheMenu() {
        assertEquals(new SectionAudio(4), flow.answer(State.section(4), "1").sounds().get(0));
        assertEquals(new SectionAudio(3), flow.answer(State.section(4), "4").sounds().get(0));
        assertEquals(new SectionAudio(5), flow.answer(State.section(4), "6").sounds().get(0));
        assertEquals(List.of(new Prompt("menu")), flow.answer(State.section(4), "0").sounds());
        assertEquals(List.of(new Prompt("after-section-help")), flow.answer(State.section(4), "*").sounds());
    }

    @Test
    void thereIsNoPreviousBeforeTheFirstSectionNorNextAfterTheLast() {
        assertEquals(new Prompt("not-an-option"), flow.answer(State.section(0), "4").sounds().get(0));
        assertEquals(new Prompt("not-an-option"), flow.answer(State.section(10), "6").sounds().get(0));
        assertTrue(flow.answer(State.section(10), "6").listen().inSection());
    }

    @Test
    void silenceAfterASectionGoesToTheMainMenu() {
        assertEquals(State.menu(0, 0), flow.answer(State.menu(0, 0), "3").onSilence());
    }
}
