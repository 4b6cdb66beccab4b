package dev.roster.bench;

import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.IntFunction;

/** Writes the live groups of a {@link Fleet} as a simulator state file (JSON, the {@code StateFile} format). */
final class SimStateFile {
    private SimStateFile() {
    }

    static void write(Path file, Fleet fleet, boolean drift) throws IOException {
        write(file, fleet, i -> fleet.live(i, drift));
    }

    /** The fleet converged with {@link DesiredFiles}' files of {@code numbersPerGroup} declared numbers a group. */
    static void write(Path file, Fleet fleet, int numbersPerGroup) throws IOException {
        write(file, fleet, i -> fleet.live(i, numbersPerGroup));
    }

    private static void write(Path file, Fleet fleet, IntFunction<LiveGroup> live) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"bots\":{");
            int bots = fleet.bots().size();
            for (int b = 0; b < bots; b++) {
                out.write((b == 0 ? "" : ",\n") + "\"" + fleet.bots().get(b).value() + "\":{\"groups\":[\n");
                for (int i = b; i < fleet.groups(); i += bots) {
                    group(out, fleet, i, live.apply(i), i == b);
                }
                out.write("\n]}");
            }
            out.write("}}\n");
        }
    }

    private static void group(BufferedWriter out, Fleet fleet, int i, LiveGroup g, boolean first)
            throws IOException {
        out.write(first ? "" : ",\n");
        out.write("{\"id\":\"" + g.id().value() + "\",\"subject\":\"" + g.subject() + "\",\"creator\":\""
                + g.creator().e164() + "\",\"created\":\"" + fleet.created(i) + "\",\"admins\":");
        numbers(out, g.admins().iterator());
        out.write(",\"members\":");
        numbers(out, g.members().iterator());
        out.write("}");
    }

    private static void numbers(BufferedWriter out, Iterator<Msisdn> numbers) throws IOException {
        out.write('[');
        boolean first = true;
        while (numbers.hasNext()) {
            out.write(first ? "\"" : ",\"");
            out.write(numbers.next().e164());
            out.write('"');
            first = false;
        }
        out.write(']');
    }
}
