package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every text answer says how its bytes are encoded, and they are that: {@code charset=utf-8} on every text type that
 * defines the parameter (text/*; the XML types, RFC 7303, which VoiceXML, RFC 4267, and SRGS follow; the unregistered
 * {@code audio/x-mpegurl} of a plain M3U, which players otherwise guess: VLC reads it as UTF-8 only if it decodes as
 * such, else as Latin-1). JSON (RFC 8259 §11) and HLS playlists (RFC 8216 §4 and the IANA registration of
 * {@code application/vnd.apple.mpegurl}) are UTF-8 by definition and define no parameter.
 */
class TextCharsetTest {
    static final String SPANISH = "acerca-de-la-ketamina";
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset=\"?([^;\"\\s]+)", Pattern.CASE_INSENSITIVE);
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Fixture.BILINGUAL);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String type(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("(none)");
    }

    /** The charset parameter, lower case, or null when there is none. */
    static String charset(String type) {
        Matcher m = CHARSET.matcher(type);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** {@code bytes} as strict UTF-8: a malformed sequence fails the test rather than turning into U+FFFD. */
    static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(what + " is not UTF-8", e);
        }
    }

    @Test
    void aPlainM3uSaysItIsUtf8AndItsTitlesReadSo() {
        HttpResponse<byte[]> r = server.getBytes("/" + SPANISH + ".m3u");
        assertEquals(200, r.statusCode());
        assertEquals("audio/x-mpegurl; charset=utf-8", type(r));
        String title = server.site().page(SPANISH).orElseThrow().title();
        List<String> lines = new String(r.body(), java.nio.charset.Charset.forName(charset(type(r)))).lines().toList();
        assertEquals("#PLAYLIST:" + title, lines.get(1));
        assertTrue(lines.get(2).matches("#EXTINF:[0-9]+,Introducci\u00f3n a " + Pattern.quote(title)), lines.get(2));
    }

    @Test
    void phoneDocumentsAndGrammarsSayTheyAreUtf8() {
        for (String path : List.of("/ivr.vxml", "/ivr/es/ivr.vxml", "/ivr/" + SPANISH + ".vxml")) {
            assertEquals("application/voicexml+xml; charset=utf-8", type(server.getBytes(path)), path);
        }
        for (String path : List.of("/ivr/keys.dtmf.grxml", "/ivr/" + SPANISH + ".grxml", "/ivr/es.language.grxml")) {
            assertEquals("application/srgs+xml; charset=utf-8", type(server.getBytes(path)), path);
        }
    }

    /** One answer of every kind the server sends as text, errors included; each decodes as the UTF-8 it says it is. */
    @Test
    void everyTextAnswerNamesUtf8UnlessItsTypeFixesIt() throws Exception {
        String page = "/" + Fixture.PAGE;
        List<String> paths = new ArrayList<>(List.of("/", page, page + "/introduction", page + "/transcript",
                page + "/introduction/transcript", "/" + SPANISH, "/es/", "/search?q=ketamina", "/no-such-page", page + "/no-such-section",
                "/feed.xml", "/feed.es.xml", page + "/feed.xml", "/sitemap.xml", page + ".m3u", "/" + SPANISH + ".m3u",
                page + ".m3u8", "/ivr/twiml", "/ivr/" + SPANISH + "/twiml", "/ivr.vxml", "/ivr/" + SPANISH + ".vxml",
                "/ivr/keys.dtmf.grxml", "/ivr/" + SPANISH + ".grxml", "/api/pages", "/api/pages/" + SPANISH, "/api/pages.json",
                "/api/openapi.json", "/healthz", "/metrics", "/audio/" + SPANISH + "/introduction.txt",
                "/audio/" + SPANISH + "/introduction.vtt", "/audio/" + SPANISH + ".chapters.vtt",
                "/audio/" + SPANISH + "/introduction.chapters.json", "/audio/no-such-page.mp3", "/api/pages/no-such-page",
                "/ivr/no-such-page.vxml", "/telephony/no-such-page/introduction.wav"));
        var html = Jsoup.parse(server.get(page).body());
        paths.add(html.selectFirst("link[rel=stylesheet]").attr("href"));
        paths.add(html.selectFirst("script[src]").attr("src"));
        int text = 0;
        for (String path : paths) {
            HttpResponse<byte[]> r = server.getBytes(HttpRequest.newBuilder(URI.create(server.url(path))));
            String type = type(r);
            String media = type.replaceAll(";.*", "").strip().toLowerCase(Locale.ROOT);
            boolean isText = media.startsWith("text/") || media.endsWith("xml") || media.endsWith("json") || media.contains("mpegurl");
            if (!isText) continue;
            text++;
            boolean fixedByItsType = media.equals("application/json") || media.equals("application/vnd.apple.mpegurl");
            if (fixedByItsType) {
                assertTrue(charset(type) == null || charset(type).equals("utf-8"), path + ": " + type);
            } else {
                assertEquals("utf-8", charset(type), path + ": " + type);
            }
            utf8(r.body(), path);
        }
        assertEquals(paths.size(), text, "every answer asked for here is text");
    }

    /** A HEAD names the same type as the GET it stands for. */
    @Test
    void headNamesTheSameCharset() {
        for (String path : List.of("/" + SPANISH + ".m3u", "/ivr/" + SPANISH + ".vxml", "/ivr/keys.dtmf.grxml")) {
            HttpResponse<String> head = server.request("HEAD", path);
            assertEquals(type(server.getBytes(path)), head.headers().firstValue("Content-Type").orElse("(none)"), path);
        }
    }
}
