package app.earshot.web;

import app.earshot.content.ContentStore;
import app.earshot.content.Site;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /healthz}: whether the server is serving, how much content, and why a newer edit is not served ("degraded"). */
final class HealthRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContentStore content;

    HealthRoutes(ContentStore content) {
        this.content = content;
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

    private void health(Context ctx) throws JsonProcessingException {
        Site site = content.current();
        Map<String, Object> body = new LinkedHashMap<>();
        var problems = content.problems();
        body.put("status", problems.isEmpty() ? "ok" : "degraded");
        body.put("pages", site.pages().size());
        body.put("sections", site.sectionCount());
        if (!problems.isEmpty()) body.put("problems", problems.stream().map(HealthRoutes::withoutFolders).toList());
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        ctx.result(JSON.writeValueAsString(body));
    }
}
