package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.JoinApproval;
import dev.roster.model.JoinRequest;
import dev.roster.model.LiveBot;
import dev.roster.model.LiveGroup;
import dev.roster.model.LiveState;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Small builders for desired and live state, so planner and renderer tests need no YAML and no HTTP. */
public final class PlanFixtures {
    public static final BotId BOT = BotId.of("447506616260");
    public static final Msisdn BOT_NUMBER = Msisdn.parse("+447506616260");

    private PlanFixtures() {
    }

    public static Msisdn n(String number) {
        return Msisdn.parse(number);
    }

    public static Set<Msisdn> numbers(String... numbers) {
        TreeSet<Msisdn> set = new TreeSet<>();
        Arrays.stream(numbers).map(Msisdn::parse).forEach(set::add);
        return set;
    }

    public static SpecBuilder spec(String key, String subject) {
        return new SpecBuilder(key, subject);
    }

    public static LiveBuilder live(String id, String subject) {
        return new LiveBuilder(id, subject);
    }

    public static DesiredState desired(GroupSpec... specs) {
        return new DesiredState(List.of(specs));
    }

    /** Live state of {@link #BOT}: every given group listed and read. */
    public static LiveState liveState(LiveGroup... groups) {
        return liveState(BOT, groups);
    }

    public static LiveState liveState(BotId bot, LiveGroup... groups) {
        return new LiveStateBuilder().bot(bot, List.of(), groups).build();
    }

    public static LiveStateBuilder liveStates() {
        return new LiveStateBuilder();
    }

    public static Plan plan(DesiredState desired, LiveState live) {
        return Planner.plan(desired, live, new PlannerOptions(false));
    }

    public static Plan prunePlan(DesiredState desired, LiveState live) {
        return Planner.plan(desired, live, new PlannerOptions(true));
    }

    public static final class SpecBuilder {
        private BotId bot = BOT;
        private final String key;
        private final String subject;
        private GroupId id;
        private List<String> previously = List.of();
        private Set<Msisdn> admins = Set.of();
        private Set<Msisdn> members = Set.of();
        private Membership membership = Membership.EXACT;
        private boolean protect;
        private String description;
        private JoinApproval joinApproval;
        private String file = "groups/sales.yaml";
        private int line = 3;

        SpecBuilder(String key, String subject) {
            this.key = key;
            this.subject = subject;
        }

        public SpecBuilder bot(BotId bot) {
            this.bot = bot;
            return this;
        }

        public SpecBuilder id(String id) {
            this.id = GroupId.of(id);
            return this;
        }

        public SpecBuilder previously(String... subjects) {
            this.previously = List.of(subjects);
            return this;
        }

        public SpecBuilder admins(String... numbers) {
            this.admins = numbers(numbers);
            return this;
        }

        public SpecBuilder members(String... numbers) {
            this.members = numbers(numbers);
            return this;
        }

        public SpecBuilder additive() {
            this.membership = Membership.ADDITIVE;
            return this;
        }

        public SpecBuilder protect() {
            this.protect = true;
            return this;
        }

        public SpecBuilder description(String text) {
            this.description = text;
            return this;
        }

        public SpecBuilder joinApproval(JoinApproval mode) {
            this.joinApproval = mode;
            return this;
        }

        public SpecBuilder at(String file, int line) {
            this.file = file;
            this.line = line;
            return this;
        }

        public GroupSpec build() {
            return new GroupSpec(bot, key, subject, id, previously, admins, members, membership, protect,
                    new SourceLocation(file, line, 3), description, joinApproval);
        }
    }

    public static final class LiveBuilder {
        private final String id;
        private final String subject;
        private Msisdn creator = BOT_NUMBER;
        private Set<Msisdn> admins = Set.of(BOT_NUMBER);
        private Set<Msisdn> members = Set.of();
        private String description;
        private JoinApproval joinApproval;
        private boolean suspended;
        private final List<JoinRequest> joinRequests = new ArrayList<>();

        LiveBuilder(String id, String subject) {
            this.id = id;
            this.subject = subject;
        }

        public LiveBuilder creator(String number) {
            this.creator = number == null ? null : Msisdn.parse(number);
            return this;
        }

        /** The live admins; the bot is added unless {@code creator} was changed. */
        public LiveBuilder admins(String... numbers) {
            TreeSet<Msisdn> set = new TreeSet<>(numbers(numbers));
            if (BOT_NUMBER.equals(creator)) {
                set.add(BOT_NUMBER);
            }
            this.admins = set;
            return this;
        }

        public LiveBuilder members(String... numbers) {
            this.members = numbers(numbers);
            return this;
        }

        /** As the Cloud API reports a group: no creator, no admins (the business is not a participant). */
        public LiveBuilder cloud() {
            this.creator = null;
            this.admins = Set.of();
            return this;
        }

        public LiveBuilder description(String text) {
            this.description = text;
            return this;
        }

        public LiveBuilder joinApproval(JoinApproval mode) {
            this.joinApproval = mode;
            return this;
        }

        public LiveBuilder suspended() {
            this.suspended = true;
            return this;
        }

        /** A request to join with id {@code id} from {@code number}. */
        public LiveBuilder joinRequest(String id, String number) {
            joinRequests.add(new JoinRequest(id, Msisdn.parse(number)));
            return this;
        }

        public LiveGroup build() {
            return new LiveGroup(GroupId.of(id), subject, creator, admins, members, description, joinApproval,
                    suspended, joinRequests);
        }
    }

    public static final class LiveStateBuilder {
        private final Map<BotId, LiveBot> bots = new LinkedHashMap<>();

        /** A bot whose listed groups are {@code unreadIds} plus the read {@code groups}. */
        public LiveStateBuilder bot(BotId bot, List<String> unreadIds, LiveGroup... groups) {
            List<GroupId> listed = new ArrayList<>();
            Map<GroupId, LiveGroup> read = new HashMap<>();
            unreadIds.forEach(id -> listed.add(GroupId.of(id)));
            for (LiveGroup g : groups) {
                listed.add(g.id());
                read.put(g.id(), g);
            }
            bots.put(bot, new LiveBot(bot, listed, read));
            return this;
        }

        public LiveState build() {
            return new LiveState(bots);
        }
    }
}
