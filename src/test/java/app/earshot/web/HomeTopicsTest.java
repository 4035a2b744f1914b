package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The home page of a library groups its pages by topic, each topic a real heading, in site.yaml's order. */
class HomeTopicsTest {
    static final Path LIBRARY = Path.of("src/test/resources/library");
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(LIBRARY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void topicsAreLevelTwoHeadingsInSiteOrderAndEmptyTopicsAreLeftOut() {
        assertEquals(List.of("Treatments", "Preparing for a visit", "Aftercare", "Billing"),
                server.html("/").select("main h2").eachText());
    }

    @Test
    void eachPageIsALevelThreeHeadingUnderItsTopic() {
        Element list = server.html("/").selectFirst("h2:containsOwn(Aftercare) + ul");
        assertEquals(List.of("/after-your-session"), list.select("h3 a").eachAttr("href"));
    }

    @Test
    void siteNavigationLinksToTheTopicsNotToEveryPage() {
        Document doc = server.html("/ketamine-infusions");
        // The home page itself is the site name's link, the one link home before the content (issue 22).
        assertEquals(List.of("/#topic-treatments", "/#topic-preparing-for-a-visit", "/#topic-aftercare", "/#topic-billing"),
                doc.select("nav[aria-label=Site] a").eachAttr("href"));
    }

    @Test
    void topicLinksLandOnTheirHeading() {
        assertEquals("Billing", server.html("/").getElementById("topic-billing").text());
    }
}
