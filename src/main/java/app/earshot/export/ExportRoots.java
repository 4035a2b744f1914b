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
        // The site-wide line: in the site's language at /ivr.vxml, and on a site of several languages each language's
        // line after the language menu, under /ivr/{lang}/.
        List<app.earshot.ivr.SiteMenu> lines = new ArrayList<>(List.of(app.earshot.ivr.SiteMenu.of(site)));
        if (site.languages().size() > 1) for (String language : site.languages()) lines.add(app.earshot.ivr.SiteMenu.of(site, language));
        List<String> linePages = new ArrayList<>();
        for (app.earshot.ivr.SiteMenu line : lines) {
            String dir = line.line().isEmpty() ? "/ivr/" : "/ivr/" + line.line() + "/";
            if (!line.line().isEmpty()) roots.add(dir + "ivr.vxml");
            // Its topic menus (those not at its start are documents of their own).
            for (int t = 0; t < line.topics().size() && line.topicLevel().heard(); t++) {
                if (line.level(t).heard()) roots.add(dir + line.topics().get(t).topic().id() + ".topic.vxml");
            }
            // Its pages (a line of one page is its start document alone).
            if (line.pageCount() > 1 && !line.line().isEmpty()) {
                for (app.earshot.ivr.SiteMenu.TopicPages t : line.topics()) for (int p : t.pages()) linePages.add(dir + site.pages().get(p).slug() + ".site.vxml");
            }
        }
        for (Page page : site.pages()) {
            String slug = page.slug();
            roots.addAll(List.of("/" + slug + "/feed.xml", "/" + slug + ".m3u", "/" + slug + ".m3u8", "/" + slug + ".epub",
                    "/ivr/" + slug + ".vxml", "/api/pages/" + slug + ".json"));
            // The page on the site-wide line in the site's language (a one-page line is /ivr.vxml alone).
            if (lines.get(0).pageCount() > 1 && (lines.size() == 1 || page.language().equals(lines.get(0).language()))) roots.add("/ivr/" + slug + ".site.vxml");
        }
        roots.addAll(linePages);
        return roots;
    }
}
