package dev.roster.cli;

import dev.roster.daemon.BuildInfo;
import picocli.CommandLine;

/**
 * roster's version and the git commit it was built from, as the build wrote them into
 * {@code dev/roster/version.properties}. A build outside a git checkout says so instead of a commit.
 */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }

    static String line() {
        BuildInfo build = BuildInfo.current();
        if (build.version() == null) {
            return "roster development build (no version information)";
        }
        String built = build.commit() == null
                ? "not built from a git checkout"
                : "commit " + build.commit();
        return "roster " + build.version() + " (" + built + ")";
    }
}
