package app.earshot.narration;

import app.earshot.store.Artifact;
import app.earshot.store.ArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which telephone clip each version ({@code ?v=}) was given out as, for each place (a section part's or a prompt's
 * path without its format): a VoiceXML browser holds its document for the whole call, so after the clinic renames a
 * section or a page the document's clip URLs must still find the clip they named. Kept in the artifact store as a
 * small note per (place, version), naming the 16 kHz clip and the span the telephone clip is cut from, so a restart
 * keeps what was given out, and every origin on the same cache knows what any of them gave out. A note is written when
 * a version is given out (never because of what a request asks for), before the answer that gives it out is sent.
 */
final class GivenOut {
    /** Store extension of a note. */
    static final String EXTENSION = "tel.given";
    private static final String FORMAT = "earshot-tel-given-1";
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{16}");
    /** FORMAT version wideKey wideExtension start end place */
    private static final Pattern NOTE = Pattern.compile(
            Pattern.quote(FORMAT) + " ([0-9a-f]{16}) ([0-9a-f]{64}) ([a-z0-9]+(?:\\.[a-z0-9]+)*) ([0-9]{1,10}) ([0-9]{1,10}) (\\S.*)\n");
    private static final Logger LOG = LoggerFactory.getLogger(GivenOut.class);

    /**
     * A version given out for a place: part {@code [start, end)} (in samples) of the 16 kHz clip
     * {@code wideKey}.{@code wideExtension}.
     */
    record Note(String place, String version, String wideKey, String wideExtension, int start, int end) {}

    private final ArtifactStore store;

    GivenOut(ArtifactStore store) {
        this.store = store;
    }

    /**
     * Notes that {@code note}'s version was given out for its place; a no-op (one stat) once noted. A note the store
     * cannot keep is logged, not thrown: the answer still goes out, and its clips play while their paths exist.
     */
    void note(Note note) {
        try {
            store.note(key(note.place(), note.version()), EXTENSION, text(note).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.warn("Could not note that {}?v={} was given out: {}", note.place(), note.version(), e.toString());
        }
    }

    /**
     * What {@code version} was given out as for {@code place}, if it was (and its note is still stored); never writes.
     * A version that is not 16 lower-case hex digits is not looked up.
     */
    Optional<Note> of(String place, String version) {
        if (place == null || version == null || !VERSION.matcher(version).matches()) return Optional.empty();
        Optional<Artifact> stored = store.find(key(place, version), EXTENSION);
        if (stored.isEmpty()) return Optional.empty();
        String text;
        try {
            text = new String(stored.get().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Damaged since it was verified: a note cannot be made again, so it is as if it had never been written.
            store.discard(stored.get(), e);
            return Optional.empty();
        }
        Matcher m = NOTE.matcher(text);
        if (!m.matches() || !m.group(1).equals(version) || !m.group(6).equals(place)) {
            LOG.warn("Note {}.{} is not a note of {}?v={}; not used", stored.get().key(), EXTENSION, place, version);
            return Optional.empty();
        }
        long start = Long.parseLong(m.group(4));
        long end = Long.parseLong(m.group(5));
        if (start >= end || end > Integer.MAX_VALUE) return Optional.empty();
        return Optional.of(new Note(place, version, m.group(2), m.group(3), (int) start, (int) end));
    }

    /** One key per (place, version): a note of one place never answers for another. */
    private static String key(String place, String version) {
        return ArtifactStore.key("telephone-given", place, version);
    }

    private static String text(Note n) {
        return FORMAT + " " + n.version() + " " + n.wideKey() + " " + n.wideExtension() + " " + n.start() + " " + n.end()
                + " " + n.place() + "\n";
    }
}
