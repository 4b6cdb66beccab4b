package dev.roster.cli;

import dev.roster.api.RequestRate;
import dev.roster.config.RosterSettings;
import picocli.CommandLine.Option;

/** {@code --parallelism} and {@code --rate}: the API limits of the settings file, for one run. */
final class ApiLimits {
    /** The same bounds as the settings ({@code api.maxConcurrency}, {@code api.requestsPerSecond}). */
    static final int MAX_PARALLELISM = 1024;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Requests in flight at once, 1 to 1024 (overrides api.maxConcurrency).")
    Integer parallelism;

    @Option(names = "--rate", paramLabel = "N|auto",
            description = "Requests per second, above 0, at most 100000, or auto (overrides api.requestsPerSecond).")
    String rate;

    RosterSettings applyTo(RosterSettings settings) {
        if (parallelism == null && rate == null) {
            return settings;
        }
        if (parallelism != null && (parallelism < 1 || parallelism > MAX_PARALLELISM)) {
            throw new UserError("error: --parallelism must be from 1 to " + MAX_PARALLELISM + ", not " + parallelism);
        }
        RosterSettings.Api api = settings.api();
        return settings.withApi(api.withLimits(parallelism != null ? parallelism : api.maxConcurrency(),
                rate != null ? rate(api.requestsPerSecond()) : api.requestsPerSecond()));
    }

    /** {@code --rate auto} keeps the settings' maximum for {@code auto}. */
    private RequestRate rate(RequestRate configured) {
        if (rate.strip().equals("auto")) {
            return RequestRate.auto(configured.auto() ? configured.perSecond() : RequestRate.DEFAULT_MAX);
        }
        double fixed;
        try {
            fixed = Double.parseDouble(rate.strip());
        } catch (NumberFormatException e) {
            fixed = Double.NaN;
        }
        if (!(fixed > 0 && fixed <= RequestRate.MAX)) {
            throw new UserError("error: --rate must be auto or a number above 0 and at most 100000, not " + rate);
        }
        return RequestRate.fixed(fixed);
    }
}
