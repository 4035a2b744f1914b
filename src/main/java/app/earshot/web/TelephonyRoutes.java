package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.SiteMenu;
import app.earshot.narration.Clip;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.TelephoneFormat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telephone audio: {@code /telephony/{slug}/{section-id}.wav} (8 kHz u-law WAV), {@code .alaw.wav} and
 * {@code .pcm.wav} for the others ({@code .wav?codec=alaw} or {@code ?codec=pcm} stay as aliases), {@code .ulaw} and {@code .alaw} (headerless G.711), {@code {id}.partN.wav}
 * for the parts of a section longer than five minutes, and the IVR prompts under
 * {@code /telephony/{slug}/prompts/{name}.wav}, the site-wide line's under {@code /telephony/prompts/{name}.wav}. The {@code v} parameter of published URLs is ignored here.
 */
final class TelephonyRoutes {
    private static final Pattern FILE = Pattern.compile(
            "([a-z0-9]+(?:-[a-z0-9]+)*)(?:\\.part([1-9][0-9]{0,3}))?(?:\\.(ulaw|alaw|pcm)(?=\\.wav$))?\\.([a-z]+)");
    private static final String FORMATS = "Telephone audio is available as .wav (u-law), .alaw.wav, .pcm.wav, .ulaw and .alaw"
            + " (.wav?codec=alaw or pcm also works).";

    private final TelephoneAudio telephone;
    private final MediaResponder media;

    private final app.earshot.narration.Narrator narrator;

    TelephonyRoutes(app.earshot.narration.Narrator narrator, TelephoneAudio telephone, MediaResponder media) {
        this.narrator = narrator;
        this.telephone = telephone;
        this.media = media;
    }

    void register(RoutesConfig routes) {
        // The site line's prompts first: /telephony/{slug}/{file} would otherwise take them (no page may be called "prompts").
        Routes.getAndHead(routes, "/telephony/prompts/{file}", this::sitePrompt);
        Routes.getAndHead(routes, "/telephony/prompts/{lang}/{file}", this::linePrompt);
        Routes.getAndHead(routes, "/telephony/{slug}/prompts/{file}", this::prompt);
        Routes.getAndHead(routes, "/telephony/{slug}/{file}", this::section);
    }

    private void section(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Page page = PageRoutes.voiced(narrator, now, PageRoutes.page(now.site(), ctx.pathParam("slug")));
        Matcher m = file(ctx);
        Section section = PageRoutes.section(page, m.group(1));
        TelephoneFormat format = format(ctx, m);
        List<TelephoneAudio.Part> parts = telephone.parts(now.voicing(), page, section);
        int number = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        if (m.group(2) == null && parts.size() > 1) {
            throw new NotFoundResponse("This section is longer than " + (int) telephone.maxPartSeconds()
                    + " seconds, so it is served in " + parts.size() + " parts: " + section.id() + ".part1"
                    + Links.suffix(format) + " to " + section.id() + ".part" + parts.size() + Links.suffix(format) + ".");
        }
        if (m.group(2) != null && (parts.size() == 1 || number > parts.size())) {
            throw new NotFoundResponse(parts.size() == 1
                    ? "This section is not split; its audio is " + section.id() + Links.suffix(format) + "."
                    : "This section has " + parts.size() + " parts.");
        }
        send(ctx, telephone.section(now.voicing(), page, section, number, format));
    }

    private void prompt(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Page page = PageRoutes.voiced(narrator, now, PageRoutes.page(now.site(), ctx.pathParam("slug")));
        Matcher m = file(ctx);
        if (m.group(2) != null) throw new NotFoundResponse("Prompts are never split.");
        String words = KeypadMenu.of(page).prompt(m.group(1))
                .orElseThrow(() -> new NotFoundResponse("This page has no prompt with that name."));
        send(ctx, telephone.prompt(now.voicing(), words, page.language(), format(ctx, m)));
    }

    /** A prompt of the site line: the language menu's (each in its own language), else the site language's line's. */
    private void sitePrompt(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Matcher m = file(ctx);
        if (m.group(2) != null) throw new NotFoundResponse("Prompts are never split.");
        var languages = IvrRoutes.languages(narrator, now);
        var language = languages.flatMap(l -> l.languageOf(m.group(1)));
        if (language.isPresent()) {
            send(ctx, telephone.prompt(now.voicing(), languages.get().prompts().get(m.group(1)), language.get(), format(ctx, m)));
            return;
        }
        SiteMenu menu = SiteMenu.of(now.site());
        String words = menu.prompt(m.group(1))
                .orElseThrow(() -> new NotFoundResponse("The site's phone line has no prompt with that name."));
        send(ctx, telephone.prompt(now.voicing(), words, menu.language(), format(ctx, m)));
    }

    /** A prompt of the site line in one language ({@code /telephony/prompts/es/topics.wav}), spoken by its voice. */
    private void linePrompt(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        String lang = ctx.pathParam("lang");
        if (IvrRoutes.languages(narrator, now).filter(l -> l.offers(lang)).isEmpty()) {
            throw new NotFoundResponse("The site's phone line has no line in that language.");
        }
        Matcher m = file(ctx);
        if (m.group(2) != null) throw new NotFoundResponse("Prompts are never split.");
        String words = SiteMenu.of(now.site(), lang).prompt(m.group(1))
                .orElseThrow(() -> new NotFoundResponse("The site's phone line has no prompt with that name."));
        send(ctx, telephone.prompt(now.voicing(), words, lang, format(ctx, m)));
    }

    private void send(Context ctx, Clip clip) {
        media.send(ctx, MediaResponder.Representation.of(clip.audio(), clip.mediaType(), clip.etag()));
    }

    private static Matcher file(Context ctx) {
        String file = ctx.pathParam("file");
        Matcher m = FILE.matcher(file);
        if (file.length() > 120 || !m.matches()) throw new NotFoundResponse("No telephone audio has this address. " + FORMATS);
        return m;
    }

    /** The format a file name asks for: {@code .alaw.wav} by its path; {@code .wav?codec=alaw}, the older alias, by query. */
    private static TelephoneFormat format(Context ctx, Matcher m) {
        String pathCodec = m.group(3);
        String queryCodec = ctx.queryParam("codec");
        if (pathCodec != null && queryCodec != null && !queryCodec.strip().equalsIgnoreCase(pathCodec)) {
            throw new BadRequestResponse("This address is " + pathCodec + " audio; leave out ?codec=" + queryCodec.strip()
                    + " or use the file for that codec.");
        }
        try {
            return TelephoneFormat.of(m.group(4), pathCodec != null ? pathCodec : queryCodec)
                    .orElseThrow(() -> new NotFoundResponse(FORMATS));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage().substring(0, 1).toUpperCase() + e.getMessage().substring(1) + ".");
        }
    }
}
