package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.content.Slug;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.LanguageMenu;
import app.earshot.ivr.SiteFlow;
import app.earshot.ivr.SiteMenu;
import app.earshot.ivr.Twiml;
import java.util.List;
import io.javalin.http.Context;

/**
 * The phone lines in Twilio's TwiML, one turn per request: {@code /ivr/{slug}/twiml} (a page's own line) and
 * {@code /ivr/twiml} (the site line, after its language menu on a site of several languages). GET or POST; the state
 * is in the query string, the key in Twilio's {@code Digits} parameter or the words in {@code SpeechResult}. Made per
 * request from the current content, never waiting for audio (see {@link PhoneAudio}); never cached (it is a step of
 * one call).
 */
final class TwimlRoutes {
    static final String TWIML = "application/xml; charset=utf-8";

    private final PhoneAudio audio;
    private final app.earshot.narration.Narrator narrator;

    TwimlRoutes(PhoneAudio audio, app.earshot.narration.Narrator narrator) {
        this.audio = audio;
        this.narrator = narrator;
    }

    /** A turn of {@code page}'s own line: {@code /ivr/{slug}/twiml}. */
    void page(Context ctx) {
        Site site = RequestSnapshot.of(ctx).site();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        KeypadMenu keypad = KeypadMenu.of(page);
        Links links = Links.absolute(ctx);
        CallFlow flow = new CallFlow(keypad);
        CallFlow.State state = state(ctx, page);
        String speech = input(ctx, "SpeechResult");
        String digits = input(ctx, "Digits");
        CallFlow.Turn turn = sectionGone(ctx, page) ? flow.arrive(state)
                : flow.next(state, (digits == null || digits.isBlank()) && speech != null && !speech.isBlank()
                        ? new CallFlow.Speech(speech) : new CallFlow.Key(digits));
        send(ctx, Twiml.write(turn, IvrSounds.page(RequestSnapshot.of(ctx).voicing(), page, audio, links), s -> links.twiml(page, s),
                flow.spoken().hints(), twilioLanguage(page.language())));
    }

    /** A turn of the site line, or of its language menu: {@code /ivr/twiml}. */
    void site(Context ctx) {
        var now = RequestSnapshot.of(ctx);
        Site site = now.site();
        var languages = IvrRoutes.languages(narrator, now);
        String speech = input(ctx, "SpeechResult");
        String digits = input(ctx, "Digits");
        if (languages.isPresent()) {
            String lang = ctx.queryParam("lang");
            if (lang == null || !languages.get().offers(lang)) {
                language(ctx, now, languages.get(), digits, speech);
                return;
            }
            siteTurn(ctx, SiteMenu.of(site, lang), digits, speech, false);
            return;
        }
        siteTurn(ctx, SiteMenu.of(site), digits, speech, false);
    }

    /**
     * The language menu over TwiML: a key or a language's name (after {@code step=language}, the menu's own action)
     * starts that language's line; anything else, the menu again; silence counts as on every menu.
     */
    private void language(Context ctx, app.earshot.snapshot.Snapshot now, LanguageMenu menu, String digits, String speech) {
        Links links = Links.absolute(ctx);
        boolean answered = "language".equals(ctx.queryParam("step"));
        var chosen = answered ? menu.chosen(digits, speech) : java.util.Optional.<String>empty();
        if (chosen.isPresent()) {
            siteTurn(ctx, SiteMenu.of(now.site(), chosen.get()), null, null, true);
            return;
        }
        int silence = answered ? 0 : small(ctx.queryParam("silence"));
        send(ctx, menu.twiml(name -> IvrRoutes.languagePrompt(audio, now, menu, name, links), TwimlRoutes::twilioLanguage,
                links.siteTwiml() + "?step=language", links.siteTwiml() + "?silence=" + (silence + 1), silence));
    }

    /** A turn of the line {@code menu} over TwiML; {@code start} answers with the line's first turn. */
    private void siteTurn(Context ctx, SiteMenu menu, String digits, String speech, boolean start) {
        SiteFlow flow = new SiteFlow(menu);
        Links links = Links.absolute(ctx);
        CallFlow.State state = siteState(ctx, flow);
        boolean said = (digits == null || digits.isBlank()) && speech != null && !speech.isBlank();
        CallFlow.Turn turn = start ? flow.start() : placeGone(ctx, menu) ? flow.arrive(state)
                : said ? flow.next(state, new CallFlow.Speech(speech))
                : digits == null || digits.isBlank() ? flow.arrive(state) : flow.next(state, new CallFlow.Key(digits));
        List<String> hints = turn.hangsUp() ? List.of() : app.earshot.ivr.SpokenChoices.hints(flow.spellings(turn.listen()));
        send(ctx, Twiml.write(turn, IvrSounds.site(RequestSnapshot.of(ctx).voicing(), menu, audio, links), s -> links.siteTwiml(menu, s),
                hints, twilioLanguage(menu.language())));
    }

