package dev.roster.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.config.Diagnostic;
import dev.roster.config.LoadResult;
import dev.roster.config.RosterSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks desired-state files: exit 0 when valid, 1 with every error (file:line:col: message).")
final class ValidateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the result is written. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories (*.yaml, *.yml).")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, or json: {valid, bots, groups, numbers, diagnostics: [{file, line, column, "
                    + "severity, message}]} on standard output, exit 0 or 1 as in text. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.text) {
            var err = spec.commandLine().getErr();
            LoadResult result = Inputs.loadDesired(paths, Inputs.loadSettings(global, err), err);
            out.println("Valid: " + result.summary() + ".");
            out.flush();
            return ExitCodes.OK;
        }
        // the files' warnings are part of the data, so they are collected instead of printed; the settings'
        // warnings are about another file and go to standard error as in text
        PrintWriter warnings = new PrintWriter(new StringWriter());
        List<Diagnostic> diagnostics = new ArrayList<>();
        LoadResult result = null;
        try {
            RosterSettings settings = Inputs.loadSettings(global, spec.commandLine().getErr());
            result = Inputs.loadDesired(paths, settings, warnings);
            diagnostics.addAll(result.warnings());
        } catch (UserError e) {
            if (e.diagnostics().isEmpty()) {
                throw e;
            }
            diagnostics.addAll(e.diagnostics());
        }
        out.println(json(result, diagnostics));
        out.flush();
        return result == null ? ExitCodes.ERROR : ExitCodes.OK;
    }

    private static String json(LoadResult result, List<Diagnostic> diagnostics) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", 1);
        root.put("valid", result != null);
        if (result != null) {
            root.put("bots", result.botCount());
            root.put("groups", result.groupCount());
            root.put("numbers", result.numberCount());
        }
        ArrayNode list = root.putArray("diagnostics");
        for (Diagnostic d : diagnostics.stream().sorted(Diagnostic.BY_LOCATION).toList()) {
            ObjectNode item = list.addObject();
            if (d.location() != null) {
                item.put("file", d.location().file());
                item.put("line", d.location().line());
                item.put("column", d.location().column());
            }
            item.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
            item.put("message", d.message());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
