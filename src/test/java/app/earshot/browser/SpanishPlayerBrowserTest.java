package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The Spanish page's player in headless Chromium: every control the script adds is named in Spanish (issue 25). */
@ResourceLock(Browser.LOCK)
class SpanishPlayerBrowserTest extends ListeningFixtureBrowser {
    /** The bilingual fixture, its Spanish page warm. */
    @BeforeAll
    static void startServerAndBrowser() {
        start(app.earshot.Fixture.BILINGUAL, "acerca-de-la-ketamina");
    }

    @Test
    void thePlayersButtonsSpeedAndFollowSwitchAreInSpanish() {
        open();
        assertEquals(List.of("Escuchar la página completa", "Retroceder 10 segundos", "Avanzar 10 segundos"),
                texts("[data-player] .player-controls > button"));
        assertEquals(List.of("Más lenta", "Normal", "Más rápida"), texts("[data-player] [role=group] button"));
        assertEquals("Velocidad", browser.driver().findElement(By.cssSelector("[data-player] [role=group]")).getAccessibleName());
        assertEquals("Seguir la lectura", texts("[data-player] .player-follow").get(0));
        WebElement play = browser.driver().findElement(By.cssSelector("[data-player] .player-play"));
        play.sendKeys(Keys.ENTER);
        Await.until(Duration.ofSeconds(10), () -> play.getText().equals("Pausar"), "the play button says Pausar while playing");
    }

    @Test
    void aSectionsButtonSaysEscucharThenPausar() {
        open();
        WebElement button = browser.driver().findElement(By.cssSelector("main .listen-section-button"));
        assertTrue(button.getText().startsWith("Escuchar la sección 2: "), button.getText());
        String name = button.getText().substring("Escuchar ".length());
        button.sendKeys(Keys.ENTER);
        Await.until(Duration.ofSeconds(10), () -> button.getText().equals("Pausar " + name), "Pausar " + name);
    }

    private static List<String> texts(String selector) {
        return browser.driver().findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    private static void open() {
        browser.reset();
        browser.driver().get(server.url("/acerca-de-la-ketamina"));
        browser.script("const a = document.querySelector('[data-player] audio'); a.muted = true;");
    }
}
