package app.earshot.web;

import app.earshot.narration.Voicing;
import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.content.Slug;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.CallTable;
import app.earshot.ivr.SiteFlow;
import app.earshot.ivr.SiteMenu;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.LanguageMenu;
import app.earshot.ivr.Sounds;
import app.earshot.ivr.Twiml;
import app.earshot.ivr.VoiceXml;
import java.util.List;
import java.util.function.Function;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/**
 * Phone menus. Each page's own line: {@code /ivr/{slug}.vxml} (VoiceXML 2.1, GET) and {@code /ivr/{slug}/twiml}
 * (TwiML; GET or POST, the state in the query string, the key in Twilio's {@code Digits} parameter or the words in
 * {@code SpeechResult}). The site-wide line, the number a clinic publishes: {@code /ivr.vxml}, which holds the
 * topic and page menus and leads into {@code /ivr/{slug}.site.vxml} for each page (its menu, where "0" goes back up
 * to the topic), and {@code /ivr/twiml}. All are made per request from the current content and never wait for audio
 * (see {@link PhoneAudio}); the VoiceXML carries an ETag, TwiML is never cached (it is a step of one call).
 */
final class IvrRoutes {
    static final String VXML = "application/voicexml+xml";
    static final String TWIML = "application/xml; charset=utf-8";
    private static final String SITE_PAGE = ".site.vxml";
    private static final String SITE_TOPIC = ".topic.vxml";
    static final String SRGS = "application/srgs+xml";
    private static final String GRAMMAR = ".grxml";
    private static final String MENU_GRAMMAR = ".menu";
    /** The keypad grammar every form of every line shares (no page can be called "keys.dtmf"). */
    static final String KEYS_GRAMMAR = "/ivr/keys.dtmf.grxml";

    private static final String LANGUAGE_GRAMMAR = ".language";

    private final PhoneAudio audio;
    private final app.earshot.narration.Narrator narrator;

    IvrRoutes(PhoneAudio audio, app.earshot.narration.Narrator narrator) {
        this.audio = audio;
        this.narrator = narrator;
    }

    /**
     * The language menu of the site line, when the site lists several languages and at least two have a voice here
     * (a language without one is left out: its pages are served as text, and {@code /healthz} says why).
     */
    static java.util.Optional<LanguageMenu> languages(app.earshot.narration.Narrator narrator, app.earshot.snapshot.Snapshot now) {
        return LanguageMenu.of(now.site(), lang -> narrator.noVoice(lang, now.voicing().promptVoice(lang)).isEmpty());
    }

    /** The site line in language {@code lang}, if the language menu offers it; else a 404 naming where the line starts. */
    private SiteMenu line(Context ctx, String lang) {
        var now = RequestSnapshot.of(ctx);
        if (languages(narrator, now).filter(m -> m.offers(lang)).isEmpty()) {
            throw new NotFoundResponse("This site's phone line has no line in that language; it starts at /ivr.vxml.");
        }
        return SiteMenu.of(now.site(), lang);
    }

    void register(RoutesConfig routes) {
        // The site's TwiML first: /ivr/{file} would otherwise take /ivr/twiml (a page cannot be called "twiml").
        Routes.getAndHead(routes, "/ivr/twiml", this::siteTwiml);
        routes.post("/ivr/twiml", this::siteTwiml);
        Routes.getAndHead(routes, "/ivr.vxml", this::siteVxml);
        Routes.getAndHead(routes, "/ivr/{slug}/twiml", this::twiml);
        routes.post("/ivr/{slug}/twiml", this::twiml);
        Routes.getAndHead(routes, "/ivr/{file}", this::vxml);
        Routes.getAndHead(routes, "/ivr/{lang}/{file}", this::lineFile);
    }

