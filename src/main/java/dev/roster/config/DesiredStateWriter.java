package dev.roster.config;

import dev.roster.model.BotId;
import dev.roster.model.GroupSpec;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import java.util.Collection;
import java.util.List;

/**
 * Writes groups of one bot as a desired-state file that {@link DesiredStateLoader} reads back equal
 * (apart from source locations). Every string is double-quoted, so no text is mistaken for a number,
 * boolean or null; optional keys at their default are left out.
 */
public final class DesiredStateWriter {
    private DesiredStateWriter() {}

    public static String toYaml(BotId bot, List<GroupSpec> groups) {
        StringBuilder out = new StringBuilder(128 + groups.size() * 160);
        out.append("bot: ").append(quote(bot.value())).append('\n');
        if (groups.isEmpty()) {
            return out.append("groups: {}\n").toString();
        }
        out.append("groups:\n");
        for (GroupSpec g : groups) {
            out.append("  ").append(quote(g.key())).append(":\n");
            out.append("    subject: ").append(quote(g.subject())).append('\n');
            if (g.id() != null) {
                out.append("    id: ").append(quote(g.id().value())).append('\n');
            }
            if (!g.previously().isEmpty()) {
                out.append("    previously: ").append(flowList(g.previously())).append('\n');
            }
            if (!g.admins().isEmpty()) {
                out.append("    admins: ").append(numbers(g.admins())).append('\n');
            }
            if (!g.members().isEmpty()) {
                out.append("    members: ").append(numbers(g.members())).append('\n');
            }
            if (g.membership() != Membership.EXACT) {
                out.append("    membership: ").append(g.membership().yamlName()).append('\n');
            }
            if (g.protect()) {
                out.append("    protect: true\n");
            }
            if (g.description() != null) {
                out.append("    description: ").append(quote(g.description())).append('\n');
            }
            if (g.joinApproval() != null) {
                out.append("    joinApproval: ").append(g.joinApproval().yamlName()).append('\n');
            }
        }
        return out.toString();
    }

    private static String numbers(Collection<Msisdn> numbers) {
        return flowList(numbers.stream().map(Msisdn::e164).toList());
    }

    private static String flowList(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(items.get(i)));
        }
        return out.append(']').toString();
    }

    /** A YAML double-quoted scalar; control and non-printable characters are escaped. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFEFF
                            || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
