package app.earshot.web;

import app.earshot.store.ArtifactStore;
import app.earshot.snapshot.Snapshot;
import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.content.Slug;
import app.earshot.ivr.CallFlow;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.Twiml;
import app.earshot.ivr.VoiceXml;
import app.earshot.narration.Captioner;
import app.earshot.narration.TelephoneAudio;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/**
 * Phone menus: {@code /ivr/{slug}.vxml} (VoiceXML 2.1, GET) and {@code /ivr/{slug}/twiml} (TwiML; GET or POST,
 * the state in the query string, the key in Twilio's {@code Digits} parameter or the words in {@code SpeechResult}). Both are made per request from the
 * current content; the VoiceXML carries an ETag, TwiML is never cached (it is a step of one call).
 */
final class IvrRoutes {
    static final String VXML = "application/voicexml+xml";
    static final String TWIML = "application/xml; charset=utf-8";

    private final Captioner captions;
    private final SpokenScripts scripts;
    private final TelephoneAudio telephone;

    IvrRoutes(Captioner captions, SpokenScripts scripts, TelephoneAudio telephone) {
        this.captions = captions;
        this.scripts = scripts;
        this.telephone = telephone;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/ivr/{slug}/twiml", this::twiml);
        routes.post("/ivr/{slug}/twiml", this::twiml);
        Routes.getAndHead(routes, "/ivr/{file}", this::vxml);
    }

    private void vxml(Context ctx) {
        String file = ctx.pathParam("file");
        if (!file.endsWith(".vxml")) throw new NotFoundResponse("Phone menus are at /ivr/{page}.vxml and /ivr/{page}/twiml.");
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = PageRoutes.page(site, file.substring(0, file.length() - ".vxml".length()));
        KeypadMenu keypad = KeypadMenu.of(page);
        String body = new VoiceXml(keypad, new IvrSounds(now.voicing(), page, keypad, captions, scripts, telephone, Links.relative()),
                MediaResponder.MAX_AGE_SECONDS, site.language()).write();
        String etag = "\"" + ArtifactStore.key("vxml", body).substring(0, 32) + ".vxml\"";
        ctx.header("ETag", etag);
        // Revalidate every call: cheap with the ETag, and a content change reaches callers at once.
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(VXML);
        String match = ctx.header("If-None-Match");
        if (match != null && (match.strip().equals(etag) || match.strip().equals("*"))) {
            ctx.status(304);
            return;
        }
        ctx.result(body);
    }

    private void twiml(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Page page = PageRoutes.page(now.site(), ctx.pathParam("slug"));
        KeypadMenu keypad = KeypadMenu.of(page);
        Links links = Links.absolute(ctx);
        CallFlow.State state = state(ctx, page);
        boolean post = ctx.method().name().equals("POST");
        String digits = post ? ctx.formParam("Digits") : ctx.queryParam("Digits");
        String speech = post ? ctx.formParam("SpeechResult") : ctx.queryParam("SpeechResult");
        CallFlow flow = new CallFlow(keypad);
        CallFlow.Turn turn = (digits == null || digits.isBlank()) && speech != null && !speech.isBlank()
                ? flow.heard(state, speech.length() > 200 ? speech.substring(0, 200) : speech)
                : flow.answer(state, digits);
        String body = Twiml.write(turn, new IvrSounds(now.voicing(), page, keypad, captions, scripts, telephone, links), s -> links.twiml(page, s),
                flow.spoken().phrases(), twilioLanguage(now.site().language()));
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(TWIML);
        ctx.result(body);
    }

    /** Twilio wants a region ("en-US"); a bare language gets the region Twilio documents first for it. */
    static String twilioLanguage(String tag) {
        if (tag.contains("-")) return tag;
        return switch (tag) {
            case "en" -> "en-US";
            case "es" -> "es-ES";
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

    private static int small(String value) {
        return value != null && value.matches("[0-9]{1,2}") ? Integer.parseInt(value) : 0;
    }
}
