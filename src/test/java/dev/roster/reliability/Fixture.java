package dev.roster.reliability;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.simulator.SimulatorState;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A desired state of {@code size} groups for one bot and the drifted live state it is reconciled from:
 * even-numbered groups already exist under an old subject, with an undeclared member, an undeclared admin
 * and a declared admin who is still a plain member; odd-numbered groups do not exist yet. One live group
 * ("Stray") is unmanaged and must be left exactly as it is.
 */
record Fixture(BotId bot, int size) {
    static final String STRAY = "Stray";

    String subject(int i) {
        return "Team " + i;
    }

    String oldSubject(int i) {
        return "Old " + i;
    }

    /** Declared number k (0..3) of group i; 0 is the declared admin, 3 never joins (stays pending). */
    Msisdn declared(int i, int k) {
        return Msisdn.parse(String.format("+4673%03d%04d", Math.floorMod(bot.value().hashCode(), 1000), i * 10 + k));
    }

    /** Undeclared participant k (0..1) of group i. */
    Msisdn intruder(int i, int k) {
        return Msisdn.parse(String.format("+4676%03d%04d", Math.floorMod(bot.value().hashCode(), 1000), i * 10 + k));
    }

    Msisdn botNumber() {
        return Msisdn.parse("+" + bot.value());
    }

    boolean preExisting(int i) {
        return i % 2 == 0;
    }

    /** The desired-state YAML (membership exact). */
    String yaml() {
        StringBuilder y = new StringBuilder("bot: \"").append(bot.value()).append("\"\ngroups:\n");
        for (int i = 0; i < size; i++) {
            y.append("  team-").append(i).append(":\n")
                    .append("    subject: \"").append(subject(i)).append("\"\n")
                    .append("    previously: [\"").append(oldSubject(i)).append("\"]\n")
                    .append("    admins: [\"").append(declared(i, 0)).append("\"]\n")
                    .append("    members: [\"").append(declared(i, 1)).append("\", \"").append(declared(i, 2))
                    .append("\", \"").append(declared(i, 3)).append("\"]\n");
        }
        return y.toString();
    }

    Path writeYaml(Path dir) throws IOException {
        Path file = dir.resolve("groups-" + bot.value() + ".yaml");
        Files.writeString(file, yaml());
        return file;
    }

    /** Puts the drifted live groups into the simulator's state. */
    void seed(SimulatorState state) {
        state.addBot(bot);
        GroupId stray = state.createGroup(bot, STRAY);
        state.join(bot, stray, List.of(intruder(99, 0)));
        for (int i = 0; i < size; i++) {
            if (!preExisting(i)) {
                continue;
            }
            GroupId id = state.createGroup(bot, oldSubject(i));
            state.join(bot, id, List.of(declared(i, 0), declared(i, 1), declared(i, 2), intruder(i, 0), intruder(i, 1)));
            state.promote(bot, id, List.of(intruder(i, 1)));
        }
    }

    /**
     * The invite link of each live group, by group id, as the bot would read it now: for {@link #oldLinksStillValid}
     * after the runs. Call it after {@link #seed}: each drifted group has two people to remove.
     */
    Map<GroupId, String> inviteLinks(SimulatorState state) {
        Map<GroupId, String> links = new TreeMap<>();
        for (LiveGroup g : state.groups(bot)) {
            links.put(g.id(), state.inviteLink(bot, g.id()));
        }
        return links;
    }

    /**
     * The groups of {@code before} that had people removed since and still have the same invite link: people who
     * were removed could rejoin by it. One line each; empty when every such link was rotated.
     */
    List<String> oldLinksStillValid(SimulatorState state, Map<GroupId, String> before) {
        List<String> problems = new ArrayList<>();
        for (LiveGroup g : state.groups(bot)) {
            String old = before.get(g.id());
            boolean removed = !g.subject().equals(STRAY) && !g.isParticipant(intruder(indexOf(g), 0));
            if (old != null && removed && state.inviteLink(bot, g.id()).equals(old)) {
                problems.add(g.subject() + " (" + g.id() + "): people were removed, its old invite link still works");
            }
        }
        return problems;
    }

    /** The index i of a live group named {@link #subject} or {@link #oldSubject}. */
    private static int indexOf(LiveGroup g) {
        return Integer.parseInt(g.subject().substring(g.subject().indexOf(' ') + 1));
    }

    /**
     * Every way the live state can be wrong, one line each; empty when it is exactly as declared:
     * one group per declared subject, no old subjects, exact participants, exact admins, stray untouched.
     */
    List<String> problems(SimulatorState state) {
        List<String> problems = new ArrayList<>();
        List<LiveGroup> groups = state.groups(bot);
        for (int i = 0; i < size; i++) {
            int n = i;
            List<LiveGroup> named = groups.stream().filter(g -> g.subject().equals(subject(n))).toList();
            if (named.size() != 1) {
                problems.add(subject(i) + ": " + named.size() + " live groups");
                continue;
            }
            LiveGroup g = named.get(0);
            SortedSet<Msisdn> participants = new TreeSet<>(Set.of(botNumber()));
            SortedSet<Msisdn> admins = new TreeSet<>(Set.of(botNumber()));
            if (preExisting(i)) {
                participants.addAll(List.of(declared(i, 0), declared(i, 1), declared(i, 2)));
                admins.add(declared(i, 0));
            }
            if (!g.participants().equals(participants)) {
                problems.add(subject(i) + ": participants " + g.participants() + ", expected " + participants);
            }
            if (!g.admins().equals(admins)) {
                problems.add(subject(i) + ": admins " + g.admins() + ", expected " + admins);
            }
        }
        for (LiveGroup g : groups) {
            if (g.subject().startsWith("Old ")) {
                problems.add("a group still has its old subject: " + g.subject());
            }
        }
        List<LiveGroup> strays = groups.stream().filter(g -> g.subject().equals(STRAY)).toList();
        if (strays.size() != 1 || !strays.get(0).participants().equals(new TreeSet<>(Set.of(botNumber(), intruder(99, 0))))) {
            problems.add("the unmanaged group was touched: " + strays);
        }
        if (groups.size() != size + 1) {
            problems.add(groups.size() + " live groups, expected " + (size + 1));
        }
        return problems;
    }

    /**
     * A settings file for a run against {@code baseUrl}, with extra lines under {@code api:} and after it, the
     * audit log in {@code dir}, and {@code reconcile.maxRemovalPercent: 100} (the drifted groups lose 2 of 6
     * participants, more than the default guard allows). {@code token} null leaves the default
     * {@code ${SINCH_API_TOKEN}}.
     */
    static Path settings(Path dir, URI baseUrl, String token, List<String> apiLines, String... extraYaml)
            throws IOException {
        StringBuilder y = new StringBuilder("api:\n  baseUrl: ").append(baseUrl).append('\n');
        if (token != null) {
            y.append("  token: ").append(token).append('\n');
        }
        apiLines.forEach(line -> y.append("  ").append(line).append('\n'));
        y.append("reconcile:\n  maxRemovalPercent: 100\n");
        y.append("audit:\n  file: ").append(dir.resolve("audit.jsonl")).append('\n');
        for (String extra : extraYaml) {
            y.append(extra).append('\n');
        }
        Path file = dir.resolve("settings.yaml");
        Files.writeString(file, y.toString());
        return file;
    }
}
