package app.earshot.web;

import app.earshot.messages.Messages;

import app.earshot.store.ArtifactStore;
import app.earshot.store.Keys;
import app.earshot.content.Block;
import app.earshot.content.Languages;
import app.earshot.snapshot.Snapshot;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.PodcastSettings;
import app.earshot.content.Site;
import app.earshot.content.Speed;
import app.earshot.audio.HlsSegments;
import app.earshot.feed.Chapters;
import app.earshot.feed.CoverArt;
import app.earshot.feed.Playlist;
import app.earshot.feed.PodcastFeed;
import app.earshot.narration.Clip;
import app.earshot.narration.Format;
import app.earshot.narration.Clips;
import app.earshot.narration.Readiness;
import app.earshot.narration.Voicing;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /feed.xml}, the podcast feed of every section of the pages in the site's language, {@code /feed.es.xml} (and
 * so on), the feed of another of the site's languages, {@code /{slug}/feed.xml}, one page's, the cover art
 * {@code /artwork.png} (or {@code .jpg}), and {@code /{slug}.m3u} and {@code /{slug}.m3u8}, playlists of a page's
 * sections; both at the normal speed, with absolute URLs from the configured base URL or else the request's Host.
 * Registered before the page routes, which would otherwise take {@code /feed.xml} for a page slug. A language's feed
 * is a file beside {@code /feed.xml} rather than {@code /es/feed.xml}: it cannot be taken for a page's feed (a page
 * may be called {@code es}), and a static export writes it as one more file at the top, its type fixed by the same
 * {@code .xml} rule as {@code feed.xml}.
 */
final class FeedRoutes {
    private static final int EXCERPT_CHARACTERS = 300;

    private final Clips clips;
    private final Readiness readiness;
    private final ArtifactStore store;
    private final MediaResponder media;
    private final HlsVersions versions;

    FeedRoutes(Clips clips, Readiness readiness, ArtifactStore store, MediaResponder media, HlsVersions versions) {
        this.clips = clips;
        this.readiness = readiness;
        this.store = store;
        this.media = media;
        this.versions = versions;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/feed.xml", ctx -> feed(ctx, RequestSnapshot.of(ctx).site().language()));
        Routes.getAndHead(routes, "/feed.{lang}.xml", this::languageFeed);
        Routes.getAndHead(routes, "/artwork.png", ctx -> artwork(ctx, "png"));
        Routes.getAndHead(routes, "/artwork.jpg", ctx -> artwork(ctx, "jpg"));
        Routes.getAndHead(routes, "/{slug}/feed.xml", this::pageFeed);
        Routes.getAndHead(routes, "/{slug}.m3u", ctx -> playlist(ctx, false));
        Routes.getAndHead(routes, "/{slug}.m3u8", ctx -> playlist(ctx, true));
    }

