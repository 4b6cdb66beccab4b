package dev.roster.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, the accessibility engine from npm ({@code .ci/run} installs it into {@code target/axe}), run in the page
 * the browser shows. The engine is injected through the driver, not by the page, so the page's CSP stays strict.
 */
final class Axe {
    static final Path ENGINE = Path.of("target/axe/node_modules/axe-core/axe.min.js");

    private Axe() {
    }

    /** The violations of impact serious or critical on the page shown, as "id: help (n nodes)". */
    static List<String> seriousViolations(WebDriver browser) throws IOException {
        if (!Files.isRegularFile(ENGINE)) {
            String message = "axe-core is not installed in target/axe (npm install --prefix target/axe "
                    + "axe-core@4.14.1; .ci/run does this)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(Files.readString(ENGINE));
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                + " nodes: v.nodes.length}))))"
                + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: 0}]));");
        List<String> serious = new ArrayList<>();
        for (Object o : (List<?>) result) {
            Map<?, ?> v = (Map<?, ?>) o;
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                serious.add(v.get("id") + ": " + v.get("help") + " (" + v.get("nodes") + " nodes)");
            }
        }
        return serious;
    }
}
