package dev.roster.bench;

import dev.roster.model.Msisdn;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes the desired state of a {@link Fleet} as YAML files of {@value #GROUPS_PER_FILE} groups each. */
final class DesiredFiles {
    static final int GROUPS_PER_FILE = 1_000;

    private DesiredFiles() {
    }

    /** {@code numbersPerGroup} declared numbers per group: the {@link Fleet}'s 255, or fewer (2 admins at most). */
    static void write(Path dir, int groups, int numbersPerGroup) throws IOException {
        Files.createDirectories(dir);
        int admins = Fleet.declaredAdmins(numbersPerGroup);
        for (int first = 0; first < groups; first += GROUPS_PER_FILE) {
            Path file = dir.resolve(String.format("groups-%06d.yaml", first));
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("bot: \"" + Fleet.BOT.value() + "\"\ngroups:\n");
                for (int i = first; i < Math.min(groups, first + GROUPS_PER_FILE); i++) {
                    out.write("  " + Fleet.key(i) + ":\n");
                    out.write("    subject: \"" + Fleet.subject(i) + "\"\n");
                    out.write("    previously: [\"" + Fleet.previousSubject(i) + "\"]\n");
                    out.write("    admins: [");
                    numbers(out, i, 0, admins);
                    out.write("]\n    members: [");
                    numbers(out, i, admins, numbersPerGroup);
                    out.write("]\n");
                }
            }
        }
    }

    private static void numbers(BufferedWriter out, int group, int from, int to) throws IOException {
        for (int j = from; j < to; j++) {
            Msisdn n = Fleet.number(group, j);
            out.write(j == from ? "\"" : ", \"");
            out.write(n.e164());
            out.write('"');
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
