package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.JoinApproval;
import dev.roster.model.Msisdn;
import dev.roster.model.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Desired-state files validated against each bot's provider: description, joinApproval, admins, limits. */
class ProviderValidationTest {
    private static final String CLOUD_BOT = "106540352242922";
    private static final String SINCH_BOT = "447506616260";

    @TempDir
    Path dir;

    /** The defaults, with bot {@link #CLOUD_BOT} on the Cloud API. */
    private static RosterSettings settings() {
        RosterSettings d = SettingsLoader.defaults(Map.of());
        return d.withApi(d.api().withBots(
                Map.of(BotId.of(CLOUD_BOT), new RosterSettings.BotApi(Provider.CLOUD, null, null)), null));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("groups.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String errorsOf(String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new DesiredStateLoader(settings()).load(List.of(file)));
        assertThat(e).as("rejected").isNotNull();
        return e.getMessage().replace(file.toString(), "groups.yaml");
    }

    private List<GroupSpec> load(String yaml) throws IOException {
        return new DesiredStateLoader(settings()).load(List.of(write(yaml))).state().groups();
    }

    @Test
    void aCloudGroupReadsItsDescriptionJoinApprovalAndOpaqueId() throws IOException {
        GroupSpec g = load("""
                bot: "106540352242922"
                groups:
                  support:
                    subject: A subject longer than the twenty-five characters of the v1 API
                    id: cg1000001
                    description: "Questions about orders.\\nAnswered weekdays."
                    joinApproval: required
                    members: ["+46732002244"]
                """).get(0);
        assertThat(g.description()).isEqualTo("Questions about orders.\nAnswered weekdays.");
        assertThat(g.joinApproval()).isEqualTo(JoinApproval.REQUIRED);
        assertThat(g.id()).isEqualTo(GroupId.of("cg1000001"));
        assertThat(g.members()).containsExactly(new Msisdn("+46732002244"));
    }

    @Test
    void theV1ApiHasNoDescriptionOrJoinApproval() throws IOException {
        assertThat(errorsOf("""
                bot: "447506616260"
                groups:
                  sales:
                    subject: Sales
                    description: Sales team
                    joinApproval: auto
                """)).isEqualTo(String.join("\n",
                "groups.yaml:5:5: the v1 API has no group description; remove `description`",
                "groups.yaml:6:5: the v1 API has no join approval; remove `joinApproval`"));
    }

    @Test
    void adminsOnTheCloudApiAreRefusedAtTheirKey() throws IOException {
        assertThat(errorsOf("""
                bot: "106540352242922"
                groups:
                  support:
                    subject: Support
                    admins: ["+46732001122"]
                """)).isEqualTo("groups.yaml:5:5: the Cloud API has no admins other than the business; remove"
                + " `admins` (declare these people under `members`)");
    }

    @Test
    void moreParticipantsThanTheCloudLimitNamesTheLimitAndItsSetting() throws IOException {
        StringBuilder members = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            members.append(i == 1 ? "" : ", ").append("\"+4673200100").append(i).append('"');
        }
        assertThat(errorsOf("bot: \"106540352242922\"\ngroups:\n  support:\n    subject: Support\n    members: ["
                + members + "]\n")).isEqualTo("groups.yaml:5:5: group 'support' declares 9 participants; the Cloud"
                + " API allows at most 8 (api.cloud.maxParticipants), the bot not counted");
    }

    @Test
    void theLimitComesFromTheGivenCapabilitiesAndTheV1ApiHasNone() throws IOException {
        String yaml = "bot: \"447506616260\"\ngroups:\n  sales:\n    subject: Sales\n    members: [\"+46732001001\","
                + " \"+46732001002\", \"+46732001003\"]\n";
        Path file = write(yaml);
        assertThat(new DesiredStateLoader(settings()).load(List.of(file)).state().groups()).hasSize(1);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new DesiredStateLoader(settings(), bot -> Capabilities.cloud(2)).load(List.of(file)));
        assertThat(e.getMessage()).isEqualTo(file + ":5:5: group 'sales' declares 3 participants; the Cloud API"
                + " allows at most 2 (api.cloud.maxParticipants), the bot not counted");
    }

    @Test
    void subjectAndDescriptionLimitsAreTheProvidersOwn() throws IOException {
        String longSubject = "s".repeat(129);
        String longDescription = "d".repeat(2049);
        assertThat(errorsOf("bot: \"106540352242922\"\ngroups:\n  support:\n    subject: " + longSubject
                + "\n    description: " + longDescription + "\n")).isEqualTo(String.join("\n",
                "groups.yaml:4:14: subject is 129 characters long; at most 128 are allowed (the Cloud API's limit)",
                "groups.yaml:5:18: description is 2049 characters long; at most 2048 are allowed (the Cloud API's"
                        + " limit)"));
        assertThat(errorsOf("bot: \"447506616260\"\ngroups:\n  sales:\n    subject: " + "s".repeat(26) + "\n"))
                .isEqualTo("groups.yaml:4:14: subject is 26 characters long; at most 25 are allowed"
                        + " (reconcile.subjectMaxLength)");
    }

    @Test
    void aDescriptionMayHoldLineBreaksButNoOtherControlCharacters() throws IOException {
        assertThat(errorsOf("bot: \"106540352242922\"\ngroups:\n  support:\n    subject: Support\n"
                + "    description: \"one\\ttwo\"\n")).isEqualTo(
                "groups.yaml:5:18: description must not hold control characters other than line breaks (found U+0009)");
    }

    @Test
    void aMisspeltJoinApprovalIsLocatedWithASuggestion() throws IOException {
        assertThat(errorsOf("bot: \"106540352242922\"\ngroups:\n  support:\n    subject: Support\n"
                + "    joinApproval: requird\n")).isEqualTo(
                "groups.yaml:5:19: joinApproval must be required or auto, not 'requird' (did you mean 'required'?)");
        assertThat(errorsOf("bot: \"106540352242922\"\ngroups:\n  support:\n    subject: Support\n"
                + "    joinApproval: [auto]\n")).isEqualTo("groups.yaml:5:19: joinApproval must be text, not a list");
    }

    @Test
    void anUnknownGroupKeySuggestsTheNewFields() throws IOException {
        assertThat(errorsOf("bot: \"106540352242922\"\ngroups:\n  support:\n    subject: Support\n"
                + "    descripton: x\n")).isEqualTo("groups.yaml:5:5: unknown key 'descripton' (did you mean"
                + " 'description'?)");
    }

    @Test
    void aV1GroupIdIsStillCheckedForItsShape() throws IOException {
        assertThat(errorsOf("bot: \"447506616260\"\ngroups:\n  sales:\n    subject: Sales\n    id: cg1000001\n"))
                .isEqualTo("groups.yaml:5:9: id must have the form group:<digits>-<digits>, e.g."
                        + " group:447506616260-1565342732, not 'cg1000001'");
    }
}
