package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PageRoutesTest {
    /** The fixture page's level-two headings as written in its Markdown. */
    static final List<String> SEED_HEADINGS = Fixture.headings(2);

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    /** The fixture page's title (its only h1, and the heading of one of its sections). */
    static String title() {
        return server.site().page(Fixture.PAGE).orElseThrow().title();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void wholePageHasOneH1AndEverySeedHeadingInOrder() {
        Document doc = server.html("/about-ketamine");
        assertEquals(List.of(title()), doc.select("h1").eachText());
        assertEquals(SEED_HEADINGS, doc.select("main section > h2").eachText());
    }

    @Test
    void everySectionIsNamedOnceByItsOwnHeading() {
        Elements sections = server.html("/about-ketamine").select("main section");
        assertEquals(SEED_HEADINGS.size(), sections.size());
        for (Element section : sections) {
            // A heading, and no region name besides: Orca said "region X" and then "X heading level 2" (issue 26).
            assertEquals("h2", section.child(0).tagName(), section.id());
            assertFalse(section.hasAttr("aria-labelledby") || section.hasAttr("aria-label") || section.hasAttr("role"), section.id());
        }
    }

    @Test
    void sectionIdsAreStableSlugsOfTheirHeadings() {
        List<String> ids = server.html("/about-ketamine").select("main section").eachAttr("id");
        assertEquals(List.of("a-revolutionary-approach-to-mental-health-treatment", "about-ketamine",
                "fda-breakthrough-status", "key-facts-about-ketamine", "how-does-ketamine-work",
                "conditions-ketamine-can-treat", "ketamine-vs-traditional-antidepressants",
                "safety-considerations", "research-evidence", "is-ketamine-therapy-right-for-you"), ids);
    }

    @Test
    void subHeadingsAreLevelThreeOnTheWholePage() {
        Elements h3 = server.html("/about-ketamine").select("#conditions-ketamine-can-treat h3:not(.care-title)");
        assertEquals(List.of("Depression", "Anxiety Disorders", "PTSD & Trauma", "Other Conditions"), h3.eachText());
    }

    @Test
    void subHeadingsMoveUpToLevelTwoOnTheSectionPage() {
        Document doc = server.html("/about-ketamine/how-does-ketamine-work");
        assertEquals(List.of("NMDA Receptor Blockade", "Neuroplasticity", "Rapid Relief"), doc.select("main h2").eachText().subList(0, 3));
        assertTrue(doc.select("main h3").isEmpty());
    }

    @Test
    void comparisonIsARealTableWithCaptionAndScopedHeaders() {
        Element table = server.html("/about-ketamine").selectFirst("#ketamine-vs-traditional-antidepressants table");
        assertNotNull(table);
        assertFalse(table.select("caption").text().isBlank());
        assertEquals(List.of("Factor", "Traditional Antidepressants", "Ketamine Therapy"), table.select("thead th[scope=col]").eachText());
        assertEquals(List.of("Time to Effect", "Mechanism of Action", "Treatment-Resistant Cases", "Suicidal Ideation", "Sexual Side Effects"),
                table.select("tbody th[scope=row]").eachText());
        assertEquals(List.of("4-6 weeks or longer", "Hours to days"), table.select("tbody tr").first().select("td").eachText());
    }

    @Test
    void listsAreRealListsWithoutBulletCharacters() {
        Document doc = server.html("/about-ketamine");
        Elements items = doc.select("main li");
        assertTrue(doc.select("#key-facts-about-ketamine > ul > li").size() == 5);
        for (Element li : items) {
            assertFalse(li.text().matches("^[\\u2022\\u00b7*\\-\\u2013].*"), "bullet character in: " + li.text());
        }
    }

    @Test
    void statisticsKeepTheirNumbersAndMeaningsTogether() {
        List<String> stats = server.html("/about-ketamine").select("#research-evidence > ul > li").eachText();
        assertEquals(List.of("70%: Response rate in treatment-resistant depression studies",
                "24hrs: Time to significant improvement in many patients",
                "500+: Published research studies on ketamine therapy"), stats);
    }

    @Test
    void reviewDatesAreShownWithMachineReadableTimes() {
        Document doc = server.html("/about-ketamine/fda-breakthrough-status");
        Elements times = doc.select(".review-dates time[datetime]");
        assertEquals(2, times.size());
        assertTrue(times.get(0).parent().text().startsWith("Page last reviewed"));
        assertTrue(times.get(1).parent().text().startsWith("Next review due"));
        assertTrue(times.get(0).attr("datetime").matches("\\d{4}-\\d{2}-\\d{2}"));
    }

    @Test
    void sectionPageLinksToNeighboursWholePageAndBreadcrumb() {
        Document doc = server.html("/about-ketamine/fda-breakthrough-status");
        assertEquals("FDA Breakthrough Status", doc.selectFirst("h1").text());
        assertEquals("/about-ketamine/about-ketamine", doc.selectFirst("a[rel=prev]").attr("href"));
        assertEquals("/about-ketamine/key-facts-about-ketamine", doc.selectFirst("a[rel=next]").attr("href"));
        assertEquals(List.of("/about-ketamine"), doc.select("nav[aria-label=Breadcrumb] a").eachAttr("href"));
        assertFalse(doc.select("main a[href^=/about-ketamine#]").isEmpty());
    }

    @Test
    void firstSectionHasNoPreviousAndLastHasNoNext() {
        assertTrue(server.html("/about-ketamine/introduction").select("a[rel=prev]").isEmpty());
        assertTrue(server.html("/about-ketamine/is-ketamine-therapy-right-for-you").select("a[rel=next]").isEmpty());
    }

    @Test
    void homeListsPagesWithTitleAndSummary() {
        Document doc = server.html("/");
        assertEquals(title(), doc.selectFirst(".page-list a[href=/about-ketamine]").text());
        assertTrue(doc.select(".page-list").text().contains("Understanding the breakthrough treatment"));
    }

    @Test
    void everyPageHasLangUniqueTitleSkipLinkAndLandmarks() {
        for (String path : List.of("/", "/about-ketamine", "/about-ketamine/research-evidence", "/no-such-page")) {
            Document doc = server.html(path);
            assertEquals("en", doc.selectFirst("html").attr("lang"), path);
            Element first = doc.selectFirst("a[href], button, input, select, textarea, [tabindex]:not([tabindex=-1])");
            assertEquals("#main", first.attr("href"), path + ": skip link must come first");
            assertNotNull(doc.selectFirst("main#main"), path);
            assertNotNull(doc.selectFirst("header"), path);
            assertNotNull(doc.selectFirst("footer"), path);
            assertFalse(doc.select("nav[aria-label], nav[aria-labelledby]").isEmpty(), path);
            assertEquals(doc.select("nav").size(), doc.select("nav[aria-label], nav[aria-labelledby]").size(), path + ": every nav is named");
            assertEquals(1, doc.select("h1").size(), path);
        }
    }

    @Test
    void titlesAreUniqueAcrossRoutes() {
        List<String> titles = List.of("/", "/about-ketamine", "/about-ketamine/about-ketamine", "/about-ketamine/introduction")
                .stream().map(p -> server.html(p).title()).toList();
        assertEquals(titles.size(), titles.stream().distinct().count(), titles.toString());
        // Issue 22: the page's title is not said twice in a section's title.
        assertEquals(title() + " (section) \u2013 Earshot Patient Library", titles.get(2));
    }

    @Test
    void noHeadingLevelIsSkipped() {
        for (String path : List.of("/", "/about-ketamine", "/about-ketamine/conditions-ketamine-can-treat", "/nope")) {
            int previous = 0;
            for (Element h : server.html(path).select("h1, h2, h3, h4, h5, h6")) {
                int level = h.tagName().charAt(1) - '0';
                assertTrue(level <= previous + 1, path + ": " + h.tagName() + " '" + h.text() + "' follows h" + previous);
                previous = level;
            }
        }
    }

    @Test
    void viewportNeverBlocksZoom() {
        String viewport = server.html("/about-ketamine").selectFirst("meta[name=viewport]").attr("content");
        assertFalse(viewport.contains("user-scalable=no") || viewport.contains("maximum-scale"), viewport);
    }

    @Test
    void noInlineScriptsNoInlineStylesNoThirdParties() {
        for (String path : List.of("/", "/about-ketamine", "/about-ketamine/research-evidence", "/nope")) {
            Document doc = server.html(path);
            assertTrue(doc.select("script:not([src]), [style], style, [onclick]").isEmpty(), path);
            // Issue 11 allows exactly one script, the read-along, and only on pages with a player.
            for (Element script : doc.select("script[src]")) {
                assertTrue(script.attr("src").matches("/static/[0-9a-f]{12}/readalong\\.js") && script.hasAttr("defer"), path);
            }
            for (Element el : doc.select("[src], link[href]")) {
                String url = el.hasAttr("src") ? el.attr("src") : el.attr("href");
                assertTrue(url.startsWith("/"), path + ": external resource " + url);
            }
        }
    }

    @Test
    void stylesheetIsServedWithLongLivedCachingUnderAVersionedPath() {
        String href = server.html("/").selectFirst("link[rel=stylesheet]").attr("href");
        assertTrue(href.matches("/static/[0-9a-f]{12}/earshot\\.css"), href);
        HttpResponse<String> css = server.get(href);
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(css.headers().firstValue("Cache-Control").orElse("").contains("max-age=31536000"));
        assertTrue(css.body().contains("prefers-color-scheme: dark") && css.body().contains("forced-colors") && css.body().contains("@media print"));
    }

    @Test
    void unknownPageIsA404InTheSameLayout() {
        HttpResponse<String> response = server.get("/no-such-page");
        assertEquals(404, response.statusCode());
        Document doc = org.jsoup.Jsoup.parse(response.body());
        assertEquals("Page not found", doc.selectFirst("h1").text());
        assertNotNull(doc.selectFirst("a.skip-link[href=#main]"));
    }

    @Test
    void unknownSectionIsA404() {
        assertEquals(404, server.get("/about-ketamine/no-such-section").statusCode());
    }

    /**
     * A stale link to a section: the page it names exists, and the error page leads to it (Orca heard "Page not
     * found", "This page has no section with that name." and then only the topics and the home page: "this page" was
     * never named, and a listener had to find it again from the home page).
     */
    @Test
    void anUnknownSectionsErrorPageLinksItsPage() {
        Document doc = org.jsoup.Jsoup.parse(server.get("/about-ketamine/no-such-section").body());
        Element link = doc.selectFirst("main a[href=/about-ketamine]");
        assertNotNull(link, doc.select("main").html());
        assertEquals("Go to About Ketamine", link.text());
        assertTrue(doc.selectFirst("main h1 + p").text().contains("About Ketamine"), doc.selectFirst("main h1 + p").text());
    }

    @Test
    void otherMethodsAre405WithAllow() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = server.request(method, "/about-ketamine");
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET, HEAD, OPTIONS", response.headers().firstValue("Allow").orElse(""), method);
        }
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        HttpResponse<String> head = server.request("HEAD", "/about-ketamine");
        assertEquals(200, head.statusCode());
        assertTrue(head.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("", head.body());
    }

    @Test
    void healthReportsStatusAndCounts() throws Exception {
        HttpResponse<String> response = server.get("/healthz");
        assertEquals(200, response.statusCode());
        var health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertEquals("ok", health.get("status").asText());
        assertEquals(1, health.get("pages").asInt());
        assertEquals(Fixture.sectionCount(), health.get("sections").asInt());
        assertEquals(Fixture.sectionCount(), health.at("/audio/total").asInt());
    }

    @Test
    void securityHeadersAndNoCookiesOnEveryResponse() {
        for (String path : List.of("/", "/about-ketamine", "/nope", "/healthz", "/%2e%2e/%2e%2e/etc/passwd")) {
            HttpResponse<String> response = server.get(path);
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            for (String directive : List.of("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")) {
                assertTrue(csp.contains(directive), path + " CSP lacks " + directive);
            }
            assertFalse(csp.contains("unsafe-inline"), path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""), path);
            assertTrue(response.headers().firstValue("Permissions-Policy").isPresent(), path);
            assertTrue(response.headers().allValues("Set-Cookie").isEmpty(), path);
            assertFalse(response.headers().firstValue("Server").orElse("").matches(".*\\d.*"), path + ": server version leaked");
        }
    }

    /**
     * On Tab a screen reader says each link's name: on a section page the breadcrumb's link to the page and the
     * "Section 4 of 11 of What is Ketamine?" line's link to the same page came one after the other, so Orca said
     * "What is Ketamine? link." twice. No two links in a row lead to the same place with the same name, on any section
     * page; the position line names the page in words, and the breadcrumb (just before the content) links it.
     */
    @Test
    void noTwoLinksInARowOnASectionPageLeadToTheSamePlaceWithTheSameName() {
        for (var section : server.site().page(Fixture.PAGE).orElseThrow().sections()) {
            String path = "/" + Fixture.PAGE + "/" + section.id();
            Document doc = server.html(path);
            Elements links = doc.select("body a[href]");
            for (int i = 1; i < links.size(); i++) {
                Element before = links.get(i - 1), link = links.get(i);
                assertFalse(before.attr("href").equals(link.attr("href")) && before.text().equals(link.text()),
                        path + ": \"" + link.text() + "\" (" + link.attr("href") + ") twice in a row");
            }
            assertEquals(title(), doc.selectFirst("main .part-of .part-of-page").text(), path);
        }
    }
}
