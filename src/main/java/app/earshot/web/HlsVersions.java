package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.store.ArtifactStore;
import java.nio.charset.StandardCharsets;

/**
 * Which page each HLS version ({@code ?v=}, a page MP3's key) was given out for: a playlist notes its version under
 * its page's slug, and a segment link answers an earlier version only under the page that gave it out, so another
 * page's version is answered as a version never made instead of playing that page's audio at this page's address.
 * Kept in the artifact store (a small record per page and version, keyed by both), so a restart keeps what was given
 * out as it keeps the audio.
 */
final class HlsVersions {
    /** Store extension of the note that a version was given out for a page. */
    static final String EXTENSION = "hls.page";

    private final ArtifactStore store;

    HlsVersions(ArtifactStore store) {
        this.store = store;
    }

    /**
     * Notes that {@code page}'s playlist names {@code version}; a no-op once noted. A note, not a production
     * ({@link ArtifactStore#note}): it never waits behind audio being made, nor is refused in a storm.
     */
    void givenOut(Page page, String version) {
        store.note(key(page.slug(), version), EXTENSION,
                ("earshot-hls-page-1 " + page.slug() + " " + version + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** True if a playlist of {@code page} named {@code version} (and the note is still stored); never writes. */
    boolean of(Page page, String version) {
        return store.find(key(page.slug(), version), EXTENSION).isPresent();
    }

    /** One key per (slug, version): a note of one page never answers for another. */
    private static String key(String slug, String version) {
        return ArtifactStore.key("hls-page", slug, version);
    }
}
