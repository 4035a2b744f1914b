package app.earshot.web;

import app.earshot.store.ArtifactStore;
import app.earshot.content.Block;
import app.earshot.content.ContentStore;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Speed;
import app.earshot.feed.Playlist;
import app.earshot.feed.PodcastFeed;
import app.earshot.narration.Clip;
import app.earshot.narration.Narrator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /feed.xml}, a podcast feed of every page and section, and {@code /{slug}.m3u8}, a playlist of a page's
 * sections; both at the normal speed, with absolute URLs from the configured base URL or else the request's Host.
 * Registered before the page routes, which would otherwise take {@code /feed.xml} for a page slug.
 */
final class FeedRoutes {
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?");
    private static final int EXCERPT_CHARACTERS = 300;

    private final ContentStore content;
    private final Narrator narrator;
    private final MediaResponder media;

    FeedRoutes(ContentStore content, Narrator narrator, MediaResponder media) {
        this.content = content;
        this.narrator = narrator;
        this.media = media;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/feed.xml", this::feed);
        Routes.getAndHead(routes, "/{slug}.m3u8", this::playlist);
    }

    private void feed(Context ctx) {
        Site site = content.current();
        String base = baseUrl(ctx, site);
        List<PodcastFeed.Episode> episodes = new ArrayList<>();
        Instant newest = Instant.EPOCH;
        for (Page page : site.pages()) {
            Clip whole = narrator.pageMp3(page, Speed.NORMAL);
            newest = later(newest, whole);
            episodes.add(new PodcastFeed.Episode(page.title(), page.summary().isBlank() ? site.description() : page.summary(),
                    base + "/" + page.slug(), "earshot:" + page.slug() + ":" + page.reviewed(), page.reviewed(),
                    base + "/audio/" + page.slug() + ".mp3", whole.size(), whole.seconds()));
            for (Section section : page.sections()) {
                Clip clip = narrator.sectionMp3(page, section, Speed.NORMAL);
                newest = later(newest, clip);
                episodes.add(new PodcastFeed.Episode(episodeTitle(page, section), excerpt(section),
                        base + "/" + page.slug() + "/" + section.id(),
                        "earshot:" + page.slug() + ":" + section.id() + ":" + page.reviewed(), page.reviewed(),
                        base + "/audio/" + page.slug() + "/" + section.id() + ".mp3", clip.size(), clip.seconds()));
            }
        }
        String rss = PodcastFeed.rss(new PodcastFeed.Show(site.title(), site.description(), site.language(),
                site.organisation(), base + "/", base + "/feed.xml", episodes));
        send(ctx, site, rss, PodcastFeed.MEDIA_TYPE, "xml", newest);
    }

    private void playlist(Context ctx) {
        Site site = content.current();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        String base = baseUrl(ctx, site);
        List<Playlist.Entry> entries = new ArrayList<>();
        Instant newest = Instant.EPOCH;
        for (Section section : page.sections()) {
            Clip clip = narrator.sectionMp3(page, section, Speed.NORMAL);
            newest = later(newest, clip);
            entries.add(new Playlist.Entry(clip.seconds(), sectionTitle(page, section),
                    base + "/audio/" + page.slug() + "/" + section.id() + ".mp3"));
        }
        send(ctx, site, Playlist.m3u(page.title(), entries), Playlist.MEDIA_TYPE, "m3u8", newest);
    }

    private void send(Context ctx, Site site, String body, String type, String extension, Instant modified) {
        if (site.configuredBaseUrl().isEmpty()) ctx.header("Vary", "Host");
        String etag = "\"" + ArtifactStore.key(extension, body).substring(0, 32) + "." + extension + "\"";
        media.send(ctx, MediaResponder.Representation.of(body, type, etag, modified));
    }

    /** The configured base URL, or the scheme and Host this request came with; a malformed Host is a 400. */
    static String baseUrl(Context ctx, Site site) {
        return site.configuredBaseUrl().orElseGet(() -> {
            String host = ctx.header("Host");
            if (host == null || !HOST.matcher(host).matches()) throw new BadRequestResponse("The Host header is missing or malformed.");
            return ctx.scheme() + "://" + host;
        });
    }

    /** Titles stand alone in a podcast app, so a section's names its page too. */
    private static String episodeTitle(Page page, Section section) {
        return section.introduction() ? sectionTitle(page, section) : section.heading() + " \u2013 " + page.title();
    }

    private static String sectionTitle(Page page, Section section) {
        return section.introduction() ? "Introduction to " + page.title() : section.heading();
    }

    /** The section's first words as plain text, cut at a word boundary. */
    static String excerpt(Section section) {
        StringBuilder text = new StringBuilder();
        for (Block block : section.blocks()) {
            if (text.length() >= EXCERPT_CHARACTERS) break;
            String words;
            if (block instanceof Block.Paragraph p) words = p.text();
            else if (block instanceof Block.Heading h) words = h.text() + ".";
            else if (block instanceof Block.ItemList l) words = String.join("; ", l.items()) + ".";
            else if (block instanceof Block.Table t) words = t.caption() + ".";
            else continue;
            if (!text.isEmpty()) text.append(' ');
            text.append(words.strip());
        }
        if (text.length() <= EXCERPT_CHARACTERS) return text.toString();
        int cut = text.lastIndexOf(" ", EXCERPT_CHARACTERS);
        return text.substring(0, cut > 0 ? cut : EXCERPT_CHARACTERS) + "\u2026";
    }

    private static Instant later(Instant a, Clip clip) {
        return clip.audio().lastModified().isAfter(a) ? clip.audio().lastModified() : a;
    }
}
