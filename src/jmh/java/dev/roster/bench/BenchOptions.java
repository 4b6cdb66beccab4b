package dev.roster.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's command line: {@code --name value} pairs over its defaults, which also name every option. */
final class BenchOptions {
    private BenchOptions() {
    }

    /** The defaults with {@code args} applied; an unknown option or one without a value is refused. */
    static Map<String, String> parse(Map<String, String> defaults, String[] args) {
        Map<String, String> opts = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            if (!opts.containsKey(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or no value: " + args[i] + "; known: "
                        + opts.keySet());
            }
            opts.put(args[i], args[i + 1]);
        }
        return opts;
    }
}
