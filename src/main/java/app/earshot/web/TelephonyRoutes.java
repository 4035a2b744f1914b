package app.earshot.web;

import app.earshot.audio.Codec;
import app.earshot.snapshot.Snapshot;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.ivr.KeypadMenu;
import app.earshot.ivr.SiteMenu;
import app.earshot.narration.Clip;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.TelephoneFormat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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
        Routes.getAndHead(routes, "/telephony/prompts/{file}", ctx -> orGivenOut(ctx, this::sitePrompt,
                m -> m.group(2) == null ? Links.sitePromptPlace("", m.group(1)) : null));
        Routes.getAndHead(routes, "/telephony/prompts/{lang}/{file}", ctx -> orGivenOut(ctx, this::linePrompt,
                m -> m.group(2) == null ? Links.sitePromptPlace(ctx.pathParam("lang"), m.group(1)) : null));
        Routes.getAndHead(routes, "/telephony/{slug}/prompts/{file}", ctx -> orGivenOut(ctx, this::prompt,
                m -> m.group(2) == null ? Links.promptPlace(ctx.pathParam("slug"), m.group(1)) : null));
        Routes.getAndHead(routes, "/telephony/{slug}/{file}", ctx -> orGivenOut(ctx, this::section,
                m -> TelephoneAudio.sectionPlace(ctx.pathParam("slug"), m.group(1), m.group(2) == null ? 1 : Integer.parseInt(m.group(2)))));
    }

    /**
     * Runs {@code route}; if it answers 404 (the clip gone from the content now: a section or page renamed, fewer
     * sections or parts, a topic renamed), the clip given out for this very path ({@code place} of the file name's
     * match; null for none) with the request's {@code v} is served as it was, since a VoiceXML browser holds its
     * document for the whole call: by this server or another on the same cache, before or since a restart
     * ({@link TelephoneAudio#published}), from what is stored, never synthesized. Otherwise the route's own 404 stands.
     */
    private void orGivenOut(Context ctx, io.javalin.http.Handler route, java.util.function.Function<Matcher, String> place) throws Exception {
        try {
            route.handle(ctx);
        } catch (io.javalin.http.HttpResponseException refusal) {
            if (refusal.getStatus() != 404) throw refusal;
            Matcher m = FILE.matcher(ctx.pathParam("file"));
            String given = m.matches() ? place.apply(m) : null;
            if (given == null) throw refusal;
            send(ctx, telephone.published(ctx.queryParam("v"), given, format(ctx, m)).orElseThrow(() -> refusal));
        }
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
            throw new Refusal(404, "errors.telephony.parts", (int) telephone.maxPartSeconds(), parts.size(),
                    section.id() + ".part1" + Links.suffix(format), section.id() + ".part" + parts.size() + Links.suffix(format));
        }
        if (m.group(2) != null && (parts.size() == 1 || number > parts.size())) {
            throw parts.size() == 1 ? new Refusal(404, "errors.telephony.not-split", section.id() + Links.suffix(format))
                    : new Refusal(404, "errors.telephony.part-count", parts.size());
        }
        send(ctx, telephone.section(now.voicing(), page, section, number, format));
    }

    private void prompt(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Page page = PageRoutes.voiced(narrator, now, PageRoutes.page(now.site(), ctx.pathParam("slug")));
        Matcher m = file(ctx);
        if (m.group(2) != null) throw new Refusal(404, "errors.telephony.prompt-parts");
        String words = KeypadMenu.of(page).prompt(m.group(1))
                .orElseThrow(() -> new Refusal(404, "errors.telephony.page-prompt"));
        send(ctx, telephone.prompt(now.voicing(), words, page.language(), format(ctx, m)));
    }

    /** A prompt of the site line: the language menu's (each in its own language), else the site language's line's. */
    private void sitePrompt(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Matcher m = file(ctx);
        if (m.group(2) != null) throw new Refusal(404, "errors.telephony.prompt-parts");
        var languages = IvrRoutes.languages(narrator, now);
        var language = languages.flatMap(l -> l.languageOf(m.group(1)));
        if (language.isPresent()) {
            send(ctx, telephone.prompt(now.voicing(), languages.get().prompts().get(m.group(1)), language.get(), format(ctx, m)));
            return;
        }
        SiteMenu menu = SiteMenu.of(now.site());
        String words = menu.prompt(m.group(1))
                .orElseThrow(() -> new Refusal(404, "errors.telephony.site-prompt"));
        send(ctx, telephone.prompt(now.voicing(), words, menu.language(), format(ctx, m)));
    }

    /** A prompt of the site line in one language ({@code /telephony/prompts/es/topics.wav}), spoken by its voice. */
    private void linePrompt(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        String lang = ctx.pathParam("lang");
        if (IvrRoutes.languages(narrator, now).filter(l -> l.offers(lang)).isEmpty()) {
            throw new Refusal(404, "errors.telephony.no-line");
        }
        Matcher m = file(ctx);
        if (m.group(2) != null) throw new Refusal(404, "errors.telephony.prompt-parts");
        String words = SiteMenu.of(now.site(), lang).prompt(m.group(1))
                .orElseThrow(() -> new Refusal(404, "errors.telephony.site-prompt"));
        send(ctx, telephone.prompt(now.voicing(), words, lang, format(ctx, m)));
    }

    private void send(Context ctx, Clip clip) {
        media.send(ctx, MediaResponder.Representation.of(clip.audio(), clip.mediaType()));
    }

    private static Matcher file(Context ctx) {
        String file = ctx.pathParam("file");
        Matcher m = FILE.matcher(file);
        if (file.length() > 120 || !m.matches()) throw new Refusal(404, "errors.telephony.address");
        return m;
    }

    /** The format a file name asks for: {@code .alaw.wav} by its path; {@code .wav?codec=alaw}, the older alias, by query. */
    private static TelephoneFormat format(Context ctx, Matcher m) {
        String pathCodec = m.group(3);
        String queryCodec = ctx.queryParam("codec");
        if (pathCodec != null && queryCodec != null && !queryCodec.strip().equalsIgnoreCase(pathCodec)) {
            throw new Refusal(400, "errors.telephony.codec-path", pathCodec, queryCodec.strip());
        }
        try {
            return TelephoneFormat.of(m.group(4), pathCodec != null ? pathCodec : queryCodec)
                    .orElseThrow(() -> new Refusal(404, "errors.telephony.formats"));
        } catch (IllegalArgumentException e) {
            String codec = (pathCodec != null ? pathCodec : queryCodec).strip().toLowerCase(java.util.Locale.ROOT);
            String ext = m.group(4).toLowerCase(java.util.Locale.ROOT);
            if (java.util.Arrays.stream(Codec.values()).noneMatch(c -> c.label().equals(codec))) {
                throw new Refusal(400, "errors.telephony.codec-unknown", codec, "ulaw, alaw, pcm");
            }
            throw new Refusal(400, "errors.telephony.codec-raw", ext, codec);
        }
    }
}