    /**
     * The site feed: every page a season, its sections the episodes in page order. Seasons follow the review dates
     * (then slugs), so a page added or reviewed again is the newest season, after every older one, and the pages
     * before it keep their places; each episode's time depends only on its page and the pages reviewed the same day.
     */
    private void feed(Context ctx, String language) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        String base = Links.absolute(ctx).base();
        List<PodcastFeed.Episode> episodes = new ArrayList<>();
        Instant newest = Instant.EPOCH;
        int[] pending = {0};
        List<Page> pages = site.pages().stream().filter(p -> language(site, p).equals(language))
                .sorted(java.util.Comparator.comparing(Page::reviewed).thenComparing(Page::slug)).toList();
        long sameDay = 0;
        for (int p = 0; p < pages.size(); p++) {
            Page page = pages.get(p);
            sameDay = p > 0 && pages.get(p - 1).reviewed().equals(page.reviewed()) ? sameDay + pages.get(p - 1).sections().size() : 0;
            newest = episodes(now.voicing(), now.messages(page.language()), site, page, p + 1, sameDay, base, episodes, newest, pending);
        }
        Messages msg = now.messages(language);
        String rss = PodcastFeed.rss(show(site, language, feedTitle(site, msg, language),
                describe(site.description(), ctx, pending[0], msg), base, base + "/", base + feedPath(site, language), episodes));
        send(ctx, site, rss, PodcastFeed.MEDIA_TYPE, "xml", newest);
    }

    /** {@code /feed.{lang}.xml}: the feed of one of the site's other languages; 404 naming the feeds for any other. */
    private void languageFeed(Context ctx) {
        Site site = RequestSnapshot.of(ctx).site();
        String language = ctx.pathParam("lang");
        if (site.languages().contains(language) && !language.equals(site.language())) {
            feed(ctx, language);
            return;
        }
        throw new Refusal(404, "errors.feeds", String.join(", ", site.languages().stream().map(l -> feedPath(site, l) + " (" + l + ")").toList()));
    }

    /** The title of the site feed of {@code language}: the site's title, and the language's own name for another. */
    static String feedTitle(Site site, Messages msg, String language) {
        return language.equals(site.language()) ? site.title()
                : msg.format("feed.title.language", site.title(), Languages.selfName(language));
    }

    /** The path of the site feed of {@code language}: {@code /feed.xml} for the site's language, else {@code /feed.es.xml}. */
    static String feedPath(Site site, String language) {
        return PodcastFeed.sitePath(site.language(), language);
    }

    /** A page's language: its own, or the site's for a page that names none. */
    static String language(Site site, Page page) {
        return page.language().isEmpty() ? site.language() : page.language();
    }

    /** One page's feed, for subscribing to one topic: its sections as episodes 1 to n. */
    private void pageFeed(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        String base = Links.absolute(ctx).base();
        List<PodcastFeed.Episode> episodes = new ArrayList<>();
        int[] pending = {0};
        Messages msg = now.messages(page.language());
        Instant newest = episodes(now.voicing(), msg, site, page, 0, 0, base, episodes, Instant.EPOCH, pending);
        String rss = PodcastFeed.rss(show(site, language(site, page), page.title() + " \u2013 " + site.title(),
                describe(page.summary().isBlank() ? site.description() : page.summary(), ctx, pending[0], msg), base, base + "/" + page.slug(),
                base + "/" + page.slug() + "/feed.xml", episodes));
        send(ctx, site, rss, PodcastFeed.MEDIA_TYPE, "xml", newest);
    }

    private PodcastFeed.Show show(Site site, String language, String title, String description, String base, String link,
                                  String self, List<PodcastFeed.Episode> episodes) {
        return new PodcastFeed.Show(title, description, language, site.organisation(), link, self,
                site.podcast().owner(), site.podcast().email(), base + artworkPath(site), episodes);
    }

    /**
     * Adds a page's sections as episodes of {@code season} (0: no season). Publication times are the review date at
     * midnight UTC plus a second per section before it that day ({@code sameDay} sections of pages reviewed the same
     * day come first, in slug order; seconds, so even thousands of pages reviewed on one day stay within it), so every
     * episode has its own time and date-sorting apps list them in serial order; they move only when the page, or a
     * page reviewed the same day before it, changes.
     */
    private Instant episodes(Voicing v, Messages msg, Site site, Page page, int season, long sameDay, String base, List<PodcastFeed.Episode> out,
                             Instant newest, int[] pending) {
        Instant day = page.reviewed().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (int i = 0; i < page.sections().size(); i++) {
            Section section = page.sections().get(i);
            // Only audio that is ready: the feed answers at once, and an episode appears once its MP3 is made.
            if (readiness.section(v, page, section, Speed.NORMAL, Format.MP3).isEmpty()) {
                pending[0]++;
                continue;
            }
            Clip clip = clips.sectionMp3(v, page, section, Speed.NORMAL);
            newest = later(newest, clip);
            Instant published = day.plus(java.time.Duration.ofSeconds(sameDay + i));
            String audio = new Links(base).audio(page, section);
            out.add(new PodcastFeed.Episode(episodeTitle(page, section, msg), excerpt(section),
                    base + "/" + page.slug() + "/" + section.id(), guid(base, page, section), published,
                    audio + ".mp3", clip.size(), clip.seconds(), season, i + 1, sectionTitle(page, section, msg),
                    new PodcastFeed.Companions(audio + ".vtt", base + "/" + page.slug() + "/" + section.id() + "/transcript",
                            audio + ".chapters.json")));
        }
        return newest;
    }

    /**
     * An episode's GUID, fixed for its page's life: the site's base URL and the page's and section's ids, never a date,
     * so reviewing a page again leaves every episode the one listeners have (Apple: a GUID never changes).
     */
    static String guid(String base, Page page, Section section) {
        return base + "/" + page.slug() + "/" + section.id();
    }

    /** A section episode's chapters (Podcasting 2.0 JSON): the section, from its start, linked to its page. */
    static String sectionChapters(String base, Page page, Section section, Messages msg) {
        return Chapters.json(List.of(new Chapters.Chapter(0, sectionTitle(page, section, msg), base + "/" + page.slug() + "/" + section.id())));
    }

    /** The channel description, saying (and telling clients in {@code X-Episodes-Pending}) how many episodes are not yet made. */
    private static String describe(String description, Context ctx, int pending, Messages msg) {
        if (pending == 0) return description;
        ctx.header("X-Episodes-Pending", Integer.toString(pending));
        return description + " (" + msg.format(pending == 1 ? "feed.pending.one" : "feed.pending.other", pending) + ")";
    }

    /** The cover art: the author's file from the content folder, or art drawn from the site's title, cached like audio. */
    private void artwork(Context ctx, String extension) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        if (!artworkPath(site).equals("/artwork." + extension)) throw new Refusal(404, "errors.artwork", artworkPath(site));
        app.earshot.store.Artifact art = site.podcast().artwork().map(a -> authorArt(a))
                .orElseGet(() -> store.get(ArtifactStore.key(CoverArt.VERSION, site.title(), site.organisation()), "png",
                        () -> CoverArt.png(site.title(), site.organisation())));
        String type = extension.equals("png") ? "image/png" : "image/jpeg";
        media.send(ctx, MediaResponder.Representation.of(art, type));
    }

    private app.earshot.store.Artifact authorArt(PodcastSettings.Artwork art) {
        try {
            java.nio.file.attribute.BasicFileAttributes attributes =
                    java.nio.file.Files.readAttributes(art.file(), java.nio.file.attribute.BasicFileAttributes.class);
            String key = ArtifactStore.key("artwork", art.file().toString(), Long.toString(attributes.size()),
                    attributes.lastModifiedTime().toString());
            return store.get(key, art.extension(), () -> {
                try {
                    return java.nio.file.Files.readAllBytes(art.file());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.IOException e) {
            throw new Refusal(503, "errors.artwork-unreadable");
        }
    }

    /** The path of the cover art: {@code /artwork.png}, or {@code /artwork.jpg} for an author's JPEG. */
    static String artworkPath(Site site) {
        return "/artwork." + site.podcast().artwork().map(PodcastSettings.Artwork::extension).orElse("png");
    }

    private void playlist(Context ctx, boolean hls) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = PageRoutes.page(site, ctx.pathParam("slug"));
        Links links = new Links(Links.absolute(ctx).base());
        List<Playlist.Entry> entries = new ArrayList<>();
        Instant newest = Instant.EPOCH;
        if (hls) {
            // Segments of the one gapless page MP3, so the listener hears the page as the page file plays it.
            HlsSegments.Plan plan = clips.hlsPlan(now.voicing(), page);
            // The version the segments are cut from, named in each URL: a player never fetches a VOD playlist again.
            String version = clips.pageMp3(now.voicing(), page, Speed.NORMAL).audio().key();
            // Noted under this page before any link names it, so its segments answer it here and nowhere else.
            versions.givenOut(page, version);
            // Each segment is titled by the section playing at its start. A section's first frame starts where the
            // sections and pauses before it end (its encoder delay equals the page's, which the page stream starts with).
            List<String> titles = new ArrayList<>();
            List<Double> starts = new ArrayList<>();
            double at = 0;
            for (Section section : page.sections()) {
                starts.add(at);
                titles.add(sectionTitle(page, section, now.messages(page.language())));
                at += clips.sectionMp3(now.voicing(), page, section, Speed.NORMAL).seconds() + app.earshot.narration.Clips.SECTION_PAUSE_SECONDS;
            }
            for (int n = 0, k = 0; n < plan.segments().size(); n++) {
                double start = plan.timestamp(n) / 90_000.0;
                while (k + 1 < starts.size() && starts.get(k + 1) <= start + 0.001) k++;
                entries.add(new Playlist.Entry(plan.seconds(n), titles.get(k), links.hlsSegment(page, n, version)));
            }
            newest = later(newest, clips.pageMp3(now.voicing(), page, Speed.NORMAL));
            SecurityHeaders.readableByOtherSites(ctx);
            send(ctx, site, Playlist.hls(entries, plan.independent()), Playlist.HLS_MEDIA_TYPE, "m3u8", newest);
            return;
        }
        for (Section section : page.sections()) {
            Clip clip = clips.sectionMp3(now.voicing(), page, section, Speed.NORMAL);
            newest = later(newest, clip);
            entries.add(new Playlist.Entry(clip.seconds(), sectionTitle(page, section, now.messages(page.language())),
                    links.audio(page, section) + ".mp3"));
        }
        send(ctx, site, Playlist.m3u(page.title(), entries), Playlist.MEDIA_TYPE, "m3u", newest);
    }

    private void send(Context ctx, Site site, String body, String type, String extension, Instant modified) {
        String etag = Keys.etag(ArtifactStore.key(extension, body), extension);
        media.send(ctx, MediaResponder.Representation.of(body, type, etag, modified));
    }

    /** Titles stand alone in a podcast app, so a section's names its page too. */
    private static String episodeTitle(Page page, Section section, Messages msg) {
        return section.introduction() ? sectionTitle(page, section, msg) : section.heading() + " \u2013 " + page.title();
    }

    private static String sectionTitle(Page page, Section section, Messages msg) {
        return section.introduction() ? msg.format("feed.introduction-to", page.title()) : section.heading();
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
