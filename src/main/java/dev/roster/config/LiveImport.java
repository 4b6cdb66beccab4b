package dev.roster.config;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveGroup;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a bot's live groups into desired state that plans empty against them: every group pinned by
 * {@code id}, its subject, admins and members as they are, keys derived from subjects.
 */
public final class LiveImport {
    private LiveImport() {}

    /** One spec per live group of a bot on the v1 API (see {@link #specs(BotId, List, Capabilities)}). */
    public static List<GroupSpec> specs(BotId bot, List<LiveGroup> live) {
        return specs(bot, live, Capabilities.sinch(Integer.MAX_VALUE));
    }

    /**
     * One spec per live group, in the order given, with its description and join approval where the group has them.
     * The bot's own number is left out (it is always there). On a provider without admins everyone is a member, and
     * where bot ids are not numbers the creator is the business itself (the Cloud API's groups are created by the
     * business that manages them), so it is left out too.
     */
    public static List<GroupSpec> specs(BotId bot, List<LiveGroup> live, Capabilities capabilities) {
        Msisdn botNumber = capabilities.botNumber(bot);
        Set<String> taken = new HashSet<>();
        List<GroupSpec> specs = new ArrayList<>();
        for (LiveGroup g : live) {
            Set<Msisdn> admins = new TreeSet<>(g.admins());
            Set<Msisdn> members = new TreeSet<>(g.members());
            if (g.creator() != null && capabilities.botIdIsNumber() && !g.creator().equals(botNumber)) {
                members.add(g.creator()); // a creator other than the bot is a participant too
            }
            if (!capabilities.admins()) {
                members.addAll(admins);
                admins.clear();
            }
            if (botNumber != null) {
                admins.remove(botNumber);
                members.remove(botNumber);
            }
            members.removeAll(admins);
            specs.add(new GroupSpec(bot, keyFor(g.subject(), taken), g.subject(), g.id(), List.of(), admins, members,
                    Membership.EXACT, false, new SourceLocation("(imported)", 0, 0),
                    capabilities.descriptionMaxLength() > 0 ? g.description() : null,
                    capabilities.joinApproval() ? g.joinApproval() : null));
        }
        return specs;
    }

    /**
     * A valid group key ({@code [a-z0-9][a-z0-9._-]*}) from a subject: accents dropped, lower case, runs of
     * other characters turned into one '-'; made unique with a numeric suffix.
     */
    static String keyFor(String subject, Set<String> taken) {
        String ascii = Normalizer.normalize(subject == null ? "" : subject, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        String key = ascii.replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "").replaceAll("-+$", "");
        if (key.isEmpty()) {
            key = "group";
        }
        String unique = key;
        for (int n = 2; !taken.add(unique); n++) {
            unique = key + "-" + n;
        }
        return unique;
    }
}
