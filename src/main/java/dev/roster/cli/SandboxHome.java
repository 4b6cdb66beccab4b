package dev.roster.cli;

import dev.roster.config.IoReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a sandbox lives: in {@code .roster/} of the deepest folder that holds every PATH (a file counts as its
 * folder), taken as a real path. So {@code x/groups.yaml}, {@code x}, {@code ./x/} and {@code /abs/x} are one
 * sandbox, whatever the current folder, and nothing is written to the current folder. The sandbox starts from
 * {@code .sandbox.yaml} in that folder when there is one.
 */
record SandboxHome(Path folder) {
    static final String SEED = ".sandbox.yaml";
    static final String DIR = ".roster";

    /** The sandbox of {@code paths}; a user error when there are none or they do not exist. */
    static SandboxHome of(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new UserError("error: --sandbox needs the PATH of the desired-state files (or their folder): "
                    + "the sandbox lives beside them");
        }
        Path common = null;
        for (Path path : paths) {
            Path folder;
            try {
                Path real = path.toRealPath();
                folder = Files.isDirectory(real) ? real : real.getParent();
            } catch (IOException e) {
                throw new UserError("error: " + path + ": " + IoReasons.reason(e));
            }
            common = common == null ? folder : commonAncestor(common, folder);
        }
        return new SandboxHome(common);
    }

    private static Path commonAncestor(Path a, Path b) {
        Path p = a;
        while (p != null && !b.startsWith(p)) {
            p = p.getParent();
        }
        return p == null ? a.getRoot() : p;
    }

    Path stateDir() {
        return folder.resolve(DIR);
    }

    /** The simulator's state: a copy of the seed at first, then every change the sandbox was given. */
    Path stateFile() {
        return stateDir().resolve("sandbox.yaml");
    }

    /** The sandbox's write locks (lock files only: a lock database guards the real bots, not these). */
    Path lockDir() {
        return stateDir().resolve("locks");
    }

    /** In the sandbox the audit log stays with the sandbox, whatever {@code audit.file} says. */
    Path auditFile() {
        return stateDir().resolve("audit.jsonl");
    }

    /** {@code path} as a person in the current folder would type it: relative when it lies below. */
    static Path shown(Path path) {
        try {
            Path here = Path.of("").toRealPath();
            return path.startsWith(here) && !path.equals(here) ? here.relativize(path) : path;
        } catch (IOException e) {
            return path;
        }
    }

    Path seed() {
        Path seed = folder.resolve(SEED);
        return Files.isRegularFile(seed) ? seed : null;
    }
}
