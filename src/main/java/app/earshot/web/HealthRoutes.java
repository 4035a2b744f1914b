package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.narration.Readiness;
import app.earshot.narration.Warmer;
import app.earshot.store.ArtifactStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /healthz}: whether the server is serving, how much content, how much of its audio is ready, and why it is
 * "degraded" when it is: a newer edit that cannot be served, warming that stopped, or a class of cache problem
 * (unreadable, disk full, unwritable, verification failed) seen within the store's health window, or a language the
 * site lists that has no voice on this machine.
 */
final class HealthRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SnapshotStore content;
    private final Readiness readiness;
    private final ArtifactStore store;
    private final Warmer warmer;

    private final app.earshot.narration.Narrator narrator;

    HealthRoutes(SnapshotStore content, app.earshot.narration.Narrator narrator, ArtifactStore store, Warmer warmer) {
        this.narrator = narrator;
        Readiness readiness = narrator.readiness();
        this.content = content;
        this.readiness = readiness;
        this.store = store;
        this.warmer = warmer;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/healthz", this::health);
    }

    /**
     * A problem line with every absolute path cut to its file name ("/srv/site/content/pages/a.md:3: ..." becomes
     * "a.md:3: ..."): the endpoint is public, and the server's folders are nobody's business.
     */
    static String withoutFolders(String problem) {
        return problem.replaceAll("(?<![\\w.])(?:[A-Za-z]:)?[/\\\\](?:[^\\s/\\\\:]+[/\\\\])*([^\\s/\\\\:]+)", "$1");
    }

    /** "audio warming skipped 2 item(s) and tries them again in 15 s: rest/resting (cannot read ...), rest (...)". */
    static String skipped(Warmer.Status warming) {
        long seconds = Math.max(0, (java.time.Duration.between(java.time.Instant.now(), warming.nextTry()).toMillis() + 999) / 1000);
        List<String> items = warming.skipped().entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(10)
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        return "audio warming skipped " + warming.skipped().size() + " item(s) and tries them again in " + seconds + " s: "
                + String.join(", ", items);
    }

    private void health(Context ctx) throws JsonProcessingException {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        List<String> problems = new ArrayList<>(content.problems());
        Warmer.Status warming = warmer.status();
        if (warming.state() == Warmer.State.STOPPED) problems.add("audio warming stopped: " + warming.reason());
        if (warming.state() == Warmer.State.RETRYING) problems.add(skipped(warming));
        ArtifactStore.Health cache = store.health();
        if (cache.unreadable() > 0) {
            problems.add("unreadable: " + cache.unreadable() + " stored file(s) cannot be read or replaced, and audio that needs "
                    + "them answers 503 until they can be read or are removed: " + String.join(", ", cache.unreadableFiles()));
        }
        // Each class of problem by name, while it was seen within the health window; none once nothing fails.
        cache.problems().forEach((kind, latest) -> problems.add(kind.label() + ": " + switch (kind) {
            case UNREADABLE -> "a stored file could not be read and is made again (" + latest + ")";
            case DISK_FULL -> "the audio cache has no space left; audio is held in memory or refused with 503 (" + latest + ")";
            case UNWRITABLE -> "the audio cache cannot be written; audio is held in memory (" + latest + ")";
            case VERIFICATION_FAILED -> "stored file keeps failing verification: " + latest;
        }));
        // A language the site lists with no voice here: its pages are served as text ("no voice for es: install ...").
        for (String language : site.languages()) {
            narrator.noVoice(language, now.voicing().voice(language, app.earshot.content.Speed.NORMAL)).ifPresent(problems::add);
        }
        int ready = 0;
        for (Page page : site.pages()) {
            for (Section section : page.sections()) if (readiness.ready(now.voicing(), page, section)) ready++;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "ok" : "degraded");
        body.put("pages", site.pages().size());
        body.put("sections", site.sectionCount());
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("ready", ready);
        audio.put("total", site.sectionCount());
        audio.put("warming", warming.state().name().toLowerCase(java.util.Locale.ROOT));
        body.put("audio", audio);
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("verified", cache.verified());
        stored.put("failedVerification", cache.failedVerification());
        stored.put("unreadable", cache.unreadable());
        body.put("cache", stored);
        if (!problems.isEmpty()) body.put("problems", problems.stream().map(HealthRoutes::withoutFolders).toList());
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        ctx.result(JSON.writeValueAsString(body));
    }
}
