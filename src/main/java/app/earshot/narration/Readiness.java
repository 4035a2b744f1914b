package app.earshot.narration;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.store.Artifact;
import app.earshot.store.ArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is already stored, never making anything: sizes and lengths of clips for links and feeds, and whether a
 * section's audio is ready for {@code /healthz}.
 */
public final class Readiness {
    private final ArtifactStore store;
    private final RenderingKeys keys;

    Readiness(ArtifactStore store, RenderingKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    /** Size and length of the section's clip at {@code speed} in {@code format} if already stored. */
    public Optional<ClipFacts> section(Voicing v, Page page, Section section, Speed speed, Format format) {
        return facts(keys.section(v, page, section, speed), format);
    }

    /** Size and length of the page's clip at {@code speed} in {@code format} if already stored. */
    public Optional<ClipFacts> page(Voicing v, Page page, Speed speed, Format format) {
        List<String> sectionKeys = new ArrayList<>();
        for (Section s : page.sections()) {
            String key = keys.section(v, page, s, speed);
            if (store.find(key, "wav").isEmpty()) return Optional.empty();
            sectionKeys.add(key);
        }
        return facts(RenderingKeys.page(sectionKeys), format);
    }

    /** True if the section's clip, captions and MP3 at the normal speed are all stored and unchanged. */
    public boolean ready(Voicing v, Page page, Section section) {
        String key = keys.section(v, page, section, Speed.NORMAL);
        return store.contains(key, "wav") && store.contains(key, "cues.json") && store.contains(RenderingKeys.mp3(key), "mp3");
    }

    private Optional<ClipFacts> facts(String wavKey, Format format) {
        Optional<Artifact> found = format == Format.MP3 ? store.find(RenderingKeys.mp3(wavKey), "mp3") : store.find(wavKey, "wav");
        return found.map(a -> new ClipFacts(a.size(), format == Format.MP3 ? Clips.mp3Seconds(a) : Clips.seconds(a)));
    }
}