    /** A document or grammar of the site line in one language: {@code ivr.vxml}, {@code {topic}.topic.vxml}, {@code {slug}.site.vxml}, {@code {menu}.menu.grxml}. */
    private void lineFile(Context ctx) {
        SiteMenu menu = line(ctx, ctx.pathParam("lang"));
        String file = ctx.pathParam("file");
        Site site = menu.site();
        if (file.equals("ivr.vxml")) {
            siteStart(ctx, menu);
        } else if (file.endsWith(SITE_TOPIC)) {
            siteTopicVxml(ctx, menu, file.substring(0, file.length() - SITE_TOPIC.length()));
        } else if (file.endsWith(SITE_PAGE)) {
            Page page = PageRoutes.page(site, file.substring(0, file.length() - SITE_PAGE.length()));
            if (!page.language().equals(menu.language())) throw new NotFoundResponse("This page is not on the phone line in that language.");
            sitePageVxml(ctx, menu, page);
        } else if (file.endsWith(MENU_GRAMMAR + GRAMMAR)) {
            menuGrammar(ctx, menu, file.substring(0, file.length() - (MENU_GRAMMAR + GRAMMAR).length()));
        } else {
            throw new NotFoundResponse("The phone line in one language has ivr.vxml, {topic}.topic.vxml, {page}.site.vxml and {menu}.menu.grxml.");
        }
    }

    private void vxml(Context ctx) {
        String file = ctx.pathParam("file");
        if (file.endsWith(GRAMMAR)) {
            grammar(ctx, file.substring(0, file.length() - GRAMMAR.length()));
            return;
        }
        if (!file.endsWith(".vxml")) {
            throw new NotFoundResponse("Phone menus are at /ivr.vxml and /ivr/twiml (the whole site), /ivr/{page}.vxml and /ivr/{page}/twiml.");
        }
        Site site = RequestSnapshot.of(ctx).site();
        if (file.endsWith(SITE_TOPIC)) {
            siteTopicVxml(ctx, SiteMenu.of(site), file.substring(0, file.length() - SITE_TOPIC.length()));
            return;
        }
        if (file.endsWith(SITE_PAGE)) {
            Page page = PageRoutes.page(site, file.substring(0, file.length() - SITE_PAGE.length()));
            if (!page.language().equals(site.language())) throw new NotFoundResponse("This page is on the phone line in its own language, after the language menu of /ivr.vxml.");
            sitePageVxml(ctx, SiteMenu.of(site), page);
            return;
        }
        Page page = PageRoutes.page(site, file.substring(0, file.length() - ".vxml".length()));
        KeypadMenu keypad = KeypadMenu.of(page);
        send(ctx, new VoiceXml(keypad, IvrSounds.page(RequestSnapshot.of(ctx).voicing(), page, audio, Links.relative()), MediaResponder.MAX_AGE_SECONDS, page.language())
                .write(new VoiceXml.Grammars(KEYS_GRAMMAR, state -> grammar(page))), VXML);
    }

    private void siteVxml(Context ctx) {
        var now = RequestSnapshot.of(ctx);
        var languages = languages(narrator, now);
        if (languages.isPresent()) {
            send(ctx, languageVoiceXml(now, languages.get()), VXML);
            return;
        }
        siteStart(ctx, SiteMenu.of(now.site()));
    }

    /** The language menu as {@code /ivr.vxml}: each choice goes to the start of that language's line. */
    private String languageVoiceXml(app.earshot.snapshot.Snapshot now, LanguageMenu menu) {
        Links links = Links.relative();
        return menu.voiceXml(name -> languagePrompt(now, menu, name, links), KEYS_GRAMMAR, lang -> "/ivr/" + lang + LANGUAGE_GRAMMAR + GRAMMAR,
                lang -> {
                    SiteFlow flow = new SiteFlow(SiteMenu.of(now.site(), lang));
                    return links.siteVxml(flow.menu().line()) + "#" + flow.name(flow.start());
                }, MediaResponder.MAX_AGE_SECONDS);
    }

    /** A prompt of the language menu, spoken in its own language. */
    private Sounds.Audio languagePrompt(app.earshot.snapshot.Snapshot now, LanguageMenu menu, String name, Links links) {
        String words = menu.prompts().get(name);
        return audio.promptVersion(now.voicing(), words, menu.languageOf(name).orElseThrow())
                .map(v -> new Sounds.Audio(links.sitePrompt(name, v, app.earshot.narration.TelephoneFormat.WAV_ULAW), words))
                .orElse(Sounds.Audio.say(words));
    }

