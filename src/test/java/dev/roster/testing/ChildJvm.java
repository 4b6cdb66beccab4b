package dev.roster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM with this test's class path: {@code java [jvmArgs] -cp <test class path> main args...}. The caller sets
 * working directory, environment and output files on the returned {@link ProcessBuilder}.
 */
public final class ChildJvm {
    public static final String ROSTER_MAIN = "dev.roster.cli.Main";

    private ChildJvm() {}

    /** {@code roster args...} ({@link #ROSTER_MAIN}) with {@code jvmArgs} such as {@code -Xmx64m}. */
    public static ProcessBuilder roster(List<String> jvmArgs, String... args) {
        return java(jvmArgs, ROSTER_MAIN, List.of(args));
    }

    /** {@code roster daemon args...} with {@code jvmArgs}. */
    public static ProcessBuilder daemon(List<String> jvmArgs, String... args) {
        List<String> all = new ArrayList<>();
        all.add("daemon");
        all.addAll(List.of(args));
        return java(jvmArgs, ROSTER_MAIN, all);
    }

    public static ProcessBuilder java(List<String> jvmArgs, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /** Asserts that {@code child} ends within {@code seconds} ("finished"); kills it in any case. */
    public static void awaitExit(Process child, int seconds) throws InterruptedException {
        try {
            assertThat(child.waitFor(seconds, TimeUnit.SECONDS)).as("finished").isTrue();
        } finally {
            child.destroyForcibly();
        }
    }
}
