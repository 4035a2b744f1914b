package app.earshot.feed;

import java.util.List;

/**
 * Writes an extended M3U playlist (UTF-8, so {@code .m3u8}): {@code #EXTM3U}, then per entry
 * {@code #EXTINF:<whole seconds>,<title>} and its URL. It is a plain playlist of whole files, not an HLS stream.
 */
public final class Playlist {
    /**
     * Plain M3U playlists are {@code audio/mpegurl}; {@code application/vnd.apple.mpegurl} would tell HLS clients
     * to expect a stream of timestamped segments with EXT-X tags, which this is not.
     */
    public static final String MEDIA_TYPE = "audio/mpegurl";

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

    /** Each entry is two lines, so line breaks inside a title or URL would corrupt the list. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
