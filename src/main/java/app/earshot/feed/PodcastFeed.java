package app.earshot.feed;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a podcast feed: RSS 2.0 with Apple's iTunes namespace, one item per episode with an MP3 enclosure.
 * Text is escaped by the JDK's StAX writer, so any title or description gives well-formed XML.
 */
public final class PodcastFeed {
    public static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public static final String ATOM = "http://www.w3.org/2005/Atom";
    /** Podcasting 2.0 (podcastindex.org namespace 1.0). */
    public static final String PODCAST = "https://podcastindex.org/namespace/1.0";
    /** The namespace its {@code podcast:guid} UUIDs are made in (version 5, from the feed URL). */
    static final java.util.UUID PODCAST_GUID_NAMESPACE = java.util.UUID.fromString("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");
    public static final String MEDIA_TYPE = "application/rss+xml; charset=utf-8";

    /**
     * The show.
     *
     * @param title       show title
     * @param description what the show is
     * @param language    language tag, e.g. {@code en}
     * @param author      who publishes it
     * @param link        absolute URL of the website
     * @param self        absolute URL of this feed
     * @param owner       the owner's name ({@code itunes:owner})
     * @param email       the owner's e-mail address, or "" for none
     * @param image       absolute URL of the cover art
     * @param episodes    items, in the order they are listed
     */
    public record Show(String title, String description, String language, String author, String link, String self,
                       String owner, String email, String image, List<Episode> episodes) {
        public Show {
            episodes = List.copyOf(episodes);
        }
    }

    /**
     * One episode.
     *
     * @param title       episode title
     * @param description what it is about (plain text)
     * @param link        absolute URL of its web page
     * @param guid        stable identifier, not a URL
     * @param published   publication time
     * @param audioUrl    absolute URL of the MP3
     * @param audioBytes  exact byte size of the MP3 at that URL
     * @param seconds     playing time
     * @param season      season number (a page of the site), or 0 for none
     * @param number      episode number within its season, from 1
     * @param shortTitle  the title without the show's or season's name ({@code itunes:title})
     */
    public record Episode(String title, String description, String link, String guid, Instant published,
                          String audioUrl, long audioBytes, double seconds, int season, int number, String shortTitle,
                          Companions companions) {
        /** An episode without companion files. */
        public Episode(String title, String description, String link, String guid, Instant published, String audioUrl,
                       long audioBytes, double seconds, int season, int number, String shortTitle) {
            this(title, description, link, guid, published, audioUrl, audioBytes, seconds, season, number, shortTitle, null);
        }
    }

    /**
     * What comes with an episode's audio (Podcasting 2.0): absolute URLs of its WebVTT captions and HTML transcript
     * ({@code podcast:transcript}) and of its JSON chapters ({@code podcast:chapters}).
     */
    public record Companions(String captions, String transcript, String chapters) {}

    private PodcastFeed() {
    }

    /**
     * The path of the site feed of {@code language}: {@code /feed.xml} for the site's own language, else
     * {@code /feed.es.xml} and so on, beside it (never {@code /es/feed.xml}, which a page called {@code es} would own).
     */
    public static String sitePath(String siteLanguage, String language) {
        return language.equals(siteLanguage) ? "/feed.xml" : "/feed." + language + ".xml";
    }

