package app.earshot.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Debian Chromium process and its chromedriver, driven through the system chromedriver so that Selenium
 * Manager never tries to download anything, started once and shared by the test classes of a run ({@link Browser}
 * leases it). Each lease gets a window in a browser context of its own, made through the browser-level DevTools
 * connection (a page's connection, which {@code executeCdpCommand} uses, may not create contexts), and disposed with
 * everything in it when the lease ends.
 */
final class Chromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    /** The first window, never used by a test: chromedriver ends its session when its last window closes. */
    final String keeper;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> replies = new ConcurrentHashMap<>();

    private Chromium(ChromeDriver driver) throws Exception {
        this.driver = driver;
        this.keeper = driver.getWindowHandle();
        Map<?, ?> options = (Map<?, ?>) driver.getCapabilities().getCapability("goog:chromeOptions");
        HttpClient http = HttpClient.newHttpClient();
        String version = http.send(HttpRequest.newBuilder(URI.create("http://" + options.get("debuggerAddress") + "/json/version")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String endpoint = (String) JSON.readValue(version, Map.class).get("webSocketDebuggerUrl");
        this.socket = http.newWebSocketBuilder().buildAsync(URI.create(endpoint), new Replies()).get(30, TimeUnit.SECONDS);
    }

    static Chromium start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver); .ci/run installs them");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1280,900", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            return new Chromium(driver);
        } catch (Exception e) {
            driver.quit();
            throw new IllegalStateException("no browser-level DevTools connection to Chromium", e);
        }
    }

    /** True while the browser and its driver still answer. */
    boolean alive() {
        try {
            driver.getWindowHandles();
            return !socket.isOutputClosed();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Sends a DevTools command to the browser itself (not to a page) and returns its result. */
    Map<String, Object> command(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        replies.put(id, reply);
        try {
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).get(30, TimeUnit.SECONDS);
            Map<String, Object> answer = reply.get(30, TimeUnit.SECONDS);
            if (answer.containsKey("error")) throw new IllegalStateException(method + ": " + answer.get("error"));
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) answer.getOrDefault("result", Map.of());
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(method + " failed", e);
        } finally {
            replies.remove(id);
        }
    }

    void quit() {
        socket.abort();
        driver.quit();
    }

    /** Collects the browser's answers (whole messages, which may come in parts) and hands each to its command. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> answer = JSON.readValue(message.toString(), Map.class);
                    if (answer.get("id") instanceof Number id) {
                        CompletableFuture<Map<String, Object>> reply = replies.get(id.intValue());
                        if (reply != null) reply.complete(answer);
                    }
                } catch (Exception e) {
                    replies.values().forEach(r -> r.completeExceptionally(e));
                } finally {
                    message.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