    /** The start document of the line {@code menu}: {@code /ivr.vxml}, or {@code /ivr/{lang}/ivr.vxml} after the language menu. */
    private void siteStart(Context ctx, SiteMenu menu) {
        SiteFlow flow = new SiteFlow(menu);
        Function<CallFlow.Turn, String> document = siteDocuments(flow);
        String self = Links.relative().siteVxml(menu.line());
        send(ctx, siteVoiceXml(RequestSnapshot.of(ctx).voicing(), flow, CallTable.of(flow, flow.start(), t -> !document.apply(t).equals(self)), document, self), VXML);
    }

    private void sitePageVxml(Context ctx, SiteMenu menu, Page page) {
        if (menu.pageCount() == 1) throw new NotFoundResponse("This line has one page: its whole line is " + Links.relative().siteVxml(menu.line()) + ".");
        SiteFlow flow = new SiteFlow(menu);
        Function<CallFlow.Turn, String> document = siteDocuments(flow);
        String self = Links.relative().siteVxml(menu.line(), page);
        CallFlow.Turn start = flow.enterPage(menu.site().pages().indexOf(page));
        send(ctx, siteVoiceXml(RequestSnapshot.of(ctx).voicing(), flow, CallTable.of(flow, start, t -> !document.apply(t).equals(self)), document, self), VXML);
    }

    private void siteTopicVxml(Context ctx, SiteMenu menu, String topicId) {
        SiteFlow flow = new SiteFlow(menu);
        CallFlow.State top = flow.top();
        List<SiteMenu.TopicPages> topics = flow.menu().topics();
        int topic = -1;
        for (int t = 0; t < topics.size(); t++) if (topics.get(t).topic().id().equals(topicId)) topic = t;
        if (topic < 0 || !flow.menu().pageLevel(topic).heard() || (top.inSiteMenu() && top.place().topic() == topic)) {
            throw new NotFoundResponse("The site's phone line has no menu of its own for this topic; it starts at /ivr.vxml.");
        }
        Function<CallFlow.Turn, String> document = siteDocuments(flow);
        String self = Links.relative().siteVxml(menu.line(), topics.get(topic).topic());
        CallFlow.Turn start = flow.arrive(SiteFlow.menuState(topic, 0, 0));
        send(ctx, siteVoiceXml(RequestSnapshot.of(ctx).voicing(), flow, CallTable.of(flow, start, t -> !document.apply(t).equals(self)), document, self), VXML);
    }

    /**
     * The document each turn of the site line is in, so no document grows with the whole library: a page's own turns
     * in its page document, a topic's pages menu in its topic document (unless the line starts there), the topics in
     * /ivr.vxml. A one-page site's line is all in /ivr.vxml.
     */
    static Function<CallFlow.Turn, String> siteDocuments(SiteFlow flow) {
        Links links = Links.relative();
        SiteMenu menu = flow.menu();
        List<Page> pages = menu.site().pages();
        CallFlow.State top = flow.top();
        int topTopic = top.inSiteMenu() ? top.place().topic() : -2;
        String line = menu.line();
        return turn -> {
            int page = flow.pageOf(turn);
            if (menu.pageCount() == 1) return links.siteVxml(line);
            if (page >= 0) return links.siteVxml(line, pages.get(page));
            int topic = turn.hangsUp() ? -1 : turn.listen().place().topic();
            return topic < 0 || topic == topTopic ? links.siteVxml(line) : links.siteVxml(line, menu.topics().get(topic).topic());
        };
    }

    private String siteVoiceXml(Voicing v, SiteFlow flow, CallTable table, Function<CallFlow.Turn, String> document, String self) {
        return new VoiceXml(flow, IvrSounds.site(v, flow.menu(), audio, Links.relative()), MediaResponder.MAX_AGE_SECONDS, flow.menu().language())
                .write(table, t -> document.apply(t).equals(self) ? "" : document.apply(t), siteGrammars(flow));
    }

