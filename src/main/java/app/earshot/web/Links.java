package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.ivr.CallFlow;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.TelephoneFormat;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * The URLs Earshot publishes for phone platforms and the API, absolute or relative to the server root.
 * Audio URLs carry {@code ?v=}, the clip's version, so a platform that caches by URL fetches again exactly when
 * the sound changes; the server ignores {@code v} and always serves the current clip.
 *
 * <p>Every absolute URL Earshot writes (feeds, sitemap, playlists, TwiML, API, OpenAPI, a translated page's hreflang
 * links) comes from {@link #absolute}, one rule: the site's base URL when one is configured ({@code --base-url} above
 * {@code site.yaml}), so a static export carries it; otherwise the request's: {@code X-Forwarded-Host} (its first
 * value) or else {@code Host}, and {@code X-Forwarded-Proto} when it says {@code http} or {@code https} (a
 * TLS-terminating proxy) or else the scheme of the connection. An HTTP/1.0 request may have no {@code Host} (HTTP/1.1
 * requires one, and Jetty answers 400 without it): its origin is then the target URI's authority as RFC 9112 §3.3
 * defines it, an absolute-form target's ({@code GET http://clinic.example/page HTTP/1.0}) or else the address and port
 * the connection reached. An answer built from the request says so in {@code Vary}, so a cache keeps one copy per origin.
 *
 * @param base "" for root-relative URLs, else "scheme://host[:port]"
 */
record Links(String base) {
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");

    /** Request attribute holding the site's configured base URL, set once per request from the content snapshot. */
    static final String BASE_URL_ATTRIBUTE = "earshot.baseUrl";

    /** Root-relative links ("/telephony/..."), for VoiceXML, which resolves them against the document's URI. */
    static Links relative() {
        return new Links("");
    }

    /** The request headers an absolute link may be derived from, for {@code Vary}. */
    static final String VARY = "Host, X-Forwarded-Host, X-Forwarded-Proto";

    /**
     * Absolute links for the origin the client used; a malformed Host or X-Forwarded-Host is a 400. A request without
     * Host (HTTP/1.0) is given the target URI's authority: see the class comment.
     */
    static Links absolute(Context ctx) {
        String configured = ctx.attribute(BASE_URL_ATTRIBUTE);
        if (configured != null) return new Links(configured);
        ctx.header("Vary", VARY);
        String forwarded = first(ctx.header("X-Forwarded-Host"));
        String name = forwarded != null ? "X-Forwarded-Host" : "Host";
        String host = forwarded != null ? forwarded : ctx.header("Host");
        if (host == null) host = targetAuthority(ctx);
        if (host == null || host.length() > 260 || !HOST.matcher(host).matches()) {
            throw new Refusal(400, "errors.host-header", name);
        }
        // A scheme is case-insensitive (RFC 3986): "HTTPS" is https, written in lower case.
        String proto = first(ctx.header("X-Forwarded-Proto"));
        if (proto != null) proto = proto.toLowerCase(java.util.Locale.ROOT);
        String scheme = proto != null && (proto.equals("https") || proto.equals("http")) ? proto : ctx.scheme();
        return new Links(scheme + "://" + host);
    }

    /**
     * The authority of a request that has no Host, as Jetty resolved its target URI (RFC 9112 §3.3): an absolute-form
     * target's host and port, else the local address and port the connection reached; the port left out where it is
     * the scheme's default. An IPv6 zone ({@code %eth0}) names an interface of this machine only, so it is left out.
     */
    private static String targetAuthority(Context ctx) {
        String name = ctx.req().getServerName();
        if (name == null || name.isEmpty()) return null;
        if (name.indexOf(':') >= 0 && !name.startsWith("[")) name = "[" + name + "]";
        name = name.replaceFirst("%[^\\]]*(?=\\]$)", "");
        int port = ctx.req().getServerPort();
        int usual = ctx.scheme().equals("https") ? 443 : 80;
        return port <= 0 || port == usual ? name : name + ":" + port;
    }

    /** The first of a proxy header's comma-separated values (the one the client's own proxy set), or null. */
    private static String first(String header) {
        if (header == null) return null;
        int comma = header.indexOf(',');
        String value = (comma < 0 ? header : header.substring(0, comma)).strip();
        return value.isEmpty() ? null : value;
    }

    String path(String path) {
        return base + path;
    }

    /**
     * Where the page's narration lives, without speed or format: {@code /audio/{slug}}; add e.g. {@code .mp3},
     * {@code .slower.mp3} or {@code .chapters.vtt} (the files {@link AudioRoutes} serves).
     */
    String audio(Page page) {
        return base + "/audio/" + page.slug();
    }

    /**
     * HLS segment {@code n} of version {@code version} (the page MP3's key) of the page's narration:
     * {@code /audio/{slug}/hls/{n}.mp3?v={version}}. A VOD playlist is fetched once, so its segments name the version
     * they were cut from and keep being served as it while the store holds it; a static host ignores the query.
     */
    String hlsSegment(Page page, int n, String version) {
        return audio(page) + "/hls/" + n + ".mp3?v=" + version;
    }

    /** Where the section's narration lives, without speed or format: {@code /audio/{slug}/{id}}. */
    String audio(Page page, Section section) {
        return audio(page) + "/" + section.id();
    }

