package app.earshot.browser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * How tiring a page is for a screen-reader and keyboard user, measured from Chromium's full accessibility tree
 * (an emulated browse-mode reading: one line per control, heading or image, and text in lines of at most 100
 * characters, as NVDA reads by default) and a real Tab walk.
 *
 * <p>Narration controls are defined by what they do, not by Earshot's class names: media elements, links to audio,
 * captions, transcripts, playlists, talking books and the feed, and the summary of a disclosure holding such links.
 *
 * @param lines             browse-mode lines of the whole page
 * @param narrationLines    of those, lines that are narration controls
 * @param tabStops          Tab stops of the whole page
 * @param narrationTabStops of those, stops on narration controls
 * @param sections          sections measured for title repeats
 * @param titleRepeats      per section title: how often it is announced inside its own section (heading, region
 *                          name, and every line that repeats it)
 * @param tabsToContent     Tab presses after using the skip link until focus is past the first section's first
 *                          paragraph (0 where the route has no section text)
 * @param ambiguousTexts    visible link texts that lead to more than one place, with the places
 * @param nameMismatches    links whose accessible name does not start with their visible text
 * @param notContained      links whose visible text is not a continuous part of their accessible name (WCAG 2.5.3)
 * @param smallTargets      narration links or buttons smaller than 44×44 CSS px, with their size
 */
