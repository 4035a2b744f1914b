package app.earshot.feed;

import java.util.List;

/**
 * Writes a page's sections as playlists: a plain extended M3U ({@code .m3u}: {@code #EXTM3U}, then per entry
 * {@code #EXTINF:<whole seconds>,<title>} and its URL), which VLC-style players open as a list of files; and an HLS
 * playlist ({@code .m3u8}) of type VOD, whose segments the caller names (the page's HLS segments), so HLS clients
 * (ffmpeg, Safari, AVPlayer, hls.js) play the whole page from the first section to the last.
 */
public final class Playlist {
    /**
     * Extended M3U, as players and Debian's mime.types know it ({@code audio/mpegurl} is the same type), saying its
     * charset: a plain M3U has no fixed one (Winamp's were in the system's code page; VLC reads one as UTF-8 only if it
     * decodes as such, else as Latin-1), and a title like "Introducción" is UTF-8 here.
     */
    public static final String MEDIA_TYPE = "audio/x-mpegurl; charset=utf-8";
    /**
     * HLS playlists (RFC 8216): UTF-8 by definition (§4), and the type's registration defines no parameters, so none is
     * sent; nor a byte order mark, which §4 forbids (and ffmpeg's HLS probe, which reads "#EXTM3U" at byte 0, rejects).
     */
    public static final String HLS_MEDIA_TYPE = "application/vnd.apple.mpegurl";

    /** One file in the playlist: its playing time, title and absolute URL. */
    public record Entry(double seconds, String title, String url) {}

    private Playlist() {
    }

    /** The playlist named {@code title}; durations are rounded to whole seconds, as every M3U reader accepts. */
    public static String m3u(String title, List<Entry> entries) {
        StringBuilder out = new StringBuilder(64 + 160 * entries.size());
        out.append("#EXTM3U\n");
        out.append("#PLAYLIST:").append(oneLine(title)).append('\n');
        for (Entry e : entries) {
            out.append("#EXTINF:").append(Math.max(1, Math.round(e.seconds()))).append(',').append(oneLine(e.title())).append('\n');
            out.append(oneLine(e.url())).append('\n');
        }
        return out.toString();
    }

    /**
     * An HLS media playlist of the entries as segments (RFC 8216): version 3 (decimal durations), a target duration of
     * the longest segment rounded up (section 4.3.3.1 requires every rounded duration to fit it), type VOD and an end
     * tag, so a client knows the list is complete and plays it from the start instead of as a live window. Durations
     * have three decimals; an entry without a title has an empty one. {@code independent}: every segment decodes
     * without the one before it ({@code EXT-X-INDEPENDENT-SEGMENTS}).
     */
    public static String hls(List<Entry> entries, boolean independent) {
        long target = 1;
        for (Entry e : entries) target = Math.max(target, (long) Math.ceil(e.seconds()));
        StringBuilder out = new StringBuilder(128 + 160 * entries.size());
        out.append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:").append(target).append('\n');
        out.append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        if (independent) out.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Entry e : entries) {
            out.append("#EXTINF:").append(String.format(java.util.Locale.ROOT, "%.3f", e.seconds())).append(',')
                    .append(oneLine(e.title())).append('\n');
            out.append(oneLine(e.url())).append('\n');
        }
        out.append("#EXT-X-ENDLIST\n");
        return out.toString();
    }

    /** Each entry is two lines, so line breaks inside a title or URL would corrupt the list. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