    /** The grammars of the site line: a page's own inside it, a menu's by its prompt's name ({@code /ivr/topics.menu.grxml}). */
    static VoiceXml.Grammars siteGrammars(SiteFlow flow) {
        return new VoiceXml.Grammars(KEYS_GRAMMAR, state -> state.place() != null && !state.inSiteMenu()
                ? grammar(flow.menu().page(state.place().page()))
                : "/ivr/" + (flow.menu().line().isEmpty() ? "" : flow.menu().line() + "/")
                + flow.menu().level(state.place().topic()).prompt(state.place().group()) + MENU_GRAMMAR + GRAMMAR);
    }

    /** The voice grammar of {@code page}'s line (its own, or its part of the site's: the words are the same). */
    static String grammar(Page page) {
        return "/ivr/" + page.slug() + GRAMMAR;
    }

    /**
     * {@code /ivr/keys.dtmf.grxml}, {@code /ivr/{slug}.grxml} (a page's words) or {@code /ivr/{menu}.menu.grxml} (the words
     * of one of the site line's menus); anything else is a 404.
     */
    private void grammar(Context ctx, String name) {
        Site site = RequestSnapshot.of(ctx).site();
        if (("/ivr/" + name + GRAMMAR).equals(KEYS_GRAMMAR)) {
            send(ctx, VoiceXml.keysGrammar(), SRGS);
            return;
        }
        if (name.endsWith(MENU_GRAMMAR)) {
            menuGrammar(ctx, SiteMenu.of(site), name.substring(0, name.length() - MENU_GRAMMAR.length()));
            return;
        }
        if (name.endsWith(LANGUAGE_GRAMMAR)) {
            String lang = name.substring(0, name.length() - LANGUAGE_GRAMMAR.length());
            LanguageMenu menu = languages(narrator, RequestSnapshot.of(ctx)).filter(m -> m.offers(lang))
                    .orElseThrow(() -> new NotFoundResponse("The site's phone line offers no choice of that language."));
            send(ctx, VoiceXml.voiceGrammar(menu.phrases(lang), lang), SRGS);
            return;
        }
        Page page = PageRoutes.page(site, name);
        send(ctx, VoiceXml.voiceGrammar(new CallFlow(KeypadMenu.of(page)).spoken().phrases(), page.language()), SRGS);
    }

    /** The words of one of the site line's menus ({@code prompt} names it); a 404 if the line has no such menu. */
    private void menuGrammar(Context ctx, SiteMenu menu, String prompt) {
        SiteFlow flow = new SiteFlow(menu);
        List<SiteMenu.Level> levels = new java.util.ArrayList<>(List.of(menu.topicLevel()));
        for (int t = 0; t < menu.topics().size(); t++) levels.add(menu.pageLevel(t));
        for (SiteMenu.Level level : levels) {
            for (int g = 0; g < level.groups().size(); g++) {
                if (level.heard() && level.prompt(g).equals(prompt)) {
                    send(ctx, VoiceXml.voiceGrammar(flow.phrases(SiteFlow.menuState(level.topic(), g, 0)), menu.language()), SRGS);
                    return;
                }
            }
        }
        throw new NotFoundResponse("The site's phone line has no menu with that name.");
    }

