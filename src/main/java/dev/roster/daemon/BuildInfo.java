package dev.roster.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * roster's version and the git commit it was built from, as the build wrote them into
 * {@code dev/roster/version.properties}; {@code roster version} and {@code roster_build_info} show them.
 *
 * @param version null for a build without version information (a development build)
 * @param commit  null for a build outside a git checkout
 */
public record BuildInfo(String version, String commit) {
    static final String RESOURCE = "/dev/roster/version.properties";

    /** What the build wrote; a missing or unreadable resource, or a property left unfilled, counts as unknown. */
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is reported as an unknown build
        }
        return new BuildInfo(known(p.getProperty("version")), known(p.getProperty("commit")));
    }

    /** A property the build left unfilled (still "${...}") or empty counts as unknown. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? null : value.trim();
    }
}
