package dev.roster.cli;

import dev.roster.config.ConfigException;
import dev.roster.config.Diagnostic;
import dev.roster.config.DesiredStateLoader;
import dev.roster.config.LoadResult;
import dev.roster.config.LoadedSettings;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loading shared by the commands: settings (with {@code --config} and {@code --api-url}) and desired
 * state. Warnings go to {@code err}; invalid input becomes a {@link UserError} holding every
 * diagnostic, one per line, which {@link ErrorHandler} prints without a stack trace and exits 1 on.
 */
final class Inputs {
    private Inputs() {}

    static RosterSettings loadSettings(GlobalOptions global, PrintWriter err) {
        return loadSettings(global, System.getenv(), err);
    }

    static RosterSettings loadSettings(GlobalOptions global, Map<String, String> env, PrintWriter err) {
        LoadedSettings loaded;
        try {
            loaded = SettingsLoader.load(global.config, env);
        } catch (ConfigException e) {
            throw new UserError(e);
        }
        printWarnings(loaded.warnings(), err);
        RosterSettings settings = loaded.settings();
        if (global.apiUrl != null) {
            URI url = apiUrl(global.apiUrl);
            String problem = SettingsLoader.insecureUrlProblem(url, settings.api().allowInsecureHttp());
            if (problem != null) {
                throw new UserError("error: --api-url: " + problem);
            }
            settings = settings.withApi(settings.api().withBaseUrl(url));
        }
        return settings;
    }

    static LoadResult loadDesired(List<Path> paths, RosterSettings settings, PrintWriter err) {
        LoadResult result;
        try {
            result = new DesiredStateLoader(settings).load(paths);
        } catch (ConfigException e) {
            throw new UserError(e);
        }
        printWarnings(result.warnings(), err);
        return result;
    }

    private static URI apiUrl(String text) {
        try {
            URI url = new URI(text);
            if (url.getHost() == null || url.getScheme() == null
                    || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))) {
                throw new UserError("error: --api-url must be an http(s) URL such as https://eu1.whatsapp.api.sinch.com");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new UserError("error: --api-url is not a URL: " + text);
        }
    }

    private static void printWarnings(List<Diagnostic> warnings, PrintWriter err) {
        warnings.forEach(w -> err.println(w));
        err.flush();
    }
}
