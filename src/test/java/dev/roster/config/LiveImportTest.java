package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveImportTest {
    private static final BotId BOT = BotId.of("46700000001");
    private static final Msisdn BOT_NUMBER = Msisdn.parse("46700000001");

    @Test
    void keysAreValidAndUniqueWhateverTheSubject() {
        Set<String> taken = new HashSet<>();
        assertThat(LiveImport.keyFor("Sales Team", taken)).isEqualTo("sales-team");
        assertThat(LiveImport.keyFor("Sales  team!", taken)).isEqualTo("sales-team-2");
        assertThat(LiveImport.keyFor("sales team", taken)).isEqualTo("sales-team-3");
        assertThat(LiveImport.keyFor("Café Öst", taken)).isEqualTo("cafe-ost");
        assertThat(LiveImport.keyFor("🎉🎉", taken)).isEqualTo("group");
        assertThat(LiveImport.keyFor("--Ops--", taken)).isEqualTo("ops");
        assertThat(taken).allMatch(k -> k.matches("[a-z0-9][a-z0-9._-]*"));
    }

    @Test
    void importedGroupsArePinnedAndLeaveOutTheBot() {
        LiveGroup live = new LiveGroup(GroupId.of("group:46700000001-1"), "Ops", BOT_NUMBER,
                Set.of(BOT_NUMBER, Msisdn.parse("+46701234567")),
                Set.of(Msisdn.parse("+46732002244"), Msisdn.parse("+46701234567")));

        GroupSpec spec = LiveImport.specs(BOT, List.of(live)).get(0);

        assertThat(spec.id()).isEqualTo(live.id());
        assertThat(spec.subject()).isEqualTo("Ops");
        assertThat(spec.admins()).containsExactly(Msisdn.parse("+46701234567"));
        assertThat(spec.members()).containsExactly(Msisdn.parse("+46732002244"));
    }
    @Test
    void aCreatorOtherThanTheBotIsImportedAsAParticipant() {
        Msisdn creator = Msisdn.parse("+46701111111");
        LiveGroup live = new LiveGroup(GroupId.of("group:46700000001-2"), "Board", creator, Set.of(BOT_NUMBER),
                Set.of(Msisdn.parse("+46732002244")));

        GroupSpec spec = LiveImport.specs(BOT, List.of(live)).get(0);

        assertThat(spec.admins()).isEmpty();
        assertThat(spec.members()).containsExactly(creator, Msisdn.parse("+46732002244"));
    }
}