    /** The feed as an XML document. */
    public static String rss(Show show) {
        StringWriter out = new StringWriter(16384);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("itunes", ITUNES);
            xml.writeNamespace("atom", ATOM);
            xml.writeNamespace("podcast", PODCAST);
            xml.writeStartElement("channel");
            element(xml, "title", show.title());
            element(xml, "link", show.link());
            element(xml, "description", show.description());
            element(xml, "language", show.language());
            xml.writeEmptyElement("atom", "link", ATOM);
            xml.writeAttribute("href", show.self());
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("type", "application/rss+xml");
            itunes(xml, "author", show.author());
            itunes(xml, "summary", show.description());
            xml.writeEmptyElement("itunes", "image", ITUNES);
            xml.writeAttribute("href", show.image());
            xml.writeStartElement("itunes", "owner", ITUNES);
            itunes(xml, "name", show.owner());
            if (!show.email().isEmpty()) itunes(xml, "email", show.email());
            xml.writeEndElement();
            itunes(xml, "explicit", "false");
            podcast(xml, "guid", guid(show.self()).toString());
            // Locked: no other platform may take the show over; the owner's address is where it is unlocked.
            xml.writeStartElement("podcast", "locked", PODCAST);
            if (!show.email().isEmpty()) xml.writeAttribute("owner", show.email());
            xml.writeCharacters("yes");
            xml.writeEndElement();
            // Serial: apps present episodes oldest first, in episode order, as chapters of a page are meant to be heard.
            itunes(xml, "type", "serial");
            xml.writeStartElement("itunes", "category", ITUNES);
            xml.writeAttribute("text", "Health & Fitness");
            xml.writeEmptyElement("itunes", "category", ITUNES);
            xml.writeAttribute("text", "Medicine");
            xml.writeEndElement();
            for (Episode e : show.episodes()) item(xml, e);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            // Writing to a StringWriter cannot fail for I/O reasons; anything else is a bug here.
            throw new IllegalStateException("podcast feed could not be written", e);
        }
        return out.toString();
    }

    /**
     * The show's {@code podcast:guid}: a version 5 UUID, in the namespace's own UUID, of the feed URL without its
     * scheme and trailing slashes, as the Podcasting 2.0 namespace specifies; so it follows the feed's address.
     */
    public static java.util.UUID guid(String feedUrl) {
        String name = feedUrl.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "").replaceFirst("/+$", "");
        try {
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            java.nio.ByteBuffer ns = java.nio.ByteBuffer.allocate(16);
            ns.putLong(PODCAST_GUID_NAMESPACE.getMostSignificantBits()).putLong(PODCAST_GUID_NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(hash, 0, 16);
            return new java.util.UUID(b.getLong(), b.getLong());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** RFC 822 date of midnight UTC on {@code date}, as RSS wants: "Thu, 26 Nov 2026 00:00:00 GMT". */
    public static String rfc822(LocalDate date) {
        return rfc822(date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** RFC 822 date-time of {@code time} in GMT: "Thu, 26 Nov 2026 01:03:00 GMT" (RSS, not HTTP: a one-digit day is valid). */
    public static String rfc822(Instant time) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(time.atZone(ZoneOffset.UTC));
    }

    /** Playing time as iTunes wants it: "HH:MM:SS", rounded to the nearest second. */
    public static String duration(double seconds) {
        long total = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
    }

    private static void item(XMLStreamWriter xml, Episode e) throws XMLStreamException {
        xml.writeStartElement("item");
        element(xml, "title", e.title());
        element(xml, "link", e.link());
        element(xml, "description", e.description());
        xml.writeStartElement("guid");
        xml.writeAttribute("isPermaLink", "false");
        xml.writeCharacters(e.guid());
        xml.writeEndElement();
        element(xml, "pubDate", rfc822(e.published()));
        xml.writeEmptyElement("enclosure");
        xml.writeAttribute("url", e.audioUrl());
        xml.writeAttribute("length", Long.toString(e.audioBytes()));
        xml.writeAttribute("type", "audio/mpeg");
        itunes(xml, "title", e.shortTitle());
        itunes(xml, "duration", duration(e.seconds()));
        if (e.season() > 0) itunes(xml, "season", Integer.toString(e.season()));
        itunes(xml, "episode", Integer.toString(e.number()));
        itunes(xml, "episodeType", "full");
        itunes(xml, "explicit", "false");
        Companions c = e.companions();
        if (c != null) {
            xml.writeEmptyElement("podcast", "transcript", PODCAST);
            xml.writeAttribute("url", c.captions());
            xml.writeAttribute("type", "text/vtt");
            xml.writeAttribute("rel", "captions");
            xml.writeEmptyElement("podcast", "transcript", PODCAST);
            xml.writeAttribute("url", c.transcript());
            xml.writeAttribute("type", "text/html");
            xml.writeEmptyElement("podcast", "chapters", PODCAST);
            xml.writeAttribute("url", c.chapters());
            xml.writeAttribute("type", Chapters.MEDIA_TYPE);
        }
        xml.writeEndElement();
    }

    private static void podcast(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement("podcast", name, PODCAST);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void itunes(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement("itunes", name, ITUNES);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