    private static void send(Context ctx, String body) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(TWIML);
        ctx.result(body);
    }

    /** A Twilio parameter: from the form on POST, the query on GET; at most 200 characters are used. */
    private static String input(Context ctx, String name) {
        String value = ctx.method().name().equals("POST") ? ctx.formParam(name) : ctx.queryParam(name);
        return value != null && value.length() > 200 ? value.substring(0, 200) : value;
    }

    /**
     * Twilio wants a region ("en-US"); a bare language gets one Twilio documents for both {@code <Say>} and
     * {@code <Gather>}. Spanish is {@code es-MX}: Latin American Spanish like the eSpeak NG voice ({@code es-419}) and
     * the variety most United States patients speak, and, unlike {@code es-US}, listed for {@code <Say>}'s standard
     * voices as well as for speech recognition ({@code es-ES} would recognise and speak Castilian).
     */
    static String twilioLanguage(String tag) {
        if (tag.contains("-")) return tag;
        return switch (tag) {
            case "en" -> "en-US";
            case "es" -> "es-MX";
            case "fr" -> "fr-FR";
            case "de" -> "de-DE";
            default -> tag;
        };
    }

    /** The state in the query string; anything unknown or malformed means the main menu. */
    private static CallFlow.State state(Context ctx, Page page) {
        String section = ctx.queryParam("section");
        if (section != null && Slug.isValid(section)) {
            var found = page.section(section);
            if (found.isPresent()) return CallFlow.State.section(page.indexOf(found.get()));
        }
        return CallFlow.State.menu(small(ctx.queryParam("menu")), small(ctx.queryParam("silence")));
    }

    /**
     * The site line's state in the query string: {@code page} (with {@code section} or {@code menu}) inside a page,
     * {@code topic} for a topic's pages, neither for the topics; {@code group} and {@code silence} in the menus.
     * Anything unknown or malformed means the top of the line.
     */
    private static CallFlow.State siteState(Context ctx, SiteFlow flow) {
        SiteMenu menu = flow.menu();
        String slug = ctx.queryParam("page");
        if (slug != null && Slug.isValid(slug)) {
            List<Page> pages = menu.site().pages();
            for (int p = 0; p < pages.size(); p++) {
                // A page of another language's line is unknown here (its slug is still unique in the site).
                if (!pages.get(p).slug().equals(slug) || !menu.has(p)) continue;
                CallFlow.Place at = CallFlow.Place.page(menu.topicOf(p), p);
                return state(ctx, pages.get(p)).at(at);
            }
        }
        int silence = small(ctx.queryParam("silence"));
        int group = small(ctx.queryParam("group"));
        String topicId = ctx.queryParam("topic");
        for (int t = 0; topicId != null && t < menu.topics().size(); t++) {
            if (menu.topics().get(t).topic().id().equals(topicId) && menu.level(t).heard()) {
                return SiteFlow.menuState(t, group < menu.level(t).groups().size() ? group : 0, silence);
            }
        }
        CallFlow.State top = flow.top();
        if (!top.inSiteMenu()) return top;
        SiteMenu.Level level = menu.level(top.place().topic());
        return SiteFlow.menuState(top.place().topic(), group < level.groups().size() ? group : 0, silence);
    }

    /**
     * True when the state names a section {@code page} no longer has: renamed or removed by an edit while the caller
     * was in it. The key was pressed for that section ("1, repeat"), so it is not taken as a key of the main menu the
     * state falls back to (where 1 plays the introduction); the caller hears that menu instead.
     */
    private static boolean sectionGone(Context ctx, Page page) {
        String section = ctx.queryParam("section");
        return section != null && (!Slug.isValid(section) || page.section(section).isEmpty());
    }

    /**
     * {@link #sectionGone} on the site line, for a page it still has (a key sent with a page it does not have is taken at
     * the top of the line, as for any unknown state: LanguageLineTest).
     */
    private static boolean placeGone(Context ctx, SiteMenu menu) {
        String slug = ctx.queryParam("page");
        List<Page> pages = menu.site().pages();
        for (int p = 0; slug != null && p < pages.size(); p++) {
            if (pages.get(p).slug().equals(slug) && menu.has(p)) return sectionGone(ctx, pages.get(p));
        }
        return false;
    }

    private static int small(String value) {
        return value != null && value.matches("[0-9]{1,2}") ? Integer.parseInt(value) : 0;
    }
}
