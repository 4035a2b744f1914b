package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.content.Languages;
import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.narration.Clip;
import app.earshot.narration.Prompts;
import app.earshot.pronunciation.GuessedWord;
import app.earshot.pronunciation.PageReport;
import app.earshot.pronunciation.PlsSnippet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The authors' pronunciation preview, registered only by {@code serve --preview}: {@code /preview/{slug}} shows each
 * section written and spoken with guessed words marked, each guessed word with a clip as the voice says it now
 * ({@code /preview/{slug}/words/{n}.wav}) and as its suggested alias would ({@code {n}.suggested.wav}), and the page's
 * PLS entries ready to copy.
 */
final class PreviewRoutes {
    private static final Pattern CLIP = Pattern.compile("(\\d{1,4})(\\.suggested)?\\.wav");

    /** One guessed word as the preview shows it. */
    public record WordView(int index, String word, String where, String phones, String alias, String aliasPhones,
                           boolean aliasFromDictionary, String nowUrl, String suggestedUrl) {}

    private final PronunciationPreview preview;
    private final Prompts prompts;
    private final Templates templates;
    private final Views views;
    private final MediaResponder media;

    PreviewRoutes(PronunciationPreview preview, Prompts prompts, Templates templates, Views views,
                  MediaResponder media) {
        this.preview = preview;
        this.prompts = prompts;
        this.templates = templates;
        this.views = views;
        this.media = media;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/preview/{slug}", this::page);
        Routes.getAndHead(routes, "/preview/{slug}/words/{file}", this::clip);
    }

    private void page(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        PageReport report = preview.report(now, page);
        Map<String, Object> model = views.layout(site, now.messages(page.language()), "Pronunciation preview: " + page.title() + " \u2013 " + site.title());
        model.put("page", page);
        model.put("report", report);
        model.put("words", words(page, report));
        model.put("pls", PlsSnippet.of(report.words()));
        model.put("checked", PronunciationPreview.checks(page));
        model.put("pageLanguageName", java.util.Locale.forLanguageTag(page.language()).getDisplayLanguage(java.util.Locale.ENGLISH));
        model.put("breadcrumbs", List.of(new Views.Link("/" + page.slug(), page.title())));
        // An authoring tool, not content: search engines must not list it even if a preview server is reachable.
        ctx.header("X-Robots-Tag", "noindex");
        PageRoutes.html(ctx, templates.render("preview.ftlh", model));
    }

    private void clip(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        Matcher m = CLIP.matcher(ctx.pathParam("file"));
        if (!m.matches()) throw new NotFoundResponse("No clip has this address.");
        if (!PronunciationPreview.checks(page)) throw new NotFoundResponse("This page is not in English: the preview finds no guessed words in it.");
        List<GuessedWord> words = preview.report(now, page).words();
        int n = Integer.parseInt(m.group(1));
        if (n >= words.size()) throw new NotFoundResponse("This page has no guessed word with that number.");
        GuessedWord word = words.get(n);
        String said = word.word();
        if (m.group(2) != null) {
            if (word.suggestion() == null) throw new NotFoundResponse("This word has no suggested alias.");
            said = word.suggestion().alias();
        }
        Clip clip = prompts.prompt(now.voicing(), said);
        media.send(ctx, MediaResponder.Representation.of(clip.audio(), clip.mediaType()));
    }

    private static List<WordView> words(Page page, PageReport report) {
        List<WordView> views = new ArrayList<>();
        for (int i = 0; i < report.words().size(); i++) {
            GuessedWord w = report.words().get(i);
            String lines = w.lines().stream().map(String::valueOf).collect(Collectors.joining(", "));
            String where = "pages/" + page.slug() + ".md" + (lines.isEmpty() ? "" : (w.lines().size() == 1 ? ", line " : ", lines ") + lines)
                    + "; said " + (w.count() == 1 ? "once" : w.count() + " times");
            String base = "/preview/" + page.slug() + "/words/" + i;
            GuessedWord.Suggestion s = w.suggestion();
            views.add(new WordView(i, w.word(), where, w.phones(), s == null ? null : s.alias(), s == null ? null : s.phones(),
                    s != null && s.fromDictionary(), base + ".wav", s == null ? null : base + ".suggested.wav"));
        }
        return views;
    }
}
