package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.narration.Narrator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is said for a section, remembered: the words depend only on the page title and the section (records compare
 * by value), and normalising them on every VoiceXML or index request would dominate its cost.
 */
final class SpokenScripts {
    private record Id(String pageTitle, Section section) {}

    private final Narrator narrator;
    private final Map<Id, String> spoken = new ConcurrentHashMap<>();

    SpokenScripts(Narrator narrator) {
        this.narrator = narrator;
    }

    String spoken(Page page, Section section) {
        if (spoken.size() > 10_000) spoken.clear(); // only repeated content reloads get here
        return spoken.computeIfAbsent(new Id(page.title(), section), id -> narrator.script(page, section).spoken());
    }
}
