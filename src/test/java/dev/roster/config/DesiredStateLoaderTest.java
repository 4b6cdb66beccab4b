package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DesiredStateLoaderTest {
    @TempDir
    Path dir;

    private static RosterSettings settings() {
        return SettingsLoader.defaults(Map.of());
    }

    private static RosterSettings withRegion(String region) {
        RosterSettings d = settings();
        return new RosterSettings(d.api(), new RosterSettings.Numbers(region), d.reconcile(), d.daemon(), d.audit());
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    private static Msisdn n(String e164) {
        return new Msisdn(e164);
    }

    @Test
    void readsEveryFieldOfAGroupWithItsLocation() throws IOException {
        Path file = write("sales.yaml", """
                bot: "447506616260"
                groups:
                  sales-team:
                    subject: Sales Team
                    id: group:447506616260-1565342732
                    previously: [Sales]
                    admins: ["+46 73 200 11 22"]
                    members: ["+46732002244", "0732003366"]
                    membership: additive
                    protect: true
                """);

        LoadResult result = new DesiredStateLoader(withRegion("SE")).load(List.of(file));

        assertThat(result.state().groups()).containsExactly(new GroupSpec(BotId.of("447506616260"), "sales-team",
                "Sales Team", GroupId.of("group:447506616260-1565342732"), List.of("Sales"),
                java.util.Set.of(n("+46732001122")), java.util.Set.of(n("+46732002244"), n("+46732003366")),
                Membership.ADDITIVE, true, new SourceLocation(file.toString(), 3, 3)));
        assertThat(result.summary()).isEqualTo("1 bot, 1 group, 3 numbers");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void defaultsAreExactMembershipNoProtectNoId() throws IOException {
        Path file = write("a.yaml", "bot: 46700000001\ngroups:\n  a:\n    subject: A\n");
        GroupSpec g = new DesiredStateLoader(settings()).load(List.of(file)).state().groups().get(0);
        assertThat(g.membership()).isEqualTo(Membership.EXACT);
        assertThat(g.protect()).isFalse();
        assertThat(g.id()).isNull();
        assertThat(g.bot()).isEqualTo(BotId.of("46700000001"));
    }

    @Test
    void anchorsAndAliasesShareAnAdminList() throws IOException {
        Path file = write("a.yaml", """
                bot: "46700000001"
                groups:
                  a:
                    subject: A
                    admins: &ops ["+46701234567", "+46732001122"]
                  b:
                    subject: B
                    admins: *ops
                """);
        List<GroupSpec> groups = new DesiredStateLoader(settings()).load(List.of(file)).state().groups();
        assertThat(groups.get(1).admins()).containsExactly(n("+46701234567"), n("+46732001122"))
                .isEqualTo(groups.get(0).admins());
    }

    @Test
    void mergeKeysCopyAGroupTemplate() throws IOException {
        Path file = write("a.yaml", """
                bot: "46700000001"
                groups:
                  a: &base
                    subject: A
                    admins: ["+46701234567"]
                  b:
                    <<: *base
                    subject: B
                """);
        List<GroupSpec> groups = new DesiredStateLoader(settings()).load(List.of(file)).state().groups();
        assertThat(groups.get(1).subject()).isEqualTo("B");
        assertThat(groups.get(1).admins()).containsExactly(n("+46701234567"));
    }

    @Test
    void unquotedNumbersAndYamlOneOneWordsStayText() throws IOException {
        Path file = write("a.yaml", """
                bot: 46700000001
                groups:
                  a:
                    subject: no
                    previously: [on, 0777]
                    members: [+46732002244, 0732001122, 46732003366]
                """);
        GroupSpec g = new DesiredStateLoader(withRegion("SE")).load(List.of(file)).state().groups().get(0);
        assertThat(g.subject()).isEqualTo("no");
        assertThat(g.previously()).containsExactly("on", "0777");
        assertThat(g.members()).containsExactly(n("+46732001122"), n("+46732002244"), n("+46732003366"));
    }

    @Test
    void aNumberInBothAdminsAndMembersIsFine() throws IOException {
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: A\n"
                + "    admins: [\"+46701234567\"]\n    members: [\"+46 70 123 45 67\"]\n");
        GroupSpec g = new DesiredStateLoader(settings()).load(List.of(file)).state().groups().get(0);
        assertThat(g.participants()).containsExactly(n("+46701234567"));
    }

    @Test
    void aLocalNumberReadsWithTheDefaultRegion() throws IOException {
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: A\n    members: [\"073-200 11 22\"]\n");
        GroupSpec g = new DesiredStateLoader(withRegion("SE")).load(List.of(file)).state().groups().get(0);
        assertThat(g.members()).containsExactly(n("+46732001122"));
    }

    @Test
    void anEmptyFileIsAWarningNotAnError() throws IOException {
        Path empty = write("empty.yaml", "# nothing yet\n");
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: A\n");
        LoadResult result = new DesiredStateLoader(settings()).load(List.of(empty, file));
        assertThat(result.warnings()).extracting(Diagnostic::toString)
                .containsExactly(empty + ":1:1: warning: file is empty; it declares nothing");
        assertThat(result.groupCount()).isEqualTo(1);
    }

    @Test
    void directoriesAreReadRecursivelyInSortedOrderSkippingHiddenAndOtherFiles() throws IOException {
        write("b/two.yaml", "bot: \"46700000001\"\ngroups:\n  two:\n    subject: Two\n");
        write("a/one.yml", "bot: \"46700000001\"\ngroups:\n  one:\n    subject: One\n");
        write("a/z/three.yaml", "bot: \"46700000002\"\ngroups:\n  three:\n    subject: Three\n");
        write(".git/ignored.yaml", "not: valid\n");
        write("a/notes.txt", "not yaml\n");

        LoadResult result = new DesiredStateLoader(settings()).load(List.of(dir));

        assertThat(result.state().groups()).extracting(GroupSpec::key).containsExactly("one", "three", "two");
        assertThat(result.files()).isEqualTo(3);
        assertThat(result.summary()).isEqualTo("2 bots, 3 groups, 0 numbers");
    }

    @Test
    void aSubjectLimitComesFromTheSettings() throws IOException {
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: Twelve chars\n");
        RosterSettings d = settings();
        RosterSettings strict = new RosterSettings(d.api(), d.numbers(), new RosterSettings.Reconcile(false, 25, 10),
                d.daemon(), d.audit());
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new DesiredStateLoader(strict).load(List.of(file)));
        assertThat(e.getMessage()).isEqualTo(file + ":4:14: subject is 12 characters long; at most 10 are allowed"
                + " (reconcile.subjectMaxLength)");
    }

    /** Issue 13, finding 10: look-alike subjects. */
    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"202E", "202D", "2066", "200B", "200E", "2060", "FEFF", "00AD", "E0041"})
    void subjectsAndOldSubjectsWithAFormatCharacterAreRefusedUnlessAllowed(String hex) throws IOException {
        String invisible = Character.toString(Integer.parseInt(hex, 16));
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: Bo" + invisible + "ard\n"
                + "    previously: [Sa" + invisible + "les]\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new DesiredStateLoader(settings()).load(List.of(file)));

        String name = Character.getName(Integer.parseInt(hex, 16));
        assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                file + ":4:14: subject contains U+" + hex + " " + name + " (character 3), an invisible Unicode format"
                        + " character that can make one subject look like another; remove it, or set"
                        + " reconcile.allowFormatCharacters: true",
                file + ":5:18: an entry of previously contains U+" + hex + " " + name + " (character 3), an invisible"
                        + " Unicode format character that can make one subject look like another; remove it, or set"
                        + " reconcile.allowFormatCharacters: true");

        RosterSettings d = settings();
        RosterSettings allowing = new RosterSettings(d.api(), d.numbers(), new RosterSettings.Reconcile(false, 25, 25,
                true), d.daemon(), d.audit());
        GroupSpec loaded = new DesiredStateLoader(allowing).load(List.of(file)).state().groups().get(0);
        assertThat(loaded.subject()).isEqualTo("Bo" + invisible + "ard");
        assertThat(loaded.previously()).containsExactly("Sa" + invisible + "les");
    }

    @Test
    void emojiSequencesJoinedByZeroWidthJoinersOrFlagTagsAreNotRefused() throws IOException {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // man ZWJ woman ZWJ girl
        String rainbowFlag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08"; // white flag VS16 ZWJ rainbow
        String england = new StringBuilder().appendCodePoint(0x1F3F4).appendCodePoint(0xE0067)
                .appendCodePoint(0xE0062).appendCodePoint(0xE0065).appendCodePoint(0xE006E)
                .appendCodePoint(0xE0067).appendCodePoint(0xE007F).toString();
        String firstAndLastTags = new StringBuilder().appendCodePoint(0x1F3F4).appendCodePoint(0xE0020)
                .appendCodePoint(0xE007F).toString(); // black flag, TAG SPACE, CANCEL TAG
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n"
                + "  a: {subject: \"Family " + family + "\"}\n"
                + "  b: {subject: \"Pride " + rainbowFlag + "\"}\n"
                + "  c: {subject: \"England " + england + "\"}\n"
                + "  d: {subject: \"Tag range " + firstAndLastTags + "\"}\n");

        assertThat(new DesiredStateLoader(settings()).load(List.of(file)).state().groups()).hasSize(4);

        Path stray = write("b.yaml", "bot: \"46700000001\"\ngroups:\n"
                + "  a: {subject: \"Board\u200D\"}\n"
                + "  b: {subject: \"Sales \u200D\uD83D\uDC69\"}\n"
                + "  c: {subject: \"Tag" + Character.toString(0xE0067) + "\"}\n");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new DesiredStateLoader(settings()).load(List.of(stray)));
        assertThat(e.diagnostics()).extracting(Diagnostic::message).allMatch(m -> m.contains("format character"))
                .hasSize(3);
    }

    @Test
    void aMissingPathIsAnError() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new DesiredStateLoader(settings()).load(List.of(missing)));
        assertThat(e.getMessage()).isEqualTo(missing + ": no such file or directory");
    }

    @Test
    void aDuplicateKeyDoesNotHideTheFilesOtherErrors() throws IOException {
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: A\n    membership: sometimes\n"
                + "  a:\n    subject: B\n");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new DesiredStateLoader(settings()).load(List.of(file)));
        assertThat(e.getMessage()).isEqualTo(file + ":5:17: membership must be exact or additive, not 'sometimes'\n"
                + file + ":6:3: duplicate key 'a' (first at " + file + ":3:3)");
    }

    @Test
    void crossFileChecksAlsoCoverGroupsWithErrorsOfTheirOwn() throws IOException {
        Path a = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  sales:\n    subject: Sales\n"
                + "    members: [\"+4673200112\"]\n  board:\n    subject: Board\n    id: group:46700000001-1\n");
        Path b = write("b.yaml", "bot: \"46700000001\"\ngroups:\n  sales:\n    subject: Sales\n"
                + "  other:\n    subject: Board\n    membership: sometimes\n");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new DesiredStateLoader(settings()).load(List.of(a, b)));
        assertThat(e.getMessage().lines()).containsExactly(
                a + ":5:15: '+4673200112' is not a valid phone number",
                b + ":3:3: group 'sales' of bot 46700000001 is declared twice (also at " + a + ":3:3)",
                b + ":6:14: subject 'Board' of group 'other' is also the subject of group 'board' (" + a
                        + ":7:14); identity would be ambiguous",
                b + ":7:17: membership must be exact or additive, not 'sometimes'");
    }

    @Test
    void theSameSubjectForTwoBotsIsFine() throws IOException {
        Path a = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: Team\n");
        Path b = write("b.yaml", "bot: \"46700000002\"\ngroups:\n  a:\n    subject: Team\n");
        assertThat(new DesiredStateLoader(settings()).load(List.of(a, b)).groupCount()).isEqualTo(2);
    }

    @Test
    void theExamplesAreValid() {
        LoadResult quick = new DesiredStateLoader(settings()).load(List.of(Path.of("examples/quickstart")));
        assertThat(quick.summary()).isEqualTo("1 bot, 3 groups, 7 numbers");
        LoadResult multi = new DesiredStateLoader(settings()).load(List.of(Path.of("examples/multi-bot")));
        assertThat(multi.botCount()).isEqualTo(2);
        assertThat(multi.state().groups()).anyMatch(g -> g.id() != null)
                .anyMatch(g -> !g.previously().isEmpty())
                .anyMatch(g -> g.membership() == Membership.ADDITIVE);
    }
    private String errorsOf(Path... paths) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new DesiredStateLoader(settings()).load(List.of(paths)));
        assertThat(e).as("rejected").isNotNull();
        return e.getMessage();
    }

    @Test
    void aBotThatIsEmptyNoTextOrNoValidNumberIsOneErrorEach() throws IOException {
        String groups = "groups:\n  a: {subject: A}\n";
        Path empty = write("a.yaml", "bot: ~\n" + groups);
        Path mapping = write("b.yaml", "bot: {number: \"46700000001\"}\n" + groups);
        Path invalid = write("c.yaml", "bot: \"12345\"\n" + groups);

        assertThat(errorsOf(empty, mapping, invalid).lines()).containsExactly(
                empty + ":1:6: bot must not be empty",
                mapping + ":1:6: bot must be text, not a mapping",
                invalid + ":1:6: bot '12345' is not a valid international phone number");
    }

    @Test
    void aFileGroupsOrAGroupThatIsNoMappingIsOneErrorEach() throws IOException {
        Path list = write("a.yaml", "- bot\n- groups\n");
        Path groups = write("b.yaml", "bot: \"46700000001\"\ngroups: [a, b]\n");
        Path group = write("c.yaml", "bot: \"46700000001\"\ngroups:\n  a: [A]\n");

        assertThat(errorsOf(list, groups, group).lines()).containsExactly(
                list + ":1:1: a desired-state file must be a mapping of keys to values, not a list",
                groups + ":2:9: 'groups' must be a mapping of keys to values, not a list",
                group + ":3:6: group 'a' must be a mapping of keys to values, not a list");
    }

    @Test
    void emptyEntriesInListsAreRefusedWhereTheyAre() throws IOException {
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: A\n"
                + "    previously: [~, \"\"]\n    members: [~]\n");

        assertThat(errorsOf(file).lines()).containsExactly(
                file + ":5:18: an entry of previously must not be empty",
                file + ":5:21: an entry of previously must not be empty",
                file + ":6:15: an entry of members is empty");
    }

    @Test
    void aListLeftEmptyHasNoEntries() throws IOException {
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a:\n    subject: A\n"
                + "    previously: ~\n    admins:\n    members: []\n");

        GroupSpec g = new DesiredStateLoader(settings()).load(List.of(file)).state().groups().get(0);

        assertThat(g.previously()).isEmpty();
        assertThat(g.admins()).isEmpty();
        assertThat(g.members()).isEmpty();
    }

    @Test
    void noGroupsIsAWarningAndWarningsAreListedByFileWhateverTheOrderOfThePaths() throws IOException {
        Path b = write("b.yaml", "bot: \"46700000001\"\ngroups: {}\n");
        Path a = write("a.yaml", "bot: \"46700000001\"\ngroups: ~\n");

        LoadResult result = new DesiredStateLoader(settings()).load(List.of(b, a));

        assertThat(result.warnings()).extracting(Diagnostic::toString).containsExactly(
                a + ":2:1: warning: no groups declared",
                b + ":2:1: warning: no groups declared");
        assertThat(result.groupCount()).isZero();
    }

    @Test
    void errorsOnOneLineAreListedByColumn() throws IOException {
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a: {subject: Team}\n"
                + "  b: {subject: Team, members: [nope]}\n");

        assertThat(errorsOf(file).lines()).containsExactly(
                file + ":4:16: subject 'Team' of group 'b' is also the subject of group 'a' (" + file
                        + ":3:16); identity would be ambiguous",
                file + ":4:32: 'nope' is not a valid phone number");
    }

    /** A subject that is refused takes no part in the identity checks: two such groups are one error each. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"\"", "Twenty-six characters long", "Bo\u202Eard"})
    void aRefusedSubjectIsNotAlsoReportedAsSharedWithAnotherGroup(String subject) throws IOException {
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n  a: {subject: " + subject + "}\n"
                + "  b: {subject: " + subject + "}\n");

        List<String> errors = errorsOf(file).lines().toList();

        assertThat(errors).hasSize(2).noneMatch(m -> m.contains("ambiguous"));
        assertThat(errors.get(0)).startsWith(file + ":3:16: subject ");
        assertThat(errors.get(1)).startsWith(file + ":4:16: subject ");
    }

    @Test
    void aZeroWidthJoinerAtEitherEndOfASubjectJoinsNothingAndIsRefused() throws IOException {
        String woman = "\uD83D\uDC69";
        Path file = write("a.yaml", "bot: \"46700000001\"\ngroups:\n"
                + "  a: {subject: \"\u200D" + woman + " Team\"}\n"
                + "  b: {subject: \"Team " + woman + "\u200D\"}\n");

        assertThat(errorsOf(file).lines()).extracting(m -> m.substring(0, m.indexOf(", an invisible"))).containsExactly(
                file + ":3:16: subject contains U+200D ZERO WIDTH JOINER (character 1)",
                file + ":4:16: subject contains U+200D ZERO WIDTH JOINER (character 7)");
    }

    @Test
    void aFolderWithoutYamlFilesIsAnError() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        write("empty/notes.txt", "no groups here\n");

        assertThat(errorsOf(empty)).isEqualTo(empty + ": no .yaml or .yml files in this directory");
    }

    @Test
    void aDeviceGivenOrFoundInAFolderIsRefusedAsNotARegularFile() throws IOException {
        Path device = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(device), "/dev/null exists");
        Path folder = Files.createDirectory(dir.resolve("desired"));
        Path link = Files.createSymbolicLink(folder.resolve("null.yaml"), device);

        assertThat(errorsOf(device)).isEqualTo("/dev/null: not a regular file (a character device)");
        assertThat(errorsOf(folder)).isEqualTo(link + ": not a regular file (a character device)");
        Files.delete(link); // the link, not the device; JUnit would warn about a link out of its folder
    }
}
