package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the models the templates render; templates only print what is prepared here. */
public final class Views {
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** A link with its text. */
    public record Link(String href, String text) {}

    /** A date as shown to people and as machine-readable {@code datetime}. */
    public record DateView(String iso, String text) {
        static DateView of(LocalDate date) {
            return new DateView(date.toString(), LONG_DATE.format(date));
        }
    }

    private final StaticAssets assets;

    Views(StaticAssets assets) {
        this.assets = assets;
    }

    /** The model every view shares: page title, language, site name, stylesheet and the site's pages. */
    Map<String, Object> layout(Site site, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("lang", site.language());
        model.put("siteTitle", site.title());
        model.put("organisation", site.organisation());
        model.put("description", site.description());
        model.put("css", assets.cssPath());
        model.put("pages", site.pages().stream().map(p -> new Link("/" + p.slug(), p.title())).toList());
        return model;
    }

    Map<String, Object> home(Site site) {
        Map<String, Object> model = layout(site, site.title());
        model.put("pageList", site.pages());
        return model;
    }

    Map<String, Object> page(Site site, Page page) {
        Map<String, Object> model = layout(site, page.title() + " \u2013 " + site.title());
        model.put("page", page);
        model.put("intro", page.sections().stream().filter(Section::introduction).findFirst().orElse(null));
        model.put("sections", page.sections().stream().filter(s -> !s.introduction()).toList());
        model.put("reviewed", DateView.of(page.reviewed()));
        model.put("nextReview", DateView.of(page.nextReview()));
        model.put("breadcrumbs", List.of(new Link("/", "Home")));
        return model;
    }

    Map<String, Object> section(Site site, Page page, Section section) {
        Map<String, Object> model = layout(site, section.heading() + " \u2013 " + page.title() + " \u2013 " + site.title());
        int i = page.indexOf(section);
        List<Section> all = page.sections();
        model.put("page", page);
        model.put("section", section);
        model.put("position", i + 1);
        model.put("count", all.size());
        model.put("previous", i > 0 ? sectionLink(page, all.get(i - 1)) : null);
        model.put("next", i + 1 < all.size() ? sectionLink(page, all.get(i + 1)) : null);
        model.put("reviewed", DateView.of(page.reviewed()));
        model.put("nextReview", DateView.of(page.nextReview()));
        model.put("breadcrumbs", List.of(new Link("/", "Home"), new Link("/" + page.slug(), page.title())));
        return model;
    }

    Map<String, Object> error(Site site, int status, String heading, String message) {
        Map<String, Object> model = layout(site, heading + " \u2013 " + site.title());
        model.put("status", status);
        model.put("heading", heading);
        model.put("message", message);
        model.put("breadcrumbs", List.of(new Link("/", "Home")));
        return model;
    }

    static Link sectionLink(Page page, Section section) {
        return new Link("/" + page.slug() + "/" + section.id(), section.heading());
    }
}
