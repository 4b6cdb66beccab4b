package dev.roster.daemon;

import dev.roster.config.ConfigException;
import dev.roster.config.DesiredStateLoader;
import dev.roster.config.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/** Desired-state files on the local disk. */
public final class LocalFilesSource implements DesiredSource {
    private final List<Path> paths;
    private final DesiredStateLoader loader;

    public LocalFilesSource(List<Path> paths, DesiredStateLoader loader) {
        this.paths = List.copyOf(paths);
        this.loader = loader;
    }

    @Override
    public Snapshot read() {
        return load(loader, paths, null);
    }

    static Snapshot load(DesiredStateLoader loader, List<Path> paths, String commit) {
        try {
            return new Snapshot(loader.load(paths), List.of(), commit);
        } catch (ConfigException e) {
            return new Snapshot(null, e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString)
                    .toList(), commit);
        } catch (RuntimeException e) {
            return new Snapshot(null, List.of("cannot read the desired-state files: " + e.getMessage()), commit);
        }
    }
}
