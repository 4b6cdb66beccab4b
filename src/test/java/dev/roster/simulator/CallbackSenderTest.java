package dev.roster.simulator;

import static dev.roster.testing.LocalHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.simulator.CallbackReceiver.Received;
import dev.roster.simulator.GroupEvent.Type;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackSenderTest {
    static final BotId BOT = BotId.of("46700000001");
    static final Msisdn SELF = Msisdn.parse("46700000001");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aFullQueuePushesOutTheOldestWaitingEvent() throws Exception {
        Stats stats = new Stats();
        try (CallbackReceiver receiver = new CallbackReceiver();
                CallbackSender sender = new CallbackSender(stats, CLOCK, receiver.url("/hooks"), 10, 2)) {
            receiver.hold();
            sender.emit(Type.GROUP_CREATED, BOT, GroupId.of("group:1"), SELF, List.of(SELF));
            await("the first callback in flight", 20, () -> receiver.received().size() == 1);

            for (String id : List.of("group:2", "group:3", "group:4")) {
                sender.emit(Type.GROUP_CREATED, BOT, GroupId.of(id), SELF, List.of(SELF));
            }
            assertThat(stats.callbacksDropped()).isEqualTo(1);
            receiver.release();

            await("the others delivered", 20, () -> stats.callbacksDelivered() == 3);
            assertThat(receiver.received().stream().map(r -> r.notification().get("in_group").asText()).distinct())
                    .as("a redelivery of the first after a read timeout counts once")
                    .containsExactly("group:1", "group:3", "group:4");
        }
    }

    @Test
    void noUrlNoCallbacks() throws Exception {
        Stats stats = new Stats();
        try (CallbackReceiver receiver = new CallbackReceiver();
                CallbackSender sender = new CallbackSender(stats, CLOCK, null, 10, 2)) {
            sender.emit(Type.GROUP_CREATED, BOT, GroupId.of("group:1"), SELF, List.of(SELF));
            sender.setUrl(receiver.url("/hooks"));
            sender.emit(Type.GROUP_ENDED, BOT, GroupId.of("group:2"), SELF, List.of(SELF));

            await("the event after the URL was set", 20, () -> stats.callbacksDelivered() == 1);
            assertThat(receiver.received()).extracting(Received::eventType).containsExactly("group_ended");
        }
    }
}
