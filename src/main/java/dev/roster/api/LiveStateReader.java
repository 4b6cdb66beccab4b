package dev.roster.api;

import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveBot;
import dev.roster.model.LiveGroup;
import dev.roster.model.LiveState;
import dev.roster.model.Msisdn;
import dev.roster.model.NumberSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Reads the live groups that the desired state could match: per bot, one list call, then one get per
 * group that could match (every listed group when some desired group has no {@code id}; only the
 * pinned ones when all are pinned, unless told to read all), with at most {@code maxConcurrency} calls in flight.
 *
 * <p>Failures are data: a bot whose list call fails is left out of the state and named in
 * {@link Result#failures()}; a group whose get fails is listed but not read, and named too. A group
 * that vanished between list and get (404) is treated as not listed.
 */
public final class LiveStateReader {
    private final GroupApi api;
    private final int maxConcurrency;
    private final boolean readAll;

    /** @param readAll read every listed group even when all desired groups are pinned (needed to prune) */
    public LiveStateReader(GroupApi api, int maxConcurrency, boolean readAll) {
        this.api = api;
        this.maxConcurrency = Math.max(1, maxConcurrency);
        this.readAll = readAll;
    }

    /** A read that could not be done. {@code group} is null when the bot's list call failed. */
    public record Failure(BotId bot, GroupId group, ApiException error) {}

    public record Result(LiveState state, List<Failure> failures) {
        public boolean failed(BotId bot) {
            return failures.stream().anyMatch(f -> f.bot().equals(bot));
        }
    }

    public Result read(DesiredState desired) {
        return read(desired, ProgressListener.NONE);
    }

    /** As {@link #read(DesiredState)}, telling {@code progress} how many of the groups to read are read. */
    public Result read(DesiredState desired, ProgressListener progress) {
        return read(desired, progress, GroupReadListener.NONE);
    }

    /** As {@link #read(DesiredState, ProgressListener)}, telling {@code onRead} of each group read as it comes. */
    public Result read(DesiredState desired, ProgressListener progress, GroupReadListener onRead) {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(maxConcurrency, daemonThreads());
        try {
            List<Failure> failures = new ArrayList<>();
            Map<BotId, Future<List<GroupId>>> lists = new LinkedHashMap<>();
            for (BotId bot : desired.bots()) {
                lists.put(bot, pool.submit(() -> api.listGroups(bot)));
            }
            // while the lists are on their way: the threads for the gets, and where each group read likely belongs
            pool.prestartAllCoreThreads();
            Map<BotId, LikelySpecs> likely = new HashMap<>();
            for (BotId bot : desired.bots()) {
                likely.put(bot, LikelySpecs.of(desired.groupsOf(bot)));
            }
            Map<BotId, List<GroupId>> listed = new LinkedHashMap<>();
            for (var entry : lists.entrySet()) {
                try {
                    listed.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    failures.add(new Failure(entry.getKey(), null, asApiException(e.getCause())));
                }
            }
            return readGroups(desired, listed, likely, failures, pool, progress, onRead);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unreachable("interrupted while reading live groups", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Reads only {@code groups} of one bot, without listing it (a run for the groups an event names). The state
     * lists the groups read or failed; a group that answers 404 is gone, so it is neither listed nor a failure.
     */
    public Result readOnly(BotId bot, Collection<GroupId> groups) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(maxConcurrency, groups.size())),
                daemonThreads());
        try {
            Map<GroupId, Future<LiveGroup>> gets = new LinkedHashMap<>();
            groups.forEach(id -> gets.put(id, pool.submit(() -> api.getGroup(bot, id))));
            List<GroupId> listed = new ArrayList<>();
            Map<GroupId, LiveGroup> read = new LinkedHashMap<>();
            List<Failure> failures = new ArrayList<>();
            for (var get : gets.entrySet()) {
                try {
                    read.put(get.getKey(), get.getValue().get());
                    listed.add(get.getKey());
                } catch (ExecutionException e) {
                    ApiException error = asApiException(e.getCause());
                    if (!(error instanceof ApiException.NotFound)) {
                        listed.add(get.getKey());
                        failures.add(new Failure(bot, get.getKey(), error));
                    }
                }
            }
            return new Result(new LiveState(Map.of(bot, new LiveBot(bot, listed, read))), List.copyOf(failures));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unreachable("interrupted while reading live groups", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Result readGroups(DesiredState desired, Map<BotId, List<GroupId>> listed, Map<BotId, LikelySpecs> likely,
            List<Failure> failures, ExecutorService pool, ProgressListener progress, GroupReadListener onRead)
            throws InterruptedException {
        record Pending(BotId bot, GroupId id, Future<LiveGroup> future) {}
        List<Pending> gets = new ArrayList<>();
        for (var entry : listed.entrySet()) {
            BotId bot = entry.getKey();
            List<GroupSpec> specs = desired.groupsOf(bot);
            List<GroupId> ids = readAll ? entry.getValue() : groupsWorthReading(specs, entry.getValue());
            LikelySpecs likelySpecs = likely.get(bot);
            for (GroupId id : ids) {
                gets.add(new Pending(bot, id, pool.submit(() -> readOne(bot, id, likelySpecs, onRead))));
            }
        }
        Map<BotId, Map<GroupId, LiveGroup>> read = new HashMap<>(); // filled by this thread alone
        Map<BotId, Set<GroupId>> vanished = new HashMap<>();
        int done = 0;
        for (Pending get : gets) {
            try {
                read.computeIfAbsent(get.bot(), b -> new LinkedHashMap<>()).put(get.id(), get.future().get());
            } catch (ExecutionException e) {
                ApiException error = asApiException(e.getCause());
                if (error instanceof ApiException.NotFound) {
                    vanished.computeIfAbsent(get.bot(), b -> new HashSet<>()).add(get.id());
                } else {
                    failures.add(new Failure(get.bot(), get.id(), error));
                }
            }
            progress.update(++done, gets.size());
        }
        Map<BotId, LiveBot> bots = new LinkedHashMap<>();
        for (var entry : listed.entrySet()) {
            BotId bot = entry.getKey();
            Set<GroupId> gone = vanished.getOrDefault(bot, Set.of());
            List<GroupId> ids = entry.getValue().stream().filter(id -> !gone.contains(id)).toList();
            bots.put(bot, new LiveBot(bot, ids, read.getOrDefault(bot, Map.of())));
        }
        return new Result(new LiveState(bots), List.copyOf(failures));
    }

    /** A bot's specs by id and by every subject they are known by; the first spec wins where two share one. */
    private record LikelySpecs(Map<GroupId, GroupSpec> byId, Map<String, GroupSpec> bySubject) {
        static LikelySpecs of(List<GroupSpec> specs) {
            LikelySpecs likely = new LikelySpecs(new HashMap<>(), new HashMap<>());
            for (GroupSpec spec : specs) {
                if (spec.id() != null) {
                    likely.byId.putIfAbsent(spec.id(), spec);
                }
                spec.knownSubjects().forEach(subject -> likely.bySubject.putIfAbsent(subject, spec));
            }
            return likely;
        }

        /** The spec a group read most likely matches: by id, else by subject; null when none. */
        GroupSpec specFor(LiveGroup g) {
            return byId.getOrDefault(g.id(), bySubject.get(g.subject()));
        }
    }

    /** Reads one group, shares its numbers with the declared group it likely is, and tells {@code onRead}. */
    private LiveGroup readOne(BotId bot, GroupId id, LikelySpecs likely, GroupReadListener onRead) {
        LiveGroup read = api.getGroup(bot, id);
        GroupSpec spec = likely.specFor(read);
        if (spec == null) {
            return read;
        }
        LiveGroup shared = sharing(read, spec);
        onRead.read(spec, shared);
        return shared;
    }

    /**
     * The group with its numbers replaced by the equal instances of the spec it most likely matches (by id, else
     * by subject): a large fleet then holds each number once instead of twice (10,000 groups of 256: about 180 MB
     * less). Equal values, so the planner's matching is not affected.
     */
    private static LiveGroup sharing(LiveGroup g, GroupSpec spec) {
        NumberSet declaredAdmins = NumberSet.copyOf(spec.admins()); // the spec's own sets: no copy
        NumberSet declaredMembers = NumberSet.copyOf(spec.members());
        Msisdn creator = g.creator() == null ? null : declaredAdmins.shared(declaredMembers.shared(g.creator()));
        return new LiveGroup(g.id(), g.subject(), creator,
                NumberSet.copyOf(g.admins()).withInstancesOf(declaredAdmins).withInstancesOf(declaredMembers),
                NumberSet.copyOf(g.members()).withInstancesOf(declaredMembers).withInstancesOf(declaredAdmins),
                g.description(), g.joinApproval(), g.suspended(), g.joinRequests());
    }

    /** Every listed group when some spec is matched by subject; otherwise only the pinned ones. */
    static List<GroupId> groupsWorthReading(List<GroupSpec> specs, List<GroupId> listed) {
        boolean allPinned = specs.stream().allMatch(s -> s.id() != null);
        if (!allPinned) {
            return listed;
        }
        Set<GroupId> pinned = new HashSet<>();
        specs.forEach(s -> pinned.add(s.id()));
        return listed.stream().filter(pinned::contains).toList();
    }

    private static ApiException asApiException(Throwable t) {
        return t instanceof ApiException api
                ? api
                : new ApiException.Unreachable("unexpected failure: " + t.getClass().getSimpleName(), t);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "roster-read");
            t.setDaemon(true);
            return t;
        };
    }
}
