package dev.roster.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts of {@code action.yml} run by bash the way the runner runs them (inputs in the environment, outputs
 * appended to {@code $GITHUB_OUTPUT}), with a stand-in {@code roster} executable that records its arguments and
 * exits as told. Nothing here reaches the network: the download step is run only where it decides to build.
 */
class ActionScriptTest {
    @TempDir
    Path dir;
    private Path output;
    private Path summary;
    private Path calls;

    @BeforeEach
    void files() {
        output = dir.resolve("github_output");
        summary = dir.resolve("step_summary");
        calls = dir.resolve("calls");
    }

    @Test
    void planPassesEveryPathAndTheConfigAndTreatsChangesAsSuccess() throws Exception {
        Ran ran = runStep("run", Map.of("ROSTER_COMMAND", "plan", "ROSTER_PATHS", "groups\nteams more",
                "ROSTER_CONFIG", "settings/roster.yaml"), roster(2, "### roster plan\n\n2 changes"));

        assertThat(ran.exit).as(ran.log).isZero();
        assertThat(Files.readString(calls)).isEqualTo("--version\n"
                + "plan groups teams more --config settings/roster.yaml --format markdown --detailed-exitcode\n");
        assertThat(Files.readString(output)).contains("exit-code=2");
        assertThat(Files.readString(summary)).contains("2 changes");
        assertThat(Files.readString(dir.resolve("roster-plan.md"))).contains("2 changes");
    }

    @Test
    void failedPlanBecomesACommentThatLinksTheRunAndIsReportedAsExitOne() throws Exception {
        Ran ran = runStep("run", Map.of("ROSTER_COMMAND", "plan", "ROSTER_PATHS", "groups", "ROSTER_CONFIG", ""),
                roster(1, "half a plan"));

        assertThat(ran.exit).as("the failure is reported by the last step, after the comment").isZero();
        assertThat(Files.readString(output)).contains("exit-code=1");
        assertThat(Files.readString(dir.resolve("roster-plan.md")))
                .contains("roster plan failed", "https://github.com/acme/groups/actions/runs/42")
                .doesNotContain("half a plan");
        assertThat(Files.readString(calls)).endsWith("plan groups --format markdown --detailed-exitcode\n");
    }

    @Test
    void applyRunsWithYesOnTheDefaultPathAndFailsWithRoster() throws Exception {
        Ran ok = runStep("run", Map.of("ROSTER_COMMAND", "apply", "ROSTER_PATHS", "", "ROSTER_CONFIG", ""),
                roster(0, ""));
        assertThat(ok.exit).as(ok.log).isZero();
        assertThat(Files.readString(calls)).endsWith("apply . --yes\n");

        Ran failed = runStep("run", Map.of("ROSTER_COMMAND", "apply", "ROSTER_PATHS", ".", "ROSTER_CONFIG", ""),
                roster(1, ""));
        assertThat(failed.exit).isEqualTo(1);
    }

    @Test
    void downloadStepRefusesACommandOtherThanPlanOrApply() throws Exception {
        Ran ran = runStep("release", releaseEnv("destroy", dir.resolve("checkout").toString()), null);
        assertThat(ran.exit).isEqualTo(1);
        assertThat(ran.log).contains("::error", "must be plan or apply");
    }

    @Test
    void localActionWithNoKnownRepositoryIsBuiltFromItsCheckout() throws Exception {
        Ran ran = runStep("release", releaseEnv("plan", dir.resolve("checkout").toString()), null);
        assertThat(ran.exit).as(ran.log).isZero();
        assertThat(ran.log).contains("building from source");
        assertThat(Files.readString(output)).as("no bin: the build step runs").doesNotContain("bin=");
    }