    private static void send(Context ctx, String body, String type) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Revalidate every call: cheap with the ETag, and a content change reaches callers at once.
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type);
        if (Conditional.answer(ctx, Conditional.etag(type.equals(VXML) ? "vxml" : "grxml", bytes), null)) return;
        ctx.result(bytes);
    }

    private void twiml(Context ctx) {
        Site site = RequestSnapshot.of(ctx).site();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        KeypadMenu keypad = KeypadMenu.of(page);
        Links links = Links.absolute(ctx);
        CallFlow flow = new CallFlow(keypad);
        CallFlow.State state = state(ctx, page);
        String speech = input(ctx, "SpeechResult");
        String digits = input(ctx, "Digits");
        CallFlow.Turn turn = (digits == null || digits.isBlank()) && speech != null && !speech.isBlank()
                ? flow.heard(state, speech) : flow.answer(state, digits);
        sendTwiml(ctx, Twiml.write(turn, IvrSounds.page(RequestSnapshot.of(ctx).voicing(), page, audio, links), s -> links.twiml(page, s),
                flow.spoken().phrases(), twilioLanguage(page.language())));
    }

    private void siteTwiml(Context ctx) {
        var now = RequestSnapshot.of(ctx);
        Site site = now.site();
        var languages = languages(narrator, now);
        String speech = input(ctx, "SpeechResult");
        String digits = input(ctx, "Digits");
        if (languages.isPresent()) {
            String lang = ctx.queryParam("lang");
            if (lang == null || !languages.get().offers(lang)) {
                languageTwiml(ctx, now, languages.get(), digits, speech);
                return;
            }
            siteTwiml(ctx, SiteMenu.of(site, lang), digits, speech, false);
            return;
        }
        siteTwiml(ctx, SiteMenu.of(site), digits, speech, false);
    }

    /**
     * The language menu over TwiML: a key or a language's name (after {@code step=language}, the menu's own action)
     * starts that language's line; anything else, the menu again; silence counts as on every menu.
     */
    private void languageTwiml(Context ctx, app.earshot.snapshot.Snapshot now, LanguageMenu menu, String digits, String speech) {
        Links links = Links.absolute(ctx);
        boolean answered = "language".equals(ctx.queryParam("step"));
        var chosen = answered ? menu.chosen(digits, speech) : java.util.Optional.<String>empty();
        if (chosen.isPresent()) {
            siteTwiml(ctx, SiteMenu.of(now.site(), chosen.get()), null, null, true);
            return;
        }
        int silence = answered ? 0 : small(ctx.queryParam("silence"));
        sendTwiml(ctx, menu.twiml(name -> languagePrompt(now, menu, name, links), IvrRoutes::twilioLanguage,
                links.siteTwiml() + "?step=language", links.siteTwiml() + "?silence=" + (silence + 1), silence));
    }

    /** A turn of the line {@code menu} over TwiML; {@code start} answers with the line's first turn. */
    private void siteTwiml(Context ctx, SiteMenu menu, String digits, String speech, boolean start) {
        SiteFlow flow = new SiteFlow(menu);
        Links links = Links.absolute(ctx);
        CallFlow.State state = siteState(ctx, flow);
        boolean said = (digits == null || digits.isBlank()) && speech != null && !speech.isBlank();
        CallFlow.Turn turn = start ? flow.start() : said ? flow.next(state, new CallFlow.Speech(speech))
                : digits == null || digits.isBlank() ? flow.arrive(state) : flow.next(state, new CallFlow.Key(digits));
        List<String> hints = turn.hangsUp() ? List.of() : flow.phrases(turn.listen());
        sendTwiml(ctx, Twiml.write(turn, IvrSounds.site(RequestSnapshot.of(ctx).voicing(), menu, audio, links), s -> links.siteTwiml(menu, s),
                hints, twilioLanguage(menu.language())));
    }

    private static void sendTwiml(Context ctx, String body) {
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
                if (!pages.get(p).slug().equals(slug)) continue;
                CallFlow.Place at = CallFlow.Place.page(menu.topicOf(p), p);
                return state(ctx, pages.get(p)).at(at);
            }
        }
        int silence = small(ctx.queryParam("silence"));
        int group = small(ctx.queryParam("group"));
        String topicId = ctx.queryParam("topic");
        for (int t = 0; topicId != null && t < menu.topics().size(); t++) {
            if (menu.topics().get(t).topic().id().equals(topicId) && menu.pageLevel(t).heard()) {
                return SiteFlow.menuState(t, group < menu.pageLevel(t).groups().size() ? group : 0, silence);
            }
        }
        CallFlow.State top = flow.top();
        if (!top.inSiteMenu()) return top;
        SiteMenu.Level level = menu.level(top.place().topic());
        return SiteFlow.menuState(top.place().topic(), group < level.groups().size() ? group : 0, silence);
    }

    private static int small(String value) {
        return value != null && value.matches("[0-9]{1,2}") ? Integer.parseInt(value) : 0;
    }
}
