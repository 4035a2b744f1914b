package app.earshot.web;

import app.earshot.narration.Voicing;
import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.CallTable;
import app.earshot.ivr.SiteFlow;
import app.earshot.ivr.SiteMenu;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.LanguageMenu;
import app.earshot.ivr.Sounds;
import app.earshot.ivr.VoiceXml;
import java.util.List;
import java.util.function.Function;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Phone menus. Each page's own line: {@code /ivr/{slug}.vxml} (VoiceXML 2.1, GET) and {@code /ivr/{slug}/twiml}
 * ({@link TwimlRoutes}). The site-wide line, the number a clinic publishes: {@code /ivr.vxml}, which holds the
 * topic and page menus and leads into {@code /ivr/{slug}.site.vxml} for each page (its menu, where "0" goes back up
 * to the topic), and {@code /ivr/twiml}; their grammars. All are made per request from the current content and never
 * wait for audio (see {@link PhoneAudio}); the VoiceXML and grammars carry an ETag.
 */
final class IvrRoutes {
    /** VoiceXML (RFC 4267), whose charset parameter is application/xml's: recommended, so sent (as TwiML's is). */
    static final String VXML = "application/voicexml+xml; charset=utf-8";
    private static final String SITE_PAGE = ".site.vxml";
    private static final String SITE_TOPIC = ".topic.vxml";
    /** SRGS grammars, an XML type like VoiceXML: UTF-8, said in the charset parameter. */
    static final String SRGS = "application/srgs+xml; charset=utf-8";
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
            throw new Refusal(404, "errors.ivr.no-line");
        }
        return SiteMenu.of(now.site(), lang);
    }

    void register(RoutesConfig routes) {
        TwimlRoutes twiml = new TwimlRoutes(audio, narrator);
        // The site's TwiML first: /ivr/{file} would otherwise take /ivr/twiml (a page cannot be called "twiml").
        Routes.getAndHead(routes, "/ivr/twiml", twiml::site);
        routes.post("/ivr/twiml", twiml::site);
        Routes.getAndHead(routes, "/ivr.vxml", this::siteVxml);
        Routes.getAndHead(routes, "/ivr/{slug}/twiml", twiml::page);
        routes.post("/ivr/{slug}/twiml", twiml::page);
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
            if (!page.language().equals(menu.language())) throw new Refusal(404, "errors.ivr.page-language");
            sitePageVxml(ctx, menu, page);
        } else if (file.endsWith(MENU_GRAMMAR + GRAMMAR)) {
            menuGrammar(ctx, menu, file.substring(0, file.length() - (MENU_GRAMMAR + GRAMMAR).length()));
        } else {
            throw new Refusal(404, "errors.ivr.line-documents");
        }
    }

    private void vxml(Context ctx) {
        String file = ctx.pathParam("file");
        if (file.endsWith(GRAMMAR)) {
            grammar(ctx, file.substring(0, file.length() - GRAMMAR.length()));
            return;
        }
        if (!file.endsWith(".vxml")) {
            throw new Refusal(404, "errors.ivr.menus");
        }
        Site site = RequestSnapshot.of(ctx).site();
        if (file.endsWith(SITE_TOPIC)) {
            siteTopicVxml(ctx, SiteMenu.of(site), file.substring(0, file.length() - SITE_TOPIC.length()));
            return;
        }
        if (file.endsWith(SITE_PAGE)) {
            Page page = PageRoutes.page(site, file.substring(0, file.length() - SITE_PAGE.length()));
            if (!page.language().equals(site.language())) throw new Refusal(404, "errors.ivr.own-language");
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
        return menu.voiceXml(name -> languagePrompt(audio, now, menu, name, links), KEYS_GRAMMAR, lang -> "/ivr/" + lang + LANGUAGE_GRAMMAR + GRAMMAR,
                lang -> {
                    SiteFlow flow = new SiteFlow(SiteMenu.of(now.site(), lang));
                    return links.siteVxml(flow.menu().line()) + "#" + flow.name(flow.start());
                }, MediaResponder.MAX_AGE_SECONDS);
    }

    /** A prompt of the language menu, spoken in its own language: its clip once {@code audio} has made it, else its words. */
    static Sounds.Audio languagePrompt(PhoneAudio audio, app.earshot.snapshot.Snapshot now, LanguageMenu menu, String name, Links links) {
        String words = menu.prompts().get(name);
        return audio.promptVersion(now.voicing(), words, menu.languageOf(name).orElseThrow(), Links.sitePromptPlace("", name))
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
        if (menu.pageCount() == 1) throw new Refusal(404, "errors.ivr.one-page", Links.relative().siteVxml(menu.line()));
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
        if (topic < 0 || !flow.menu().level(topic).heard() || (top.inSiteMenu() && top.place().topic() == topic)) {
            throw new Refusal(404, "errors.ivr.no-topic-menu");
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
                    .orElseThrow(() -> new Refusal(404, "errors.ivr.no-language-choice"));
            send(ctx, VoiceXml.voiceGrammar(menu.phrases(lang), lang), SRGS);
            return;
        }
        Page page = PageRoutes.page(site, name);
        send(ctx, VoiceXml.voiceGrammar(new CallFlow(KeypadMenu.of(page)).spoken().grammar(), page.language()), SRGS);
    }

    /** The words of one of the site line's menus ({@code prompt} names it); a 404 if the line has no such menu. */
    private void menuGrammar(Context ctx, SiteMenu menu, String prompt) {
        SiteFlow flow = new SiteFlow(menu);
        List<SiteMenu.Level> levels = new java.util.ArrayList<>(List.of(menu.topicLevel()));
        for (int t = 0; t < menu.topics().size(); t++) levels.add(menu.level(t));
        for (SiteMenu.Level level : levels) {
            for (int g = 0; g < level.groups().size(); g++) {
                if (level.heard() && level.prompt(g).equals(prompt)) {
                    send(ctx, VoiceXml.voiceGrammar(flow.grammar(SiteFlow.menuState(level.topic(), g, 0)), menu.language()), SRGS);
                    return;
                }
            }
        }
        throw new Refusal(404, "errors.ivr.no-menu");
    }

    private static void send(Context ctx, String body, String type) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Revalidate every call: cheap with the ETag, and a content change reaches callers at once.
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type);
        if (Conditional.answer(ctx, Conditional.etag(type.equals(VXML) ? "vxml" : "grxml", bytes), null)) return;
        ctx.result(bytes);
    }
}
