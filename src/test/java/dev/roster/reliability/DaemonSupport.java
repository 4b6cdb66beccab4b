package dev.roster.reliability;

import dev.roster.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A {@code roster daemon} child JVM with this test's classpath and the production logback.xml. */
final class DaemonSupport {
    private DaemonSupport() {}

    /** Starts {@code roster daemon args...}; stdout goes to {@code out}, stderr to {@code err}. */
    static Process start(Path out, Path err, Map<String, String> env, String... args) throws IOException {
        // The production logging setup (stderr, levels of logback.xml), not the test classpath's logback-test.xml.
        ProcessBuilder builder = ChildJvm.daemon(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                        "-Dlogback.configurationFile=" + DaemonSupport.class.getClassLoader().getResource("logback.xml")),
                        args)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        builder.environment().putAll(env);
        return builder.start();
    }
}
