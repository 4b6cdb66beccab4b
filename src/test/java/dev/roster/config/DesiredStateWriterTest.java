package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.JoinApproval;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesiredStateWriterTest {
    private static final BotId BOT = BotId.of("447506616260");

    @Test
    void writesQuotedTextSortedNumbersAndOnlyNonDefaultOptions() {
        GroupSpec pinned = new GroupSpec(BOT, "sales-team", "Sales \"A\" Team", GroupId.of("group:447506616260-1565342732"),
                List.of("Sales"), Set.of(new Msisdn("+46732001122")),
                Set.of(new Msisdn("+46732003366"), new Msisdn("+46732002244")), Membership.ADDITIVE, true, null);
        GroupSpec plain = new GroupSpec(BOT, "no", "no", null, List.of(), Set.of(), Set.of(), Membership.EXACT, false,
                null);

        assertThat(DesiredStateWriter.toYaml(BOT, List.of(pinned, plain))).isEqualTo("""
                bot: "447506616260"
                groups:
                  "sales-team":
                    subject: "Sales \\"A\\" Team"
                    id: "group:447506616260-1565342732"
                    previously: ["Sales"]
                    admins: ["+46732001122"]
                    members: ["+46732002244", "+46732003366"]
                    membership: additive
                    protect: true
                  "no":
                    subject: "no"
                """);
    }

    @Test
    void writesADescriptionQuotedAndTheJoinApprovalByItsYamlName() {
        GroupSpec cloud = new GroupSpec(BotId.of("106540352242922"), "support", "Support", null, List.of(), Set.of(),
                Set.of(new Msisdn("+46732002244")), Membership.EXACT, false, null, "Orders\nweekdays",
                JoinApproval.REQUIRED);

        assertThat(DesiredStateWriter.toYaml(cloud.bot(), List.of(cloud))).isEqualTo("""
                bot: "106540352242922"
                groups:
                  "support":
                    subject: "Support"
                    members: ["+46732002244"]
                    description: "Orders\\nweekdays"
                    joinApproval: required
                """);
    }

    @Test
    void aBotWithoutGroupsIsAnEmptyMapping() {
        assertThat(DesiredStateWriter.toYaml(BOT, List.of())).isEqualTo("bot: \"447506616260\"\ngroups: {}\n");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(DesiredStateWriter.quote("a\tb\u0007c\\")).isEqualTo("\"a\\tb\\u0007c\\\\\"");
    }
    @Test
    void theEdgesOfTheRangesYamlCannotHoldRawAreEscapedAndTheirNeighboursAreNot() {
        // ~ and U+00A0 are printable; U+007F to U+009F are not, nor is a lone surrogate (U+D800 to U+DFFF)
        assertThat(DesiredStateWriter.quote("~\u007F\u0080\u009F\u00A0 \uD800x\uDFFF"))
                .isEqualTo("\"~\\u007F\\u0080\\u009F\u00A0 \\uD800x\\uDFFF\"");
    }
}