    @Test
    void planCommentUpdatesTheBotsMarkedCommentAndNotAPersonsQuote() throws Exception {
        Path gh = ghWithComments("[{\"id\": 5, \"user\": {\"type\": \"User\"}, \"body\": \"<!-- roster-plan --> quoted\"},"
                + " {\"id\": 7, \"user\": {\"type\": \"Bot\"}, \"body\": \"<!-- roster-plan -->\\nold plan\"}]");
        Ran ran = runComment(gh);

        assertThat(ran.exit).as(ran.log).isZero();
        assertThat(Files.readString(calls)).contains("api -X PATCH repos/acme/groups/issues/comments/7 -F body=@")
                .doesNotContain("-X POST");
        assertThat(Files.readString(dir.resolve("posted"))).isEqualTo("<!-- roster-plan -->\n### roster plan\n");
    }

    @Test
    void planCommentIsPostedWhenThePullRequestHasNone() throws Exception {
        Ran ran = runComment(ghWithComments("[{\"id\": 5, \"user\": {\"type\": \"Bot\"}, \"body\": \"LGTM\"}]"));

        assertThat(ran.exit).as(ran.log).isZero();
        assertThat(Files.readString(calls)).contains("api -X POST repos/acme/groups/issues/12/comments -F body=@")
                .doesNotContain("PATCH");
        assertThat(Files.readString(dir.resolve("posted"))).startsWith("<!-- roster-plan -->\n");
    }

    private Ran runComment(Path ghFolder) throws Exception {
        Path plan = dir.resolve("roster-plan.md");
        Files.writeString(plan, "### roster plan\n");
        return runStep("comment", Map.of("PLAN_FILE", plan.toString(), "PULL_REQUEST", "12", "GH_TOKEN", "unused",
                "PATH", ghFolder + ":" + System.getenv("PATH")), null);
    }

