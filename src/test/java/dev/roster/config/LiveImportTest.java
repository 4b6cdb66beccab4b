package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.JoinApproval;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.model.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aCloudGroupIsImportedWithItsDescriptionAndJoinApprovalAndWithoutAdminsOrTheBusiness() {
        BotId cloudBot = BotId.of("106540352242922");
        Msisdn business = Msisdn.parse("+15550001111");
        LiveGroup live = new LiveGroup(GroupId.of("cg1000001"), "Support", business, Set.of(Msisdn.parse("+46701234567")),
                Set.of(Msisdn.parse("+46732002244")), "Orders\nweekdays", JoinApproval.REQUIRED, false, List.of());

        GroupSpec spec = LiveImport.specs(cloudBot, List.of(live), Capabilities.cloud(8)).get(0);

        assertThat(spec.admins()).isEmpty();
        assertThat(spec.members()).containsExactly(Msisdn.parse("+46701234567"), Msisdn.parse("+46732002244"));
        assertThat(spec.description()).isEqualTo("Orders\nweekdays");
        assertThat(spec.joinApproval()).isEqualTo(JoinApproval.REQUIRED);
    }

    @Test
    void anImportedCloudBotReadsBackAsItsLiveGroups(@TempDir Path dir) throws IOException {
        BotId cloudBot = BotId.of("106540352242922");
        RosterSettings d = SettingsLoader.defaults(Map.of());
        RosterSettings settings = d.withApi(d.api().withBots(
                Map.of(cloudBot, new RosterSettings.BotApi(Provider.CLOUD, null, null)), null));
        List<LiveGroup> live = List.of(
                new LiveGroup(GroupId.of("cg1000001"), "Support desk for orders placed in the web shop", null,
                        Set.of(), Set.of(Msisdn.parse("+46732002244")), "", JoinApproval.AUTO, false, List.of()),
                new LiveGroup(GroupId.of("cg1000002"), "Board", null, Set.of(), Set.of(), null, null, false,
                        List.of()));
        List<GroupSpec> imported = LiveImport.specs(cloudBot, live, settings.capabilitiesOf(cloudBot));
        Path file = Files.writeString(dir.resolve("support.yaml"), DesiredStateWriter.toYaml(cloudBot, imported));

        List<GroupSpec> read = new DesiredStateLoader(settings).load(List.of(file)).state().groups();

        assertThat(read).extracting(GroupSpec::id, GroupSpec::subject, GroupSpec::members, GroupSpec::description,
                GroupSpec::joinApproval).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(GroupId.of("cg1000001"),
                                "Support desk for orders placed in the web shop", Set.of(Msisdn.parse("+46732002244")),
                                "", JoinApproval.AUTO),
                        org.assertj.core.groups.Tuple.tuple(GroupId.of("cg1000002"), "Board", Set.of(), null, null));
    }
}
