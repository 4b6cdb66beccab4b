package dev.roster.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * roster's version and the git commit it was built from, as the build wrote them into
 * {@code dev/roster/version.properties}. A build outside a git checkout says so instead of a commit.
 */
final class VersionProvider implements CommandLine.IVersionProvider {

    static final String RESOURCE = "/dev/roster/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }

    static String line() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is reported as an unknown build below
        }
        String version = known(p.getProperty("version"));
        String commit = known(p.getProperty("commit"));
        if (version == null) {
            return "roster development build (no version information)";
        }
        String built = commit == null
                ? "not built from a git checkout"
                : "commit " + commit;
        return "roster " + version + " (" + built + ")";
    }

    /** A property the build left unfilled (still "${...}") or empty counts as unknown. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value.trim();
    }
}