record ListeningLoad(int lines, int narrationLines, int tabStops, int narrationTabStops, int sections,
                     Map<String, Integer> titleRepeats, int tabsToContent, List<String> ambiguousTexts,
                     List<String> nameMismatches, List<String> notContained, List<String> smallTargets) {

    static final Set<String> CONTROL_ROLES = Set.of("link", "button", "slider", "checkbox", "radio", "textbox",
            "searchbox", "combobox", "menuitem", "tab", "switch", "spinbutton", "DisclosureTriangle", "PopUpButton",
            "ToggleButton");

    /** Marks narration controls, sections and links with data attributes (invisible to the accessibility tree). */
    private static final String MARK = """
            const narration = el => el.matches('audio, video')
              || (el.matches('a[href]') && /(\\/audio\\/|\\.m3u8?$|\\.epub$|\\.vtt$|\\/transcript$|\\/feed\\.xml$|\\/ivr\\/)/.test(el.getAttribute('href').split('#')[0]))
              || (el.matches('a[href]') && /^\\s*(listen|escuchar)\\b/i.test(el.textContent))
              || (el.matches('summary') && el.parentElement.querySelector('a[href*="/audio/"]') !== null);
            document.querySelectorAll('audio, video, a[href], summary').forEach(el => { if (narration(el)) el.setAttribute('data-ax-narration', ''); });
            const hidden = el => { const cs = getComputedStyle(el); return cs.clipPath === 'inset(50%)' || (parseFloat(cs.width) <= 1 && parseFloat(cs.height) <= 1 && cs.overflow === 'hidden') || cs.display === 'none'; };
            const visible = node => {
              if (node.nodeType === 3) return node.textContent;
              if (node.nodeType !== 1 || hidden(node)) return '';
              // A line break separates the words on either side of it, as a reader sees them (the pager's label and title).
              if (node.tagName === 'BR') return ' ';
              return [...node.childNodes].map(visible).join('');
            };
            document.querySelectorAll('a[href]').forEach((a, i) => {
              a.setAttribute('data-ax-link', i);
              a.setAttribute('data-ax-visible', !a.checkVisibility() ? '' : visible(a).replace(/\\s+/g, ' ').trim());
            });
            // A section's title: the heading that names it, or (named by nothing else, as issue 26 asks) its own heading.
            const title = s => s.hasAttribute('aria-labelledby') ? document.getElementById(s.getAttribute('aria-labelledby')) : s.querySelector(':scope > h2');
            const sections = [...document.querySelectorAll('main section')].filter(title);
            if (sections.length) sections.forEach(s => s.setAttribute('data-ax-section', title(s).textContent.trim()));
            else { const m = document.querySelector('main'), h = m && m.querySelector('h1'); if (h && document.querySelector('.part-of')) m.setAttribute('data-ax-section', h.textContent.trim()); }
            """;

    /** The first paragraph (or list item, or table) of the first section's text, marked for the Tab walk. */
    private static final String MARK_FIRST_PARAGRAPH = """
            const p = [...document.querySelectorAll('main p, main li, main table')].find(p => p.closest('section, [data-ax-section]')
                && !p.closest('.listen, .part-of, nav, .lead, .review-dates, .listen-section'));
            if (p) p.setAttribute('data-ax-first-paragraph', '');
            return !!p;""";

    private static final String FOCUSED = """
            const el = document.activeElement;
            if (!el || el === document.body || el === document.documentElement) return null;
            const p = document.querySelector('[data-ax-first-paragraph]');
            return [el.hasAttribute('data-ax-narration') || el.closest('audio') !== null,
                    p !== null && (p.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && !p.contains(el),
                    el.matches('.skip-link'), el.tagName + ' ' + (el.getAttribute('href') || el.textContent.trim().slice(0, 40))];""";

    private static final String TARGET_SIZES = """
            return [...document.querySelectorAll('[data-ax-narration]')].filter(el => !el.matches('audio, video'))
              .map(el => { const r = el.getBoundingClientRect(); return [el.getAttribute('data-ax-visible') || el.textContent.trim(), r.width, r.height]; })
              .filter(t => t[1] < 44 || t[2] < 44).map(t => t[0] + ' ' + Math.round(t[1]) + 'x' + Math.round(t[2]));""";

    /** Measures the page the driver shows (load it first, at the width to measure). */
    @SuppressWarnings("unchecked")
    static ListeningLoad measure(ChromeDriver driver) {
        driver.executeScript(MARK);
        boolean hasParagraph = (Boolean) driver.executeScript(MARK_FIRST_PARAGRAPH);
        Dom dom = Dom.read(driver);

        Map<String, Object> tree = driver.executeCdpCommand("Accessibility.getFullAXTree", Map.of());
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) tree.get("nodes");
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (Map<String, Object> node : nodes) byId.put((String) node.get("nodeId"), node);
        Reading reading = new Reading(dom, byId);
        for (Map<String, Object> node : nodes) {
            if (node.get("backendDOMNodeId") instanceof Number n && !Boolean.TRUE.equals(node.get("ignored"))) {
                reading.names.putIfAbsent(n.intValue(), Reading.value(node.get("name")));
            }
        }
        reading.walk(nodes.get(0), false, null);

        List<String> ambiguous = new ArrayList<>();
        Map<String, Set<String>> placesByText = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        List<String> notContained = new ArrayList<>();
        for (Dom.Link link : dom.links().values()) {
            if (link.visible().isEmpty()) continue;
            placesByText.computeIfAbsent(link.visible().toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(link.href());
            String name = reading.names.getOrDefault(link.backendId(), "").replaceAll("\\s+", " ").trim();
            String visible = link.visible().toLowerCase(Locale.ROOT);
            if (!name.toLowerCase(Locale.ROOT).startsWith(visible)) mismatches.add("'" + link.visible() + "' named '" + name + "'");
            if (!name.toLowerCase(Locale.ROOT).contains(visible)) notContained.add("'" + link.visible() + "' named '" + name + "'");
        }
        placesByText.forEach((text, places) -> { if (places.size() > 1) ambiguous.add("'" + text + "' -> " + places); });

        List<String> small = (List<String>) driver.executeScript(TARGET_SIZES);
        // The Tab walk: from the top of the page until focus leaves the document or comes back to the skip link.
        driver.executeScript("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur();");
        int stops = 0;
        int narrationStops = 0;
        for (List<Object> focused : new TabWalk(driver, TabWalk.BATCH, TabWalk.AROUND)) {
            if (focused == null || (stops > 0 && (Boolean) focused.get(2))) break;
            stops++;
            if ((Boolean) focused.get(0)) narrationStops++;
        }
        int tabsToContent = 0;
        if (hasParagraph) {
            driver.executeScript("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur();");
            Iterator<List<Object>> first = new TabWalk(driver, 1, "none").iterator();
            List<Object> skip = first.next();
            if (skip != null && (Boolean) skip.get(2)) new Actions(driver).sendKeys(Keys.ENTER).perform();
            for (List<Object> focused : new TabWalk(driver, TabWalk.BATCH, TabWalk.PAST_PARAGRAPH)) {
                tabsToContent++;
                if (focused == null || (Boolean) focused.get(1)) break;
            }
        }
        return new ListeningLoad(reading.lines, reading.narrationLines, stops, narrationStops, reading.repeats.size(),
                reading.repeats, tabsToContent, ambiguous, mismatches, notContained, small);
    }

    int maxTitleRepeats() {
        return titleRepeats.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    double narrationLineShare() {
        return lines == 0 ? 0 : (double) narrationLines / lines;
    }

    /** The figures as the issue's table shows them. */
    String figures() {
        return String.format(Locale.ROOT, "narration lines %d of %d (%.0f%%); narration Tab stops %d of %d; "
                        + "title announced in its section up to %d times %s; Tab presses to content %d; "
                        + "ambiguous link texts %d %s; names not starting with visible text %d %s; "
                        + "visible text not in name %d; narration targets under 44x44 %d %s",
                narrationLines, lines, 100 * narrationLineShare(), narrationTabStops, tabStops, maxTitleRepeats(),
                titleRepeats, tabsToContent, ambiguousTexts.size(), ambiguousTexts, nameMismatches.size(),
                nameMismatches, notContained.size(), smallTargets.size(), smallTargets);
    }

    /**
     * Tab presses from where focus is now, at most 400, and after each what has focus ({@link #FOCUSED}'s answer; null
     * when nothing in the document has it), up to and including the press after which {@code stop} holds. The presses
     * go in batches, each one WebDriver action, and the page records what has focus as each press ends (its keyup)
     * instead of a round trip to ask after every press. Once {@code stop} holds the page cancels the batch's further
     * presses, so focus is left where a walk of single presses leaves it (the next walk starts from there). A press
     * that takes focus out of the document (its keydown seen, its keyup not) cannot be cancelled after: that throws.
     */
    private record TabWalk(ChromeDriver driver, int batch, String stop) implements Iterable<List<Object>> {
        static final int BATCH = 16;
        static final int MOST = 400;
        /** Stops: back on the skip link after at least one stop, or nothing focused. */
        static final String AROUND = "around";
        /** Stops: past the first paragraph, or nothing focused. */
        static final String PAST_PARAGRAPH = "paragraph";
        /** Arguments: the stop's name, the presses made before this batch. */
        private static final String RECORD = """
                const focused = () => { %s };
                const stops = {around: (s, i) => s === null || (i > 0 && s[2]), paragraph: s => s === null || s[1], none: () => false};
                if (!window.__axTabs) {
                  window.addEventListener('keydown', e => {
                    const t = window.__axTabs;
                    if (e.key !== 'Tab') return;
                    if (t.stopped) { e.preventDefault(); return; }
                    t.pending = true;
                    t.seen.push(null);
                  }, true);
                  window.addEventListener('keyup', e => {
                    const t = window.__axTabs;
                    if (e.key !== 'Tab' || (t.stopped && !t.pending)) return;
                    if (!t.pending) { t.left = true; return; }
                    const s = focused();
                    t.seen[t.seen.length - 1] = s;
                    t.pending = false;
                    if (t.stop(s, t.before + t.seen.length - 1)) t.stopped = true;
                  }, true);
                }
                window.__axTabs = {pending: false, stopped: false, left: false, seen: [], stop: stops[arguments[0]], before: arguments[1]};""".formatted(FOCUSED);

        @Override
        public Iterator<List<Object>> iterator() {
            return new Iterator<>() {
                private final List<List<Object>> seen = new ArrayList<>();
                private int pressed;
                private int next;

                @Override
                public boolean hasNext() {
                    return next < MOST;
                }

                @Override
                @SuppressWarnings("unchecked")
                public List<Object> next() {
                    if (next == pressed) {
                        int n = Math.min(batch, MOST - pressed);
                        driver.executeScript(RECORD, stop, pressed);
                        CharSequence[] tabs = new CharSequence[n];
                        java.util.Arrays.fill(tabs, Keys.TAB);
                        new Actions(driver).sendKeys(tabs).perform();
                        Map<String, Object> walk = (Map<String, Object>) driver.executeScript(
                                "const t = window.__axTabs; return {seen: t.seen, left: t.left || t.pending, stopped: t.stopped};");
                        if (Boolean.TRUE.equals(walk.get("left"))) throw new IllegalStateException("focus left the document during a Tab walk"
                                + " on " + driver.getCurrentUrl() + ": measure it with one press per round trip");
                        List<List<Object>> got = (List<List<Object>>) walk.get("seen");
                        if (got.size() < n && !Boolean.TRUE.equals(walk.get("stopped"))) throw new IllegalStateException(
                                "the page saw " + got.size() + " of " + n + " Tab presses on " + driver.getCurrentUrl());
                        seen.addAll(got);
                        pressed += n;
                    }
                    if (next >= seen.size()) throw new java.util.NoSuchElementException("the walk stopped");
                    return seen.get(next++);
                }
            };
        }
    }

    /** An emulated browse-mode reading of the accessibility tree. */
    private static final class Reading {
        final Dom dom;
        final Map<String, Map<String, Object>> byId;
        final Map<Integer, String> names = new HashMap<>();
        final Map<String, Integer> repeats = new LinkedHashMap<>();
        final List<String> narrationSaid = new ArrayList<>();
        int lines;
        int narrationLines;

        Reading(Dom dom, Map<String, Map<String, Object>> byId) {
            this.dom = dom;
            this.byId = byId;
        }

        @SuppressWarnings("unchecked")
        void walk(Map<String, Object> node, boolean narration, String section) {
            Integer backend = node.get("backendDOMNodeId") instanceof Number n ? n.intValue() : null;
            boolean inNarration = narration || (backend != null && dom.narration().contains(backend));
            String mySection = section;
            boolean ignored = Boolean.TRUE.equals(node.get("ignored"));
            String role = value(node.get("role"));
            String name = value(node.get("name")).replaceAll("\\s+", " ").trim();
            if (backend != null && dom.sections().containsKey(backend)) {
                mySection = dom.sections().get(backend);
                repeats.putIfAbsent(mySection, 0);
                // Entering a named region: the screen reader announces its name.
                if (!ignored && mentions(name, mySection)) repeats.merge(mySection, 1, Integer::sum);
            }
            if (!ignored) {
                boolean line = CONTROL_ROLES.contains(role) || role.equals("heading") || role.equals("image")
                        || role.equals("StaticText");
                if (line) {
                    // NVDA's browse mode breaks text into lines of at most 100 characters (its default).
                    int count = role.equals("StaticText") ? Math.max(1, (name.length() + 99) / 100) : 1;
                    lines += count;
                    if (inNarration) {
                        narrationLines += count;
                        narrationSaid.add(role + " '" + name + "'");
                    }
                    if (mySection != null && mentions(name, mySection)) repeats.merge(mySection, 1, Integer::sum);
                    return;
                }
            }
            for (Object child : (List<Object>) node.getOrDefault("childIds", List.of())) {
                Map<String, Object> c = byId.get((String) child);
                if (c != null) walk(c, inNarration, mySection);
            }
        }

        private static boolean mentions(String text, String title) {
            return !title.isEmpty() && text.toLowerCase(Locale.ROOT).contains(title.toLowerCase(Locale.ROOT));
        }

        @SuppressWarnings("unchecked")
        private static String value(Object property) {
            if (property instanceof Map<?, ?> map && map.get("value") != null) return String.valueOf(map.get("value"));
            return "";
        }
    }

    /** The marked DOM nodes, by their backend node ids (the ids the accessibility tree refers to). */
    private record Dom(Set<Integer> narration, Map<Integer, String> sections, Map<Integer, Link> links) {
        record Link(int backendId, String href, String visible) {}

        /**
         * One DOM.getDocument call gives every node with its attributes and backend id; the marked ones are picked out
         * of it in document order (children only, as querySelectorAll on the document would: not frames' documents,
         * shadow roots or template contents).
         */
        @SuppressWarnings("unchecked")
        static Dom read(ChromeDriver driver) {
            Map<String, Object> document = driver.executeCdpCommand("DOM.getDocument", Map.of("depth", -1));
            Set<Integer> narration = new HashSet<>();
            Map<Integer, String> sections = new HashMap<>();
            Map<Integer, Link> links = new LinkedHashMap<>();
            String origin = (String) driver.executeScript("return location.origin + location.pathname;");
            List<Map<String, Object>> todo = new ArrayList<>(List.of((Map<String, Object>) document.get("root")));
            while (!todo.isEmpty()) {
                Map<String, Object> node = todo.remove(todo.size() - 1);
                List<Object> children = (List<Object>) node.getOrDefault("children", List.of());
                for (int i = children.size() - 1; i >= 0; i--) todo.add((Map<String, Object>) children.get(i));
                Map<String, String> attrs = new HashMap<>();
                List<Object> list = (List<Object>) node.getOrDefault("attributes", List.of());
                for (int i = 0; i + 1 < list.size(); i += 2) attrs.put((String) list.get(i), (String) list.get(i + 1));
                int id = ((Number) node.get("backendNodeId")).intValue();
                if (attrs.containsKey("data-ax-narration")) narration.add(id);
                if (attrs.containsKey("data-ax-section")) sections.put(id, attrs.get("data-ax-section"));
                if (attrs.containsKey("data-ax-link")) {
                    String href = attrs.get("href");
                    String place = href.startsWith("#") ? origin + href : href;
                    links.put(id, new Link(id, place, attrs.getOrDefault("data-ax-visible", "")));
                }
            }
            return new Dom(narration, sections, links);
        }
    }
}