    String telephone(Page page, Section section, TelephoneAudio.Part part, TelephoneFormat format) {
        String name = section.id() + (part.count() > 1 ? ".part" + part.number() : "");
        return versioned("/telephony/" + page.slug() + "/" + name + suffix(format), part.version());
    }

    String prompt(Page page, String name, String version, TelephoneFormat format) {
        return versioned(promptPlace(page.slug(), name) + suffix(format), version);
    }

    /** A page line's prompt's path without its format: what its published versions are remembered for. */
    static String promptPlace(String slug, String name) {
        return "/telephony/" + slug + "/prompts/" + name;
    }

    /** A site line's prompt's path without its format ({@code line} "" for the site of one language or the language menu). */
    static String sitePromptPlace(String line, String name) {
        return "/telephony/prompts/" + (line.isEmpty() ? "" : line + "/") + name;
    }

    /** A prompt of the site-wide line. */
    String sitePrompt(String name, String version, TelephoneFormat format) {
        return sitePrompt("", name, version, format);
    }

    /** A prompt of the site-wide line in language {@code line} ({@link app.earshot.ivr.SiteMenu#line()}; "" for a site of one). */
    String sitePrompt(String line, String name, String version, TelephoneFormat format) {
        return versioned(sitePromptPlace(line, name) + suffix(format), version);
    }

    /** The site-wide line's VoiceXML: its own menus, and the start of the call. */
    String siteVxml() {
        return base + "/ivr.vxml";
    }

    /** The start of the site-wide line in language {@code line} ("": the site's only language, {@link #siteVxml()}). */
    String siteVxml(String line) {
        return line.isEmpty() ? siteVxml() : base + "/ivr/" + line + "/ivr.vxml";
    }

    /** The VoiceXML of {@code page} as part of the site-wide line ("0" in its menu goes back to the topic). */
    String siteVxml(Page page) {
        return siteVxml("", page);
    }

    /** As {@link #siteVxml(Page)} on the line in language {@code line}. */
    String siteVxml(String line, Page page) {
        return base + "/ivr/" + (line.isEmpty() ? "" : line + "/") + page.slug() + ".site.vxml";
    }

    /** The VoiceXML of a topic's pages menu on the site-wide line. */
    String siteVxml(app.earshot.content.Topic topic) {
        return siteVxml("", topic);
    }

    /** As {@link #siteVxml(app.earshot.content.Topic)} on the line in language {@code line}. */
    String siteVxml(String line, app.earshot.content.Topic topic) {
        return base + "/ivr/" + (line.isEmpty() ? "" : line + "/") + topic.id() + ".topic.vxml";
    }

    String siteTwiml() {
        return base + "/ivr/twiml";
    }

    /** The site-wide line's TwiML URL that answers {@code state}. */
    String siteTwiml(app.earshot.ivr.SiteMenu menu, CallFlow.State state) {
        StringBuilder q = new StringBuilder(menu.line().isEmpty() ? "" : "lang=" + menu.line());
        CallFlow.Place at = state.place();
        if (at != null && at.page() >= 0) {
            Page page = menu.page(at.page());
            q.append(q.isEmpty() ? "" : "&").append("page=").append(page.slug());
            if (state.inSection()) q.append("&section=").append(page.sections().get(state.section()).id());
            else if (state.menu() > 0) q.append("&menu=").append(state.menu());
        } else if (at != null) {
            if (at.topic() >= 0) q.append(q.isEmpty() ? "" : "&").append("topic=").append(menu.topics().get(at.topic()).topic().id());
            if (at.group() > 0) q.append(q.isEmpty() ? "" : "&").append("group=").append(at.group());
        }
        if (!state.inSection() && state.silence() > 0) q.append(q.isEmpty() ? "" : "&").append("silence=").append(state.silence());
        return siteTwiml() + (q.isEmpty() ? "" : "?" + q);
    }

    String vxml(Page page) {
        return base + "/ivr/" + page.slug() + ".vxml";
    }

    String twiml(Page page) {
        return base + "/ivr/" + page.slug() + "/twiml";
    }

    /** The TwiML URL that answers {@code state}. */
    String twiml(Page page, CallFlow.State state) {
        StringBuilder q = new StringBuilder();
        if (state.inSection()) {
            q.append("section=").append(page.sections().get(state.section()).id());
        } else {
            if (state.menu() > 0) q.append("menu=").append(state.menu());
            if (state.silence() > 0) q.append(q.isEmpty() ? "" : "&").append("silence=").append(state.silence());
        }
        return twiml(page) + (q.isEmpty() ? "" : "?" + q);
    }

    /**
     * The file name ending of a telephone format: ".wav" for u-law, ".alaw.wav" and ".pcm.wav" for the other WAVs (a
     * path, not {@code ?codec=}, so a static export holds each codec as its own file), ".ulaw" and ".alaw" raw.
     */
    static String suffix(TelephoneFormat format) {
        return format.wav() && format.codec() != app.earshot.audio.Codec.ULAW
                ? "." + format.codec().label() + ".wav" : "." + format.extension();
    }

    /** {@code path} with {@code ?v=version}; without it while the version is not known (the audio is not made yet). */
    private String versioned(String path, String version) {
        return version == null ? base + path : base + path + "?v=" + version;
    }
}
