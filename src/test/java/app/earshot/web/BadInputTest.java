package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BadInputTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/%2e%2e/%2e%2e/etc/passwd",
            "/about-ketamine/..%2f..%2fpom.xml",
            "/..%2f..%2fetc%2fpasswd",
            "/%2e%2e%2f%2e%2e%2fpom.xml",
            "/about-ketamine/%2e%2e",
            "/about-ketamine/%252e%252e%252fpom.xml",
            "/..;/pom.xml",
            "/about-ketamine/%00",
            "/static/../pom.xml",
            "/static/%2e%2e/%2e%2e/pom.xml",
            "/about-ketamine/fda-breakthrough-status/../../../pom.xml",
            "/ABOUT-KETAMINE",
            "/about-ketamine/f\u00e9",
            "/%ff%fe",
            "/about-ketamine/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    })
    void hostilePathsGet404Or400AndNoFileContents(String path) {
        HttpResponse<String> response = server.get(path.replace("\u00e9", "%C3%A9"));
        int status = response.statusCode();
        assertTrue(status == 404 || status == 400, path + " gave " + status);
        assertFalse(response.body().contains("<artifactId>"), path + " leaked pom.xml");
        assertFalse(response.body().contains("root:x:0:0"), path + " leaked /etc/passwd");
        assertFalse(response.body().contains("at app.earshot") || response.body().contains("Exception"), path + " leaked a stack trace");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000, 6000})
    void overLongIdsAre404(int length) {
        int status = server.get("/about-ketamine/" + "a".repeat(length)).statusCode();
        assertTrue(status == 404 || status == 414 || status == 431 || status == 400, "status " + status);
    }
}
