package dev.roster.cli;

import dev.roster.config.RosterSettings;
import picocli.CommandLine.Option;

/** {@code --parallelism} and {@code --rate}: the API limits of the settings file, for one run. */
final class ApiLimits {
    /** The same bounds as the settings ({@code api.maxConcurrency}, {@code api.requestsPerSecond}). */
    static final int MAX_PARALLELISM = 1024;
    static final double MAX_RATE = 100_000;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Requests in flight at once, 1 to 1024 (overrides api.maxConcurrency).")
    Integer parallelism;

    @Option(names = "--rate", paramLabel = "N",
            description = "Requests per second, above 0, at most 100000 (overrides api.requestsPerSecond).")
    Double rate;

    RosterSettings applyTo(RosterSettings settings) {
        if (parallelism == null && rate == null) {
            return settings;
        }
        if (parallelism != null && (parallelism < 1 || parallelism > MAX_PARALLELISM)) {
            throw new UserError("error: --parallelism must be from 1 to " + MAX_PARALLELISM + ", not " + parallelism);
        }
        if (rate != null && !(rate > 0 && rate <= MAX_RATE)) {
            throw new UserError("error: --rate must be above 0 and at most 100000, not " + rate);
        }
        RosterSettings.Api api = settings.api();
        return settings.withApi(api.withLimits(parallelism != null ? parallelism : api.maxConcurrency(),
                rate != null ? rate : api.requestsPerSecond()));
    }
}
