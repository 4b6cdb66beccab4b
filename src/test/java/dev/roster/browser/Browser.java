package dev.roster.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for the tests of the operator's page: Debian's {@code chromium} driven through its
 * {@code chromium-driver}, headless. When neither is installed the tests are skipped with a message saying how to
 * install them, except under CI ({@code CI=true}), where {@code .ci/run} installs them and their absence fails.
 */
final class Browser {
    static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    static final List<Path> DRIVER = List.of(Path.of("/usr/bin/chromedriver"),
            Path.of("/usr/lib/chromium/chromedriver"));

    private Browser() {
    }

    /** A headless chromium of {@code width} × {@code height} CSS pixels. */
    static ChromeDriver open(int width, int height) {
        Path chromium = first(CHROMIUM);
        Path driver = first(DRIVER);
        String missing = chromium == null ? "chromium" : driver == null ? "chromium-driver" : null;
        if (missing != null) {
            String message = "no browser for the operator's page tests: " + missing + " is not installed "
                    + "(apt-get install chromium chromium-driver; .ci/run does this)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--force-device-scale-factor=1",
                "--proxy-server=direct://", "--proxy-bypass-list=*", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        browser.manage().window().setSize(new Dimension(width, height));
        return browser;
    }

    private static Path first(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }
}
