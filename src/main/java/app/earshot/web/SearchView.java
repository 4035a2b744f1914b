package app.earshot.web;

import app.earshot.content.Languages;
import app.earshot.content.Site;
import app.earshot.messages.Messages;
import app.earshot.search.Excerpt;
import app.earshot.search.Query;
import app.earshot.search.SearchIndex;
import app.earshot.snapshot.Snapshot;
import java.util.List;
import java.util.Map;

/**
 * Builds the model of the search page: the empty search and results (none, one, many), with the site's most urgent
 * callout first when the search is about crisis or found nothing, and a note when part of a long search was left out.
 */
final class SearchView {
    /** One result as listed: the section's link and heading, the page it is from, and the excerpt. */
    public record Result(String href, String title, String pageTitle, List<Excerpt.Part> excerpt, String lang) {}

    /** The urgent help shown first: the callout as written and a link to the section it is in. */
    public record UrgentHelp(String kind, String label, String title, String text, String href, String sectionTitle,
                             String lang) {}

    /** Results in another language than the reader's: both languages, each named in itself, with their tags. */
    public record Elsewhere(String askedName, String asked, String foundName, String found) {}

    private final Views views;

    SearchView(Views views) {
        this.views = views;
    }

    /** The page for {@code results}, in the reader's language (the one the search was read in). */
    Map<String, Object> results(Snapshot now, SearchIndex.Results results) {
        Site site = now.site();
        Messages msg = now.messages(results.asked());
        Query query = results.query();
        if (query.isEmpty()) {
            Map<String, Object> model = views.layout(site, msg, msg.get("search.title") + " \u2013 " + site.title());
            inReadersLanguage(model, site, msg, results);
            model.put("state", "empty");
            model.put("searchQuery", query.text());
            // Typed, but its first word runs past the characters searched: say so, not "type some words".
            model.put("tooLong", query.tooLong());
            model.put("length", query.length());
            model.put("maxLength", Query.MAX_LENGTH);
            model.put("topics", topics(site, msg, results.asked()));
            return model;
        }
        String count = results.more() ? msg.format("search.count.more", results.total()) : switch (results.total()) {
            case 0 -> msg.get("search.count.none");
            case 1 -> msg.get("search.count.one");
            default -> msg.format("search.count.other", results.total());
        };
        Map<String, Object> model = views.layout(site, msg, msg.format("search.for", count) + " " + query.searched()
                + " \u2013 " + site.title());
        inReadersLanguage(model, site, msg, results);
        model.put("state", "results");
        model.put("searchQuery", query.text());
        model.put("searched", query.searched());
        model.put("count", count);
        model.put("total", results.total());
        model.put("shownCount", results.shown().size());
        model.put("dropped", query.dropped());
        model.put("maxTerms", Query.MAX_TERMS);
        model.put("tooLong", query.tooLong());
        model.put("length", query.length());
        model.put("maxLength", Query.MAX_LENGTH);
        model.put("leftOut", query.leftOut());
        model.put("crisis", results.crisis());
        if (results.elsewhere()) model.put("elsewhere", new Elsewhere(Languages.selfName(results.asked()), results.asked(),
                Languages.selfName(results.language()), results.language()));
        results.urgentHelp().ifPresent(c -> model.put("urgentHelp", new UrgentHelp(c.kind(), c.label(), c.title(), c.text(),
                "/" + c.page().slug() + "/" + c.section().id(), title(now, c.page(), c.section()), lang(model, c.page()))));
        if (results.total() == 0) model.put("topics", topics(site, msg, results.asked()));
        model.put("results", results.shown().stream().map(hit -> new Result(
                "/" + hit.page().slug() + "/" + hit.section().id(), title(now, hit.page(), hit.section()),
                hit.page().title(), hit.excerpt().parts(), lang(model, hit.page()))).toList());
        return model;
    }

    private void inReadersLanguage(Map<String, Object> model, Site site, Messages msg, SearchIndex.Results results) {
        model.put("lang", results.asked());
        views.readerLanguage(model, site, msg, results.asked());
    }

    /** The page's language when it is not the results page's own ("" when it is), for a {@code lang} attribute. */
    private static String lang(Map<String, Object> model, app.earshot.content.Page page) {
        return page.language().equals(model.get("lang")) ? "" : page.language();
    }

    /** A section's title in its page's language (marked with it when that is not the results page's). */
    private static String title(Snapshot now, app.earshot.content.Page page, app.earshot.content.Section section) {
        return section.introduction() ? now.messages(page.language()).format("search.introduction-to", page.title()) : section.heading();
    }

    /** The topics of the reader's language's home, in its words (one "Pages" link for a site without topics). */
    private List<Views.Link> topics(Site site, Messages msg, String asked) {
        String language = site.languages().contains(asked) ? asked : site.language();
        if (!site.topics().isEmpty()) return Navigation.links(site, language);
        return Navigation.groups(site).stream().map(t -> new Views.Link(Navigation.home(site, language) + "#" + t.id(),
                msg.get("layout.topics.pages"))).toList();
    }
}
