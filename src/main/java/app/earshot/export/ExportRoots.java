package app.earshot.export;

import app.earshot.content.Page;
import app.earshot.content.PodcastSettings;
import app.earshot.content.Site;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry points of a static export that no page links to: the feeds and their cover art, the playlists, the
 * talking books, the VoiceXML menus and the JSON API. The exporter follows every URL these name as well.
 */
public final class ExportRoots {
    private ExportRoots() {}

    /** The unlinked paths of {@code site}, in a stable order. */
    public static List<String> of(Site site) {
        List<String> roots = new ArrayList<>(List.of("/feed.xml", "/sitemap.xml",
                "/artwork." + site.podcast().artwork().map(PodcastSettings.Artwork::extension).orElse("png"),
                "/api/pages.json", "/api/openapi.json", "/ivr.vxml"));
        for (String language : site.languages()) {
            if (!language.equals(site.language())) roots.add(app.earshot.feed.PodcastFeed.sitePath(site.language(), language));
        }
        // The site-wide line's topic menus (those not at its start are documents of their own).
        app.earshot.ivr.SiteMenu line = app.earshot.ivr.SiteMenu.of(site);
        for (int t = 0; t < line.topics().size() && line.topicLevel().heard(); t++) {
            if (line.pageLevel(t).heard()) roots.add("/ivr/" + line.topics().get(t).topic().id() + ".topic.vxml");
        }
        for (Page page : site.pages()) {
            String slug = page.slug();
            roots.addAll(List.of("/" + slug + "/feed.xml", "/" + slug + ".m3u", "/" + slug + ".m3u8", "/" + slug + ".epub",
                    "/ivr/" + slug + ".vxml", "/api/pages/" + slug + ".json"));
            // The page on the site-wide line (a one-page site's line is /ivr.vxml alone).
            if (site.pages().size() > 1) roots.add("/ivr/" + slug + ".site.vxml");
        }
        return roots;
    }
}
