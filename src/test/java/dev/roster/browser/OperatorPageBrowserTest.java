package dev.roster.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.daemon.Daemon;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.LocalHttp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator's page in a real browser, served by a daemon over the quickstart example and its sandbox seed (plus
 * two groups with hostile subjects): click through, sign in, sync, read the QR code, use it at phone width and by
 * keyboard, and check it with axe-core.
 */
class OperatorPageBrowserTest {
    static final BotId BOT = BotId.of("46700000001");
    static final String TOKEN = "operator-page-token-41c9e2";
    static final String SCRIPT_SUBJECT = "<script>alert(1)</script>";
    static final String IMG_SUBJECT = "<svg onload=alert(2)>";

    @TempDir
    static Path dir;

    static Simulator sim;
    static Daemon daemon;
    static ChromeDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Path files = dir.resolve("quickstart");
        Files.createDirectories(files);
        Files.copy(Path.of("examples/quickstart/groups.yaml"), files.resolve("groups.yaml"));
        Files.writeString(files.resolve("hostile.yaml"), "bot: \"" + BOT + "\"\ngroups:\n"
                + "  hostile-script:\n    subject: \"" + SCRIPT_SUBJECT + "\"\n    members: []\n"
                + "  hostile-img:\n    subject: \"" + IMG_SUBJECT + "\"\n    members: []\n");
        Path state = dir.resolve("sandbox.yaml");
        Files.copy(Path.of("examples/quickstart/.sandbox.yaml"), state);
        sim = Simulator.start(SimulatorConfig.defaults().withStateFile(state, false).withBots(BOT));
        int port = LocalHttp.freePort();
        Path settingsFile = dir.resolve("roster.yaml");
        Files.writeString(settingsFile, "api:\n  baseUrl: " + sim.baseUrl() + "\n  token: "
                + SimulatorConfig.DEFAULT_TOKEN + "\n"
                + "audit:\n  file: " + dir.resolve("audit.jsonl") + "\n"
                + "daemon:\n  schedule: \"0 0 0 1 1 ? 2099\"\n"
                + "  http: {port: " + port + ", token: " + TOKEN + "}\n");
        RosterSettings settings = SettingsLoader.load(settingsFile, Map.of()).settings();
        SinchGroupApi api = SinchGroupApi.create(new SinchOptions(sim.baseUrl(),
                bot -> Secret.of(SimulatorConfig.DEFAULT_TOKEN), Duration.ofSeconds(2), Duration.ofSeconds(10),
                RetryPolicy.none()), RateLimiter.unlimited());
        daemon = Daemon.start(settings, api, Daemon.Options.of(List.of(files)).withRunAtStart(true));
        base = "http://127.0.0.1:" + port;
        browser = Browser.open(1280, 900);
        waitUntil(() -> {
            browser.get(base + "/");
            return !browser.findElements(By.cssSelector("#bots tr[data-bot='" + BOT + "']")).isEmpty()
                    && !browser.findElement(By.cssSelector("#bots tr[data-bot='" + BOT + "']")).getText()
                            .contains("never"); // its first run is done
        });
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void signedOutOnADesktop() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(base + "/");
        browser.manage().deleteAllCookies();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void waitUntil(Check check) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        AssertionError last = null;
        while (System.nanoTime() < until) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception | AssertionError e) {
                last = new AssertionError(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw last != null ? last : new AssertionError("did not happen within 20 s");
    }

    static void signIn() {
        browser.get(base + "/ui/signin");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("signin")).click();
    }

    static void openGroup(String key) {
        browser.get(base + "/");
        browser.findElement(By.cssSelector("#bots tr[data-bot='" + BOT + "'] a.bot-link")).click();
        browser.findElement(By.cssSelector("#groups tr[data-key='" + key + "'] a")).click();
    }

    @Test
    void clickingThroughToAGroupShowsItsPendingPeopleAndAQrCodeOfTheInviteLink() throws Exception {
        signIn();
        openGroup("sales-team");

        assertThat(browser.getCurrentUrl()).endsWith("/ui/bots/" + BOT + "/groups/sales-team");
        assertThat(browser.findElements(By.cssSelector("#pending li"))).isNotEmpty();
        String link = browser.findElement(By.id("invite-link")).getAttribute("href");
        assertThat(link).startsWith("https://chat.whatsapp.com/");
        String src = browser.findElement(By.id("invite-qr")).getAttribute("src");
        assertThat(src).startsWith("data:image/png;base64,");
        BufferedImage qr = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
        String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(qr)))).getText();
        assertThat(decoded).isEqualTo(link);
        assertThat(browser.findElement(By.id("copy-link")).getTagName()).isEqualTo("button");
        screenshot("group");
    }

    @Test
    void signedOutTheInviteLinkAndTheButtonsAreNotShown() {
        openGroup("sales-team");
        assertThat(browser.findElements(By.id("invite-link"))).isEmpty();
        assertThat(browser.findElements(By.id("invite-qr"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("chat.whatsapp.com");

        browser.get(base + "/ui/bots/" + BOT);
        assertThat(browser.findElements(By.id("sync-now"))).isEmpty();
    }

    @Test
    void syncNowStartsARunThatAppearsAmongTheRuns() {
        signIn();
        browser.get(base + "/ui/runs");
        int before = browser.findElements(By.cssSelector("#runs tbody tr")).size();
        browser.get(base + "/ui/bots/" + BOT);

        browser.findElement(By.id("sync-now")).click();

        waitUntil(() -> {
            browser.get(base + "/ui/runs");
            return browser.findElements(By.cssSelector("#runs tbody tr")).size() > before;
        });
        assertThat(browser.findElement(By.id("runs")).getText()).contains(BOT.value());
    }

    @Test
    void hostileSubjectsAreShownAsTextAndNeverRun() {
        browser.get(base + "/ui/bots/" + BOT);

        String table = browser.findElement(By.id("groups")).getText();
        assertThat(table).contains(SCRIPT_SUBJECT).contains(IMG_SUBJECT);
        assertThat(browser.findElements(By.cssSelector("#groups script, #groups svg"))).isEmpty();
        try {
            browser.switchTo().alert();
            throw new AssertionError("a subject ran as a script: an alert is open");
        } catch (NoAlertPresentException expected) {
            // the subjects stayed text
        }
        openGroup("hostile-img");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(IMG_SUBJECT);
    }

    @Test
    void atPhoneWidthNoPageScrollsSideways() throws Exception {
        signIn();
        browser.manage().window().setSize(new Dimension(360, 740));
        for (String path : List.of("/", "/ui/bots/" + BOT, "/ui/bots/" + BOT + "/groups/sales-team", "/ui/runs")) {
            browser.get(base + path);
            // measured once the window has its new size and the page is laid out (a loaded machine is slow to both)
            int[] overflow = new int[1];
            try {
                new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> {
                    overflow[0] = ((Number) ((JavascriptExecutor) b).executeScript("return window.innerWidth <= 360"
                            + " && document.readyState === 'complete' ? document.documentElement.scrollWidth"
                            + " - window.innerWidth : 1000000;")).intValue();
                    return overflow[0] <= 0;
                });
            } catch (TimeoutException stillOverflowing) {
                // reported below with the width it overflows by
            }
            assertThat(overflow[0]).as(path).isLessThanOrEqualTo(0);
        }
        browser.get(base + "/");
        screenshot("overview-phone");
    }

    @Test
    void theKeyboardAloneReachesABotAndOpensIt() {
        browser.get(base + "/");
        WebElement body = browser.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        for (int i = 0; i < 30; i++) {
            WebElement active = browser.switchTo().activeElement();
            if ("a".equals(active.getTagName()) && active.getAttribute("class") != null
                    && active.getAttribute("class").contains("bot-link")) {
                active.sendKeys(Keys.ENTER);
                break;
            }
            active.sendKeys(Keys.TAB);
        }
        assertThat(browser.getCurrentUrl()).endsWith("/ui/bots/" + BOT);
    }

    @Test
    void everyPageHasNoSeriousAccessibilityViolations() throws Exception {
        signIn();
        for (String path : List.of("/", "/ui/bots/" + BOT, "/ui/bots/" + BOT + "/groups/sales-team", "/ui/runs",
                "/ui/signin")) {
            browser.get(base + path);
            assertThat(Axe.seriousViolations(browser)).as(path).isEmpty();
        }
        browser.manage().window().setSize(new Dimension(360, 740));
        browser.get(base + "/ui/bots/" + BOT);
        assertThat(Axe.seriousViolations(browser)).as("bot page at 360 px").isEmpty();
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(base + "/");
        screenshot("overview");
    }

    /** Saves what the browser shows to target/screenshots/NAME.png (the README's picture is one of them). */
    static void screenshot(String name) throws java.io.IOException {
        Path out = Path.of("target/screenshots");
        Files.createDirectories(out);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), out.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
