package dev.roster.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorStateTest {
    static final BotId BOT = BotId.of("46700000001");
    static final Msisdn ALICE = Msisdn.parse("+46701111111");

    final SimulatorState state = new SimulatorState(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC), 1);

    @Test
    void anUnknownBotIsRefusedAs401() {
        assertThatThrownBy(() -> state.createGroup(BOT, "X"))
                .isInstanceOfSatisfying(SimulatorRejection.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(state.groups(BOT)).isEmpty();
        assertThat(state.group(BOT, GroupId.of("group:1-1"))).isEmpty();
    }

    @Test
    void setSubjectDirectAllowsWhatTheApiWouldRefuse() {
        state.addBot(BOT);
        GroupId id = state.createGroup(BOT, "Short");

        state.setSubjectDirect(BOT, id, "A subject far longer than twenty-five characters");

        assertThat(state.group(BOT, id).orElseThrow().subject()).hasSizeGreaterThan(25);
        assertThatThrownBy(() -> state.setSubject(BOT, id, "x".repeat(26)))
                .isInstanceOfSatisfying(SimulatorRejection.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void joiningTwiceOrJoiningAsAnAdminChangesNothing() {
        state.addBot(BOT);
        GroupId id = state.createGroup(BOT, "G");
        state.join(BOT, id, List.of(ALICE));
        state.promote(BOT, id, List.of(ALICE));

        state.join(BOT, id, List.of(ALICE, Msisdn.parse("+46700000001")));

        LiveGroup group = state.group(BOT, id).orElseThrow();
        assertThat(group.admins()).containsExactlyInAnyOrder(ALICE, Msisdn.parse("+46700000001"));
        assertThat(group.members()).isEmpty();
    }

    @Test
    void snapshotsDoNotChangeWithTheState() {
        state.addBot(BOT);
        GroupId id = state.createGroup(BOT, "G");
        LiveGroup before = state.group(BOT, id).orElseThrow();

        state.join(BOT, id, List.of(ALICE));
        state.setSubjectDirect(BOT, id, "H");

        assertThat(before.members()).isEmpty();
        assertThat(before.subject()).isEqualTo("G");
    }

    @Test
    void aLeftGroupIsGoneForTheBotAndItsIdIsNotReused() {
        state.addBot(BOT);
        GroupId first = state.createGroup(BOT, "G");
        state.leave(BOT, first);

        GroupId second = state.createGroup(BOT, "G");

        assertThat(second).isNotEqualTo(first);
        assertThat(state.groupIds(BOT)).containsExactly(second);
        assertThatThrownBy(() -> state.inviteLink(BOT, first))
                .isInstanceOfSatisfying(SimulatorRejection.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
