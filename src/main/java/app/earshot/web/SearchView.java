package app.earshot.web;

import app.earshot.content.Site;
import app.earshot.messages.Messages;
import app.earshot.search.Excerpt;
import app.earshot.search.Query;
import app.earshot.search.SearchIndex;
import java.util.List;
import java.util.Map;

/**
 * Builds the model of the search page: the empty search and results (none, one, many), with the site's most urgent
 * callout first when the search is about crisis or found nothing, and a note when part of a long search was left out.
 */
final class SearchView {
    /** One result as listed: the section's link and heading, the page it is from, and the excerpt. */
    public record Result(String href, String title, String pageTitle, List<Excerpt.Part> excerpt) {}

    /** The urgent help shown first: the callout as written and a link to the section it is in. */
    public record UrgentHelp(String kind, String label, String title, String text, String href, String sectionTitle) {}

    private final Views views;

    SearchView(Views views) {
        this.views = views;
    }

    Map<String, Object> results(Site site, Messages msg, SearchIndex.Results results) {
        Query query = results.query();
        if (query.isEmpty()) {
            Map<String, Object> model = views.layout(site, msg, msg.get("search.title") + " \u2013 " + site.title());
            model.put("state", "empty");
            model.put("searchQuery", query.text());
            model.put("topics", topics(site, msg));
            return model;
        }
        String count = results.more() ? msg.format("search.count.more", results.total()) : switch (results.total()) {
            case 0 -> msg.get("search.count.none");
            case 1 -> msg.get("search.count.one");
            default -> msg.format("search.count.other", results.total());
        };
        Map<String, Object> model = views.layout(site, msg, msg.format("search.for", count) + " " + query.searched()
                + " \u2013 " + site.title());
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
        results.urgentHelp().ifPresent(c -> model.put("urgentHelp", new UrgentHelp(c.kind(), c.label(), c.title(), c.text(),
                "/" + c.page().slug() + "/" + c.section().id(), title(c.page(), c.section(), msg))));
        if (results.total() == 0) model.put("topics", topics(site, msg));
        model.put("results", results.shown().stream().map(hit -> new Result(
                "/" + hit.page().slug() + "/" + hit.section().id(), title(hit.page(), hit.section(), msg),
                hit.page().title(), hit.excerpt().parts())).toList());
        return model;
    }

    private static String title(app.earshot.content.Page page, app.earshot.content.Section section, Messages msg) {
        return section.introduction() ? msg.format("search.introduction-to", page.title()) : section.heading();
    }

    private List<Views.Link> topics(Site site, Messages msg) {
        return views.groups(site).stream().map(t -> new Views.Link("/#" + t.id(),
                site.topics().isEmpty() ? msg.get("layout.topics.pages") : t.title())).toList();
    }
}
