package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A page and its translation name each other: html lang, hreflang alternates both ways, a visible link in the other language. */
class TranslationLinksTest {
    static final String ENGLISH = "about-ketamine";
    static final String SPANISH = "acerca-de-la-ketamina";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(app.earshot.Fixture.BILINGUAL);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every view of every page: the page, each section page, the transcript and each section's transcript. */
    static List<String> views() {
        List<String> paths = new ArrayList<>();
        for (Page page : server.site().pages()) {
            paths.add("/" + page.slug());
            paths.add("/" + page.slug() + "/transcript");
            for (Section s : page.sections()) {
                paths.add("/" + page.slug() + "/" + s.id());
                paths.add("/" + page.slug() + "/" + s.id() + "/transcript");
            }
        }
        return paths;
    }

    /** hreflang to absolute href of one view's head. */
    static Map<String, String> alternates(Document doc) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element link : doc.select("head link[rel=alternate][hreflang]")) out.put(link.attr("hreflang"), link.attr("href"));
        return out;
    }

    /** {@code link} leads to {@code href}, in the language {@code tag} (lang and hreflang), saying {@code text}. */
    static void assertLanguageLink(Element link, String href, String tag, String text) {
        assertEquals(List.of(href, tag, tag, text), List.of(link.attr("href"), link.attr("lang"), link.attr("hreflang"), link.text()));
    }

    @Test
    void everyViewIsInItsPagesLanguage() {
        for (String path : views()) {
            String expected = path.startsWith("/" + SPANISH) ? "es" : "en";
            assertEquals(expected, server.html(path).selectFirst("html").attr("lang"), path);
        }
    }

    /**
     * The site's name is in the site's language on every view, and marked so on a view in another: on /es/ Orca read
     * "Earshot Patient Library" with the Spanish voice (orca-transcript.sh, Orca's debug log: language='es').
     */
    @Test
    void theSiteNameIsSaidInTheSitesLanguageOnEveryView() {
        List<String> paths = new ArrayList<>(views());
        paths.addAll(List.of("/", "/es/", "/search?q=ketamina&lang=es", "/search", "/" + SPANISH + "/no-existe"));
        for (String path : paths) {
            Element name = org.jsoup.Jsoup.parse(server.get(path).body()).selectFirst(".site-name a");
            String lang = name.closest("[lang]").attr("lang");
            assertEquals("en", lang, path + ": " + name.outerHtml());
        }
    }

    /** Only the site's own home is the current page of the home link ("/"): /es/ is another page. */
    @Test
    void theHomeLinkIsTheCurrentPageOnlyOnTheHomePage() {
        assertEquals("page", server.html("/").selectFirst(".site-name a").attr("aria-current"));
        assertEquals("", server.html("/es/").selectFirst(".site-name a").attr("aria-current"));
    }

    @Test
    void everyViewNamesItselfItsTranslationAndTheDefaultAndEveryAlternateLinksBack() {
        for (String path : views()) {
            Map<String, String> mine = alternates(server.html(path));
            String language = path.startsWith("/" + SPANISH) ? "es" : "en";
            assertEquals(List.of("en", "es", "x-default").stream().sorted().toList(), mine.keySet().stream().sorted().toList(), path);
            assertEquals(server.url(path), mine.get(language), path);
            assertEquals(mine.get("en"), mine.get("x-default"), path);
            for (var alternate : mine.entrySet()) {
                String there = alternate.getValue().substring(server.url("").length());
                Map<String, String> theirs = alternates(server.html(there));
                assertEquals(server.url(path), theirs.get(language), path + " -> " + there);
                assertEquals(alternate.getValue(), theirs.get(alternate.getKey().equals("x-default") ? "en" : alternate.getKey()));
            }
        }
    }

    @Test
    void aSectionPageLinksToTheTranslationsSectionInTheSamePosition() {
        Page english = server.site().page(ENGLISH).orElseThrow();
        Page spanish = server.site().page(SPANISH).orElseThrow();
        Document doc = server.html("/" + ENGLISH + "/" + english.sections().get(3).id());
        assertEquals(server.url("/" + SPANISH + "/" + spanish.sections().get(3).id()), alternates(doc).get("es"));
    }

    @Test
    void theEnglishPageLinksVisiblyToTheSpanishOneInSpanishRightAfterItsHeading() {
        assertLanguageLink(server.html("/" + ENGLISH).selectFirst("header p.translations a"), "/" + SPANISH, "es", "Español");
    }

    @Test
    void theUnreviewedSpanishPageSaysSoInSpanishRightAfterItsHeadingAndLinksToTheEnglishOnceInEnglish() {
        Document doc = server.html("/" + SPANISH);
        Element notice = doc.selectFirst("h1 + p.translation-notice");
        assertEquals("Esta traducción no ha sido revisada por un traductor médico calificado. Read the original in English",
                notice.text());
        assertLanguageLink(notice.selectFirst("a"), "/" + ENGLISH, "en", "Read the original in English");
        assertEquals(1, doc.select("main a[href=/" + ENGLISH + "]").size(), "one link to the original, not two");
        assertEquals(0, doc.select("p.translations").size());
    }

    @Test
    void theUnreviewedNoticeIsOnTheTranslationsSectionPagesAndTranscriptsLinkingToTheSameViewOfTheOriginal() {
        Page english = server.site().page(ENGLISH).orElseThrow();
        Page spanish = server.site().page(SPANISH).orElseThrow();
        String section = "/" + SPANISH + "/" + spanish.sections().get(2).id();
        assertEquals("/" + ENGLISH + "/" + english.sections().get(2).id(),
                server.html(section).selectFirst("h1 + p.translation-notice a").attr("href"));
        assertEquals("/" + ENGLISH + "/transcript",
                server.html("/" + SPANISH + "/transcript").selectFirst("h1 + p.translation-notice a").attr("href"));
    }

    @Test
    void theEnglishPageHasNoNotice() {
        assertEquals(0, server.html("/" + ENGLISH).select(".translation-notice").size());
    }

    @Test
    void aReviewedTranslationHasNoNoticeAndTheOrdinaryLinkBack(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        TestServer.copyTree(app.earshot.Fixture.BILINGUAL, dir);
        Path spanish = dir.resolve("pages/" + SPANISH + ".md");
        java.nio.file.Files.writeString(spanish, java.nio.file.Files.readString(spanish)
                .replace("translation-reviewed: false", "translation-reviewed: true"));
        try (TestServer reviewed = TestServer.start(dir)) {
            Document doc = reviewed.html("/" + SPANISH);
            assertEquals(0, doc.select(".translation-notice").size());
            assertLanguageLink(doc.selectFirst("header p.translations a"), "/" + ENGLISH, "en", "English");
        }
    }

    @Test
    void alternatesFollowTheForwardedOriginOfEachRequest() throws Exception {
        var response = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/" + ENGLISH)))
                .header("X-Forwarded-Host", "library.example.org").header("X-Forwarded-Proto", "https").build());
        Map<String, String> there = alternates(org.jsoup.Jsoup.parse(response.body()));
        assertEquals("https://library.example.org/" + SPANISH, there.get("es"));
        assertTrue(alternates(server.html("/" + ENGLISH)).get("es").startsWith(server.url("/")), "the next request's own origin");
    }

    @Test
    void theSitemapListsEveryLanguageVersionOfEachPageAndSectionBothWays() throws Exception {
        var response = server.getBytes("/sitemap.xml");
        org.w3c.dom.Document doc = SitemapRoutesTest.parse(response.body());
        Map<String, Map<String, String>> byLoc = new LinkedHashMap<>();
        org.w3c.dom.NodeList urls = doc.getElementsByTagNameNS(SitemapRoutes.NAMESPACE, "url");
        for (int i = 0; i < urls.getLength(); i++) {
            org.w3c.dom.Element url = (org.w3c.dom.Element) urls.item(i);
            Map<String, String> versions = new LinkedHashMap<>();
            org.w3c.dom.NodeList links = url.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link");
            for (int j = 0; j < links.getLength(); j++) {
                org.w3c.dom.Element link = (org.w3c.dom.Element) links.item(j);
                assertEquals("alternate", link.getAttribute("rel"));
                versions.put(link.getAttribute("hreflang"), link.getAttribute("href"));
            }
            byLoc.put(url.getElementsByTagNameNS(SitemapRoutes.NAMESPACE, "loc").item(0).getTextContent(), versions);
        }
        assertEquals(Map.of("en", server.url("/" + ENGLISH), "es", server.url("/" + SPANISH), "x-default",
                server.url("/" + ENGLISH)), byLoc.get(server.url("/" + SPANISH)));
        assertEquals(Map.of(), byLoc.get(server.url("/")));
        int pairs = 0;
        for (var entry : byLoc.entrySet()) {
            String language = entry.getKey().startsWith(server.url("/" + SPANISH)) ? "es" : "en";
            if (!entry.getKey().equals(server.url("/"))) assertEquals(entry.getKey(), entry.getValue().get(language), entry.getKey());
            for (var alternate : entry.getValue().entrySet()) {
                assertEquals(entry.getKey(), byLoc.get(alternate.getValue()).get(language), entry.getKey() + " -> " + alternate);
                pairs++;
            }
        }
        assertEquals(2 * (1 + server.site().page(ENGLISH).orElseThrow().sections().size()) * 3, pairs);
    }

    @Test
    void theSpanishHomeListsTheSpanishPagesUnderSpanishTopicsInSpanish() {
        Document doc = server.html("/es/");
        assertEquals("es", doc.selectFirst("html").attr("lang"));
        assertEquals("Información para pacientes en español", doc.selectFirst("h1").text());
        assertEquals("Tratamientos", doc.selectFirst("main h2").text());
        assertEquals(List.of("/" + SPANISH), doc.select("main .page-list a").eachAttr("href"));
        assertLanguageLink(doc.selectFirst("header p.translations a"), "/", "en", "English");
    }

    @Test
    void theHomeListsTheSitesLanguagePagesAndLinksToTheSpanishHomeInSpanish() {
        Document doc = server.html("/");
        assertEquals(List.of("/" + ENGLISH), doc.select("main .page-list a").eachAttr("href"));
        assertLanguageLink(doc.selectFirst("header p.translations a"), "/es/", "es", "Español");
    }

    @Test
    void aSpanishPagesNavigationNamesTheSpanishHomesTopicsInSpanish() {
        Document doc = server.html("/" + SPANISH);
        assertEquals(List.of("Tratamientos"), doc.select("nav.site-nav a").eachText());
        assertEquals(List.of("/es/#topic-treatments"), doc.select("nav.site-nav a").eachAttr("href"));
        assertEquals(List.of("Treatments"), server.html("/" + ENGLISH).select("nav.site-nav a").eachText());
    }

    @Test
    void onlyTheOtherLanguagesTheSiteListsHaveAHome() {
        assertEquals(200, server.get("/es").statusCode());
        assertEquals(404, server.get("/fr/").statusCode());
        assertEquals(404, server.get("/en/").statusCode(), "the site's own language's home is /");
    }
    /**
     * The API's size of each page's and section's HTML is the size served: a page with translations carries its alternates
     * and translation links, which the API's own rendering left out (it claimed 360-675 bytes fewer for all 24 HTML
     * renderings of the bundled site, whose two pages translate each other).
     */
    @Test
    void theApiGivesTheSizeOfTheHtmlAsServed() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Page page : server.site().pages()) {
            if (server.site().translations(page).isEmpty()) continue;
            var entry = json.readTree(server.complete("/api/pages/" + page.slug() + ".json").body());
            List<com.fasterxml.jackson.databind.JsonNode> html = new ArrayList<>();
            html.add(entry.get("formats").get("html"));
            entry.get("sections").forEach(section -> html.add(section.get("formats").get("html")));
            for (var rendering : html) {
                String url = rendering.get("url").asText();
                var served = server.getBytes(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)));
                assertEquals(200, served.statusCode(), url);
                assertEquals(served.body().length, rendering.get("bytes").asLong(), url);
            }
        }
    }
}
