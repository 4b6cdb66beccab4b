package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.JoinApproval;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import dev.roster.model.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any valid model written out by {@link DesiredStateWriter} reads back equal (source locations aside). */
class DesiredStateRoundTripPropertyTest {
    private static final List<String> BOTS = List.of("46700000001", "447506616260", "4915112345678", "14155550123");

    @Property(tries = 200)
    void anyValidModelReadsBackEqual(@ForAll("bots") BotId bot, @ForAll("groupDrafts") List<Draft> drafts)
            throws IOException {
        List<GroupSpec> groups = toValidGroups(bot, drafts);
        String yaml = DesiredStateWriter.toYaml(bot, groups);
        Path file = Files.createTempFile("roundtrip", ".yaml");
        try {
            Files.writeString(file, yaml);
            LoadResult result = new DesiredStateLoader(allowingFormatCharacters()).load(List.of(file));
            assertThat(result.state().groups().stream().map(DesiredStateRoundTripPropertyTest::withoutLocation).toList())
                    .as(yaml)
                    .isEqualTo(groups);
        } finally {
            Files.delete(file);
        }
    }

    record Draft(String key, String subject, List<String> previously, List<Msisdn> admins, List<Msisdn> members,
            Membership membership, boolean protect, Long pinned) {}

    @Provide
    Arbitrary<BotId> bots() {
        return Arbitraries.of(BOTS).map(BotId::of);
    }

    /** The defaults, except that the U+200B among the generated characters is accepted: it must round-trip too. */
    private static RosterSettings allowingFormatCharacters() {
        RosterSettings d = SettingsLoader.defaults(Map.of());
        RosterSettings.Reconcile r = d.reconcile();
        return new RosterSettings(d.api(), d.numbers(), new RosterSettings.Reconcile(r.prune(), r.maxRemovalPercent(),
                r.subjectMaxLength(), true), d.daemon(), d.audit());
    }

    @Provide
    Arbitrary<List<Draft>> groupDrafts() {
        Arbitrary<String> key = Arbitraries.strings().withChars("abcz09._-").ofMinLength(1).ofMaxLength(12)
                .filter(k -> Character.isLetterOrDigit(k.charAt(0)));
        Arbitrary<String> text = Arbitraries.strings()
                .withCharRange(' ', '~')
                .withChars("åäöÅÄÖéü€—\u00a0\u200b😀🇸🇪\\\"'#:&*!|>%@`{}[],")
                .ofMinLength(1).ofMaxLength(25)
                .filter(s -> !s.isBlank());
        Arbitrary<Msisdn> number = Arbitraries.integers().between(0, 9_999_999)
                .map(i -> new Msisdn(String.format("+4673%07d", i)));
        Arbitrary<Draft> draft = Combinators.combine(
                key, text, text.list().ofMaxSize(3),
                number.list().ofMaxSize(4), number.list().ofMaxSize(6),
                Arbitraries.of(Membership.class), Arbitraries.of(true, false),
                Arbitraries.longs().between(1, 9_999_999_999L).injectNull(0.6))
                .as(Draft::new);
        return draft.list().ofMaxSize(8);
    }

    /** Drops what the loader would (rightly) reject: repeated keys, colliding subjects, repeated ids. */
    private static List<GroupSpec> toValidGroups(BotId bot, List<Draft> drafts) {
        Set<String> keys = new HashSet<>();
        Set<String> subjects = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        List<GroupSpec> groups = new ArrayList<>();
        for (Draft d : drafts) {
            List<String> names = new ArrayList<>();
            names.add(d.subject());
            d.previously().stream().filter(p -> !names.contains(p)).forEach(names::add);
            if (!keys.add(d.key()) || names.stream().anyMatch(subjects::contains)
                    || (d.pinned() != null && !ids.add(d.pinned()))) {
                continue;
            }
            subjects.addAll(names);
            GroupId id = d.pinned() == null ? null : GroupId.of("group:" + bot + "-" + d.pinned());
            groups.add(new GroupSpec(bot, d.key(), d.subject(), id, names.subList(1, names.size()),
                    Set.copyOf(d.admins()), Set.copyOf(d.members()), d.membership(), d.protect(), null));
        }
        return groups;
    }

    private static GroupSpec withoutLocation(GroupSpec g) {
        return new GroupSpec(g.bot(), g.key(), g.subject(), g.id(), g.previously(), g.admins(), g.members(),
                g.membership(), g.protect(), null, g.description(), g.joinApproval());
    }

    private static final BotId CLOUD_BOT = BotId.of("106540352242922");

    @Property(tries = 200)
    void anyValidCloudModelReadsBackEqual(@ForAll("cloudGroups") List<GroupSpec> drafts) throws IOException {
        Set<String> keys = new HashSet<>();
        Set<String> subjects = new HashSet<>();
        Set<GroupId> ids = new HashSet<>();
        List<GroupSpec> groups = drafts.stream().filter(g -> keys.add(g.key()) && subjects.add(g.subject())
                && (g.id() == null || ids.add(g.id()))).toList();
        String yaml = DesiredStateWriter.toYaml(CLOUD_BOT, groups);
        Path file = Files.createTempFile("roundtrip", ".yaml");
        try {
            Files.writeString(file, yaml);
            RosterSettings settings = allowingFormatCharacters();
            settings = settings.withApi(settings.api().withBots(
                    Map.of(CLOUD_BOT, new RosterSettings.BotApi(Provider.CLOUD, null, null)), null));
            LoadResult result = new DesiredStateLoader(settings).load(List.of(file));
            assertThat(result.state().groups().stream().map(DesiredStateRoundTripPropertyTest::withoutLocation).toList())
                    .as(yaml)
                    .isEqualTo(groups);
        } finally {
            Files.delete(file);
        }
    }

    /** Groups the Cloud API allows: no admins, at most 8 members, longer subjects, descriptions, join approval. */
    @Provide
    Arbitrary<List<GroupSpec>> cloudGroups() {
        Arbitrary<String> key = Arbitraries.strings().withChars("abcz09._-").ofMinLength(1).ofMaxLength(12)
                .filter(k -> Character.isLetterOrDigit(k.charAt(0)));
        Arbitrary<String> subject = Arbitraries.strings().withCharRange(' ', '~').withChars("åÖ€\u00a0😀\\\"'#:")
                .ofMinLength(1).ofMaxLength(128).filter(t -> !t.isBlank());
        Arbitrary<String> description = Arbitraries.strings().withCharRange(' ', '~')
                .withChars("\n\r åÖ€😀🇸🇪\\\"'#:")
                .ofMaxLength(200).injectNull(0.3);
        Arbitrary<Msisdn> number = Arbitraries.integers().between(0, 9_999_999)
                .map(i -> new Msisdn(String.format("+4673%07d", i)));
        Arbitrary<GroupId> id = Arbitraries.longs().between(1, 9_999_999_999L).map(n -> GroupId.of("cg" + n))
                .injectNull(0.5);
        Arbitrary<GroupSpec> group = Combinators.combine(key, subject, id, number.set().ofMaxSize(8),
                Arbitraries.of(Membership.class), description, Arbitraries.of(JoinApproval.class).injectNull(0.4))
                .as((k, subj, gid, members, membership, desc, join) -> new GroupSpec(CLOUD_BOT, k, subj, gid,
                        List.of(), Set.of(), members, membership, false, null, desc, join));
        return group.list().ofMaxSize(6);
    }
}
