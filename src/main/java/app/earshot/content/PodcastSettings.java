package app.earshot.content;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The podcast's settings from {@code site.yaml}'s {@code podcast} block: who owns the show (Apple's and Spotify's
 * {@code itunes:owner}) and the cover art, a file in the content folder checked when content loads.
 *
 * @param owner   the owner's name; the organisation when not given
 * @param email   the owner's e-mail address, or "" (podcast directories send ownership checks to it)
 * @param artwork the author's cover art, if any; otherwise one is generated from the site's title
 */
public record PodcastSettings(String owner, String email, Optional<Artwork> artwork) {
    /** Cover art: the file, its media type ({@code image/png} or {@code image/jpeg}) and its side in pixels. */
    public record Artwork(Path file, String mediaType, int pixels) {
        /** The URL file extension: "png" or "jpg". */
        public String extension() {
            return mediaType.equals("image/png") ? "png" : "jpg";
        }
    }

    public PodcastSettings {
        email = email == null ? "" : email;
    }

    /** No owner e-mail and generated art; the owner's name is the organisation's. */
    public static PodcastSettings defaults(String organisation) {
        return new PodcastSettings(organisation, "", Optional.empty());
    }
}
