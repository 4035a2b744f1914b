package app.earshot.web;

import app.earshot.content.Site;
import app.earshot.search.Excerpt;
import app.earshot.search.Query;
import app.earshot.search.SearchIndex;
import java.util.List;
import java.util.Map;

/** Builds the model of the search page: the empty search, results (none, one, many) and a search that is too long. */
final class SearchView {
    /** One result as listed: the section's link and heading, the page it is from, and the excerpt. */
    public record Result(String href, String title, String pageTitle, List<Excerpt.Part> excerpt) {}

    private final Views views;

    SearchView(Views views) {
        this.views = views;
    }

    Map<String, Object> results(Site site, SearchIndex.Results results) {
        Query query = results.query();
        if (query.isEmpty()) {
            Map<String, Object> model = views.layout(site, "Search \u2013 " + site.title());
            model.put("state", "empty");
            model.put("searchQuery", query.text());
            model.put("topics", views.groups(site).stream().map(t -> new Views.Link("/#" + t.id(), t.title())).toList());
            return model;
        }
        String count = switch (results.total()) {
            case 0 -> "No results";
            case 1 -> "1 result";
            default -> results.total() + " results";
        };
        Map<String, Object> model = views.layout(site, count + " for " + query.text() + " \u2013 " + site.title());
        model.put("state", "results");
        model.put("searchQuery", query.text());
        model.put("count", count);
        model.put("total", results.total());
        model.put("shownCount", results.shown().size());
        model.put("dropped", query.dropped());
        model.put("maxTerms", Query.MAX_TERMS);
        model.put("results", results.shown().stream().map(hit -> new Result(
                "/" + hit.page().slug() + "/" + hit.section().id(),
                hit.section().introduction() ? "Introduction to " + hit.page().title() : hit.section().heading(),
                hit.page().title(), hit.excerpt().parts())).toList());
        return model;
    }

    Map<String, Object> tooLong(Site site, int length) {
        Map<String, Object> model = views.layout(site, "Search too long \u2013 " + site.title());
        model.put("state", "tooLong");
        model.put("length", length);
        model.put("maxLength", Query.MAX_LENGTH);
        return model;
    }
}
