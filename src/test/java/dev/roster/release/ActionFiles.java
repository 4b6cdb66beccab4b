package dev.roster.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The GitHub Action ({@code action.yml}) and the example workflow a config repository copies, read as YAML. */
final class ActionFiles {
    static final Path ACTION = Path.of("action.yml");
    static final Path WORKFLOW = Path.of("examples/github-actions/roster.yml");

    private ActionFiles() {
    }

    /**
     * The file as maps and lists. SnakeYAML reads YAML 1.1, where a bare {@code on} is the boolean true: the
     * workflow's {@code on:} key is found under {@code Boolean.TRUE}.
     */
    static Map<Object, Object> read(Path file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String key) {
        Object value = ((Map<?, ?>) node).get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** The steps of the composite action, or of every job of a workflow. */
    static List<Map<String, Object>> steps(Map<Object, Object> file) {
        List<Map<String, Object>> steps = new ArrayList<>();
        if (file.containsKey("runs")) {
            addSteps(map(file, "runs").get("steps"), steps);
        }
        for (Object job : map(file, "jobs").values()) {
            addSteps(((Map<?, ?>) job).get("steps"), steps);
        }
        return steps;
    }

    @SuppressWarnings("unchecked")
    private static void addSteps(Object list, List<Map<String, Object>> into) {
        if (list != null) {
            for (Object step : (List<?>) list) {
                into.add((Map<String, Object>) step);
            }
        }
    }

    /** The step of the action whose {@code id} is given. */
    static Map<String, Object> step(Map<Object, Object> action, String id) {
        return steps(action).stream().filter(s -> id.equals(s.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("action.yml has no step with id " + id));
    }
}
