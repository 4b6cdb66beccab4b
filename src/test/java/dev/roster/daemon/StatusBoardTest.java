package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import dev.roster.plan.Action;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.Change;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.RotateInvite;
import dev.roster.plan.SetSubject;
import dev.roster.plan.UnmanagedGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StatusBoardTest {
    static final BotId BOT = BotId.of("447506616260");

    private static RunRecord run() {
        return new RunRecord(BOT, "n1", null, Instant.parse("2026-01-01T10:00:00Z"), Duration.ofMillis(1200), "abc123",
                RunResult.FAILED, Map.of(Action.ADD_ADMINS, 1), 3, 1,
                Map.of("sales", new TreeSet<>(List.of(Msisdn.parse("+46732004444")))),
                List.of("group sales failed: +46732009999 is not a participant of group:447506616260-1565342732",
                        "bot 447506616260: number 46 73 200 11 22 declared twice"));
    }

    @Test
    void statusHidesPeoplesNumbersButKeepsBotAndGroupIds() {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(run());

        String json = board.toJson(false);

        assertThat(json).contains("\"447506616260\"").contains("group:447506616260-1565342732")
                .contains("bot 447506616260:").contains("\"commit\" : \"abc123\"").contains("\"drift\" : 3")
                .contains("\"add_admins\" : 1").contains("+***")
                .doesNotContain("46732009999").doesNotContain("46 73 200 11 22").doesNotContain("46732004444")
                .doesNotContain("pending_numbers");
    }

    @Test
    void showNumbersShowsThemWithThePendingPeople() {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(run());

        String json = board.toJson(true);

        assertThat(json).contains("+46732009999").contains("pending_numbers").contains("+46732004444");
    }

    @Test
    void skippedRunsDoNotReplaceTheLastRealRun() {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(run());
        board.recordRun(new RunRecord(BOT, "n1", null, Instant.now(), Duration.ZERO, null, RunResult.SKIPPED,
                Map.of(), 0, 0, Map.of(), List.of()));

        assertThat(board.lastRun(BOT).result()).isEqualTo(RunResult.FAILED);
    }

    static final GroupId SALES_ID = GroupId.of("group:447506616260-1565342732");
    static final GroupId SUPPORT_ID = GroupId.of("group:447506616260-1565342800");
    static final GroupId STRAY_ID = GroupId.of("group:447506616260-1565342900");
    static final Msisdn CAROL = Msisdn.parse("+46732009999");
    static final Msisdn DAVE = Msisdn.parse("+46732004444");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GroupStatus group(String key, GroupId id, List<Change> planned, List<Change> waiting,
            List<Msisdn> pending, boolean compared, String failure) {
        return new GroupStatus(key, id, key + " subject", new SourceLocation("groups/" + key + ".yaml", 3, 3),
                planned, waiting, 5, 1, new TreeSet<>(pending), compared, failure);
    }

    private static RunRecord runAt(String at, List<GroupStatus> groups, List<UnmanagedGroup> unmanaged,
            boolean partial) {
        return new RunRecord(BOT, "n1", null, Instant.parse(at), Duration.ofMillis(10), "abc123", RunResult.OK,
                Map.of(), 0, 0, Map.of(), List.of()).withGroups(groups, unmanaged, partial);
    }

    private static JsonNode bot(StatusBoard board, boolean showNumbers) throws Exception {
        return JSON.readTree(board.toJson(showNumbers)).get("bots").get(BOT.value());
    }

    private static JsonNode group(JsonNode bot, String key) {
        for (JsonNode g : bot.get("groups")) {
            if (g.get("key").asText().equals(key)) {
                return g;
            }
        }
        throw new AssertionError("no group " + key + " in " + bot);
    }

    @Test
    void eachGroupShowsItsSyncHealthAndWaitingChangesWithPeoplesNumbersMasked() throws Exception {
        StatusBoard board = new StatusBoard("n1");
        RemoveMembers removeCarol = new RemoveMembers(new TreeSet<>(List.of(CAROL)));
        board.recordRun(runAt("2026-01-01T10:00:00Z", List.of(
                group("synced", SALES_ID, List.of(), List.of(), List.of(), true, null),
                group("drifted", SUPPORT_ID, List.of(new RotateInvite(), removeCarol, new SetSubject("a", "b")),
                        List.of(new RotateInvite(), removeCarol), List.of(), true, null),
                group("joining", null, List.of(), List.of(), List.of(DAVE), true, null),
                group("failing", null, List.of(new AddAdmins(new TreeSet<>(List.of(DAVE)))),
                        List.of(new AddAdmins(new TreeSet<>(List.of(DAVE)))), List.of(), true,
                        "failed: " + DAVE.e164() + " is not a participant"),
                group("ambiguous", null, List.of(), List.of(), List.of(), false, "two groups match")),
                List.of(new UnmanagedGroup(BOT, STRAY_ID, "Old +46732001234 chat", true, false)), false));

        JsonNode bot = bot(board, false);
        String json = board.toJson(false);

        assertThat(json).doesNotContain("46732009999").doesNotContain("46732004444").doesNotContain("46732001234");
        assertThat(group(bot, "synced").get("sync").asText()).isEqualTo("Synced");
        assertThat(group(bot, "synced").get("health").asText()).isEqualTo("Healthy");
        assertThat(group(bot, "synced").get("group_id").asText()).isEqualTo(SALES_ID.value());
        assertThat(group(bot, "synced").get("declared_at").asText()).isEqualTo("groups/synced.yaml:3:3");
        assertThat(group(bot, "synced").get("members").asInt()).isEqualTo(5);
        JsonNode drifted = group(bot, "drifted");
        assertThat(drifted.get("sync").asText()).isEqualTo("OutOfSync");
        assertThat(drifted.get("waiting").get("remove_members").asInt()).isEqualTo(1);
        assertThat(drifted.get("waiting").get("rotate_invite").asInt()).isEqualTo(1);
        assertThat(drifted.get("waiting").has("set_subject")).as("applied, so not waiting").isFalse();
        assertThat(drifted.get("waiting_changes").get(1).get("description").asText()).isEqualTo("remove +***");
        assertThat(group(bot, "joining").get("health").asText()).isEqualTo("Progressing");
        assertThat(group(bot, "joining").get("sync").asText()).as("pending people are no change").isEqualTo("Synced");
        assertThat(group(bot, "joining").get("pending").asInt()).isEqualTo(1);
        assertThat(group(bot, "joining").has("pending_numbers")).isFalse();
        assertThat(group(bot, "failing").get("health").asText()).isEqualTo("Degraded");
        assertThat(group(bot, "failing").get("failure").asText()).isEqualTo("failed: +*** is not a participant");
        assertThat(group(bot, "ambiguous").get("sync").asText()).isEqualTo("Unknown");
        assertThat(group(bot, "ambiguous").get("health").asText()).isEqualTo("Degraded");
        assertThat(bot.get("sync").asText()).isEqualTo("OutOfSync");
        assertThat(bot.get("health").asText()).isEqualTo("Degraded");
        assertThat(bot.get("paused").asBoolean()).isFalse();
        assertThat(bot.get("unmanaged_groups").get(0).get("group_id").asText()).isEqualTo(STRAY_ID.value());
        assertThat(bot.get("unmanaged_groups").get(0).get("subject").asText()).isEqualTo("Old +*** chat");
        assertThat(board.syncCounts(BOT)).containsEntry(SyncStatus.SYNCED, 2).containsEntry(SyncStatus.OUT_OF_SYNC, 2)
                .containsEntry(SyncStatus.UNKNOWN, 1);
        assertThat(board.healthCounts(BOT)).containsEntry(HealthStatus.HEALTHY, 2)
                .containsEntry(HealthStatus.PROGRESSING, 1).containsEntry(HealthStatus.DEGRADED, 2)
                .containsEntry(HealthStatus.SUSPENDED, 0);
        assertThat(board.unmanagedCount(BOT)).isEqualTo(1);

        JsonNode shown = bot(board, true);
        assertThat(group(shown, "drifted").get("waiting_changes").get(1).get("description").asText())
                .isEqualTo("remove +46732009999");
        assertThat(group(shown, "joining").get("pending_numbers").get(0).asText()).isEqualTo("+46732004444");
    }

    @Test
    void aPartialRunMergesItsGroupsByKeyAndAFullRunReplacesThem() throws Exception {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(runAt("2026-01-01T10:00:00Z", List.of(
                group("sales", SALES_ID, List.of(), List.of(), List.of(), true, null),
                group("support", SUPPORT_ID, List.of(), List.of(), List.of(), true, null)),
                List.of(new UnmanagedGroup(BOT, STRAY_ID, "Stray", true, false)), false));

        RemoveMembers removeCarol = new RemoveMembers(new TreeSet<>(List.of(CAROL)));
        board.recordRun(runAt("2026-01-01T10:05:00Z", List.of(
                group("support", SUPPORT_ID, List.of(removeCarol), List.of(removeCarol), List.of(), true, null),
                group("stray", STRAY_ID, List.of(), List.of(), List.of(), true, null)), List.of(), true));

        JsonNode bot = bot(board, false);
        assertThat(bot.get("groups")).extracting(g -> g.get("key").asText())
                .containsExactly("sales", "support", "stray");
        assertThat(group(bot, "sales").get("sync").asText()).isEqualTo("Synced");
        assertThat(group(bot, "sales").get("last_run").asText()).as("kept from the first run")
                .isEqualTo("2026-01-01T10:00:00Z");
        assertThat(group(bot, "support").get("sync").asText()).isEqualTo("OutOfSync");
        assertThat(group(bot, "support").get("last_run").asText()).isEqualTo("2026-01-01T10:05:00Z");
        assertThat(bot.get("unmanaged_groups")).as("the stray group is now declared").isEmpty();
        assertThat(bot.get("partial").asBoolean()).isTrue();
        assertThat(bot.get("sync").asText()).isEqualTo("OutOfSync");

        board.recordRun(runAt("2026-01-01T10:10:00Z", List.of(
                group("support", SUPPORT_ID, List.of(), List.of(), List.of(), true, null)), List.of(), false));

        assertThat(board.groups(BOT)).extracting(GroupStatus::key).containsExactly("support");
        assertThat(board.sync(BOT)).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aFailedRunThatReadNoGroupKeepsTheKnownGroupsAndMakesTheBotUnknownAndDegraded() {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(runAt("2026-01-01T10:00:00Z", List.of(
                group("sales", SALES_ID, List.of(), List.of(), List.of(), true, null)), List.of(), false));
        board.recordRun(new RunRecord(BOT, "n1", null, Instant.parse("2026-01-01T10:05:00Z"), Duration.ZERO, null,
                RunResult.FAILED, Map.of(), 0, 0, Map.of(), List.of("bot 447506616260: could not list its groups")));

        assertThat(board.groups(BOT)).extracting(GroupStatus::key).containsExactly("sales");
        assertThat(board.sync(BOT)).isEqualTo(SyncStatus.UNKNOWN);
        assertThat(board.health(BOT)).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void aPausedBotAndItsGroupsAreSuspendedUntilResumed() throws Exception {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(runAt("2026-01-01T10:00:00Z", List.of(
                group("sales", SALES_ID, List.of(), List.of(), List.of(DAVE), true, null)), List.of(), false));

        board.setPaused(BOT, true);

        JsonNode bot = bot(board, false);
        assertThat(bot.get("paused").asBoolean()).isTrue();
        assertThat(bot.get("health").asText()).isEqualTo("Suspended");
        assertThat(group(bot, "sales").get("health").asText()).isEqualTo("Suspended");
        assertThat(board.healthCounts(BOT)).containsEntry(HealthStatus.SUSPENDED, 1);

        board.setPaused(BOT, false);
        assertThat(board.health(BOT)).isEqualTo(HealthStatus.PROGRESSING);
    }

    @Test
    void aBotPausedBeforeItsFirstRunIsListedAsSuspended() throws Exception {
        StatusBoard board = new StatusBoard("n1");
        board.setPaused(BOT, true);

        JsonNode bot = bot(board, false);

        assertThat(bot.get("health").asText()).isEqualTo("Suspended");
        assertThat(bot.get("sync").asText()).isEqualTo("Unknown");
        assertThat(bot.get("groups")).isEmpty();
    }

    @Test
    void invalidFilesStallEveryGroupWithSyncUnknown() throws Exception {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(runAt("2026-01-01T10:00:00Z", List.of(
                group("sales", SALES_ID, List.of(), List.of(), List.of(), true, null)), List.of(), false));

        board.recordLoad(new Snapshot(null, List.of("sales.yaml:4:5: unknown field colour"), "def456"),
                Instant.parse("2026-01-01T10:01:00Z"));

        JsonNode bot = bot(board, false);
        assertThat(group(bot, "sales").get("health").asText()).isEqualTo("Stalled");
        assertThat(group(bot, "sales").get("sync").asText()).isEqualTo("Unknown");
        assertThat(bot.get("health").asText()).isEqualTo("Stalled");
        assertThat(board.healthCounts(BOT)).containsEntry(HealthStatus.STALLED, 1);
    }

    @Test
    void anEventShowsOnTheBotAndOnTheGroupItHappenedTo() throws Exception {
        StatusBoard board = new StatusBoard("n1");
        board.recordRun(runAt("2026-01-01T10:00:00Z", List.of(
                group("sales", SALES_ID, List.of(), List.of(), List.of(), true, null),
                group("support", SUPPORT_ID, List.of(), List.of(), List.of(), true, null)),
                List.of(new UnmanagedGroup(BOT, STRAY_ID, "Stray", true, false)), false));

        board.recordEvent(BOT, SALES_ID, "+46732009999 joined", Instant.parse("2026-01-01T10:02:00Z"));
        board.recordEvent(BOT, STRAY_ID, "subject changed", Instant.parse("2026-01-01T10:03:00Z"));

        JsonNode bot = bot(board, false);
        assertThat(bot.get("last_event").get("description").asText()).isEqualTo("subject changed");
        assertThat(bot.get("last_event").get("group_id").asText()).isEqualTo(STRAY_ID.value());
        assertThat(group(bot, "sales").get("last_event").get("description").asText()).isEqualTo("+*** joined");
        assertThat(group(bot, "sales").get("last_event").get("at").asText()).isEqualTo("2026-01-01T10:02:00Z");
        assertThat(group(bot, "support").has("last_event")).isFalse();
        assertThat(bot.get("unmanaged_groups").get(0).get("last_event").get("description").asText())
                .isEqualTo("subject changed");

        board.recordEvent(BOT, null, "webhook received", Instant.parse("2026-01-01T10:04:00Z"));
        assertThat(bot(board, false).get("last_event").has("group_id")).isFalse();
    }

    @Test
    void keyOfNamesTheDeclaredGroupALiveGroupWasMatchedTo() {
        StatusBoard board = new StatusBoard("n1");
        assertThat(board.keyOf(BOT, SALES_ID)).isEmpty();
        board.recordRun(runAt("2026-01-01T10:00:00Z", List.of(
                group("sales", SALES_ID, List.of(), List.of(), List.of(), true, null)),
                List.of(new UnmanagedGroup(BOT, STRAY_ID, "Stray", true, false)), false));

        assertThat(board.keyOf(BOT, SALES_ID)).isEqualTo(Optional.of("sales"));
        assertThat(board.keyOf(BOT, STRAY_ID)).as("unmanaged").isEmpty();
        assertThat(board.keyOf(StatusBoardTest.OTHER, SALES_ID)).isEmpty();
    }

    static final BotId OTHER = BotId.of("447506616261");
}