    /**
     * A stand-in {@code gh} in a folder of its own: records its arguments, answers the comment listing by applying
     * the step's own {@code --jq} filter (with jq) to {@code comments}, keeps the body it is given in {@code posted}.
     */
    private Path ghWithComments(String comments) throws Exception {
        Assumptions.assumeTrue(ActionLintTest.run(java.util.List.of("jq", "--version")).exit() == 0,
                "jq is not installed: the comment filter cannot be run");
        Path json = dir.resolve("comments.json");
        Files.writeString(json, comments);
        Path folder = Files.createDirectories(dir.resolve("gh-bin"));
        Path gh = folder.resolve("gh");
        Files.writeString(gh, "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$*\" >> '" + calls + "'\n"
                + "if [ \"$2\" = --paginate ]; then jq -r \"$5\" '" + json + "'; exit; fi\n"
                + "for a; do case \"$a\" in body=@*) cp \"${a#body=@}\" '" + dir.resolve("posted") + "';; esac; done\n");
        Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    @Test
    void majorVersionRefDownloadsItsNewestReleaseAndUnpacksIt() throws Exception {
        Path tarball = tarballWithRoster("roster-1.4.2");
        Path gh = ghWithReleases("[{\"tag_name\": \"v2.0.0\", \"draft\": false, \"prerelease\": false},"
                + " {\"tag_name\": \"v1.5.0-rc1\", \"draft\": false, \"prerelease\": true},"
                + " {\"tag_name\": \"v1.4.2\", \"draft\": false, \"prerelease\": false},"
                + " {\"tag_name\": \"v1.3.0\", \"draft\": false, \"prerelease\": false}]", tarball);
        Map<String, String> env = new HashMap<>(releaseEnv("plan", "/home/runner/work/_actions/acme/roster/v1"));
        env.put("PATH", gh + ":" + System.getenv("PATH"));

        Ran ran = runStep("release", env, null);

        assertThat(ran.exit).as(ran.log).isZero();
        assertThat(Files.readString(calls)).contains("release view v1 --repo acme/roster",
                "release download v1.4.2 --repo acme/roster --pattern roster-1.4.2-linux-x64.tar.gz --dir ");
        Path bin = dir.resolve("roster/roster-1.4.2/bin/roster");
        assertThat(Files.readString(output)).isEqualTo("bin=" + bin + "\n");
        assertThat(Files.isExecutable(bin)).isTrue();
    }

    @Test
    void refWithoutAReleaseIsBuiltFromTheCheckout() throws Exception {
        Path gh = ghWithReleases("[{\"tag_name\": \"v2.0.0\", \"draft\": false, \"prerelease\": false}]", null);
        Map<String, String> env = new HashMap<>(releaseEnv("apply", "/home/runner/work/_actions/acme/roster/main"));
        env.put("PATH", gh + ":" + System.getenv("PATH"));

        Ran ran = runStep("release", env, null);

        assertThat(ran.exit).as(ran.log).isZero();
        assertThat(ran.log).contains("acme/roster has no release for 'main': building from source");
        assertThat(Files.readString(calls)).doesNotContain("release download");
        assertThat(Files.readString(output)).isEmpty();
    }

    /** A release tarball as the dist build lays it out: {@code <top>/bin/roster}. */
    private Path tarballWithRoster(String top) throws Exception {
        Path content = Files.createDirectories(dir.resolve("content/" + top + "/bin"));
        Files.writeString(content.resolve("roster"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(content.resolve("roster"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tarball = dir.resolve("release.tar.gz");
        assertThat(ActionLintTest.run(java.util.List.of("tar", "-czf", tarball.toString(), "-C",
                dir.resolve("content").toString(), top)).exit()).isZero();
        return tarball;
    }

    /**
     * A stand-in {@code gh} for the download step: no release is found by {@code release view}; the release listing
     * is answered by the step's own {@code --jq} filter applied (with jq) to {@code releases}; a download copies
     * {@code tarball} under the asked name.
     */
    private Path ghWithReleases(String releases, Path tarball) throws Exception {
        Assumptions.assumeTrue(ActionLintTest.run(java.util.List.of("jq", "--version")).exit() == 0,
                "jq is not installed: the release filter cannot be run");
        Path json = dir.resolve("releases.json");
        Files.writeString(json, releases);
        Path folder = Files.createDirectories(dir.resolve("gh-bin"));
        Path gh = folder.resolve("gh");
        Files.writeString(gh, "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$*\" >> '" + calls + "'\n"
                + "case \"$1 $2\" in\n"
                + "  'release view') exit 1 ;;\n"
                + "  'release download') cp '" + tarball + "' \"$9/$7\" ;;\n"
                + "  api\\ *) jq -r \"$4\" '" + json + "' ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    private static Map<String, String> releaseEnv(String command, String actionPath) {
        return Map.of("ROSTER_COMMAND", command, "ROSTER_VERSION", "", "ACTION_REPOSITORY", "", "ACTION_REF", "",
                "GITHUB_ACTION_PATH", actionPath, "RUNNER_OS", "Linux", "RUNNER_ARCH", "X64", "GH_TOKEN", "unused");
    }

    /** A stand-in roster: records each call's arguments, prints {@code stdout} for plan, exits {@code exit}. */
    private Path roster(int exit, String stdout) throws Exception {
        Path bin = dir.resolve("roster");
        Files.writeString(bin, "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$*\" >> '" + calls + "'\n"
                + "[ \"$1\" = --version ] && exit 0\n"
                + "printf '%s\\n' '" + stdout + "'\n"
                + "exit " + exit + "\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    private Ran runStep(String id, Map<String, String> env, Path roster) throws Exception {
        String script = (String) ActionFiles.step(ActionFiles.read(ActionFiles.ACTION), id).get("run");
        Files.writeString(output, "");
        Files.writeString(summary, "");
        Files.deleteIfExists(calls);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("RUNNER_"));
        environment.putAll(new HashMap<>(env));
        environment.put("RUNNER_TEMP", dir.toString());
        environment.put("GITHUB_OUTPUT", output.toString());
        environment.put("GITHUB_STEP_SUMMARY", summary.toString());
        environment.put("GITHUB_SERVER_URL", "https://github.com");
        environment.put("GITHUB_REPOSITORY", "acme/groups");
        environment.put("GITHUB_RUN_ID", "42");
        if (roster != null) {
            environment.put("ROSTER_BIN", roster.toString());
        }
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("the step ended").isTrue();
        return new Ran(process.exitValue(), log);
    }

    record Ran(int exit, String log) {
    }
}
