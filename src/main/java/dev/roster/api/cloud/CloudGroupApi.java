package dev.roster.api.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.ApiException;
import dev.roster.api.Creation;
import dev.roster.api.GroupApi;
import dev.roster.api.InviteTemplate;
import dev.roster.api.NewGroup;
import dev.roster.api.RateLimiter;
import dev.roster.api.cloud.CloudAnswers.FailedParticipant;
import dev.roster.api.cloud.CloudAnswers.Listed;
import dev.roster.api.cloud.CloudAnswers.Page;
import dev.roster.api.cloud.CloudDto.Component;
import dev.roster.api.cloud.CloudDto.GroupIdParameter;
import dev.roster.api.cloud.CloudDto.JoinRequestsBody;
import dev.roster.api.cloud.CloudDto.Language;
import dev.roster.api.cloud.CloudDto.NewGroupBody;
import dev.roster.api.cloud.CloudDto.Participant;
import dev.roster.api.cloud.CloudDto.ParticipantsBody;
import dev.roster.api.cloud.CloudDto.ProductBody;
import dev.roster.api.cloud.CloudDto.Template;
import dev.roster.api.cloud.CloudDto.TemplateMessage;
import dev.roster.api.cloud.CloudDto.UpdateBody;
import dev.roster.api.http.BearerTokenInterceptor;
import dev.roster.api.http.CallGuard;
import dev.roster.api.http.JsonDecoder;
import dev.roster.api.http.RateLimitInterceptor;
import dev.roster.api.http.RequestLogger;
import dev.roster.api.http.PacedClient;
import dev.roster.api.http.RunDeadlineClient;
import dev.roster.api.http.SafeCallRetryer;
import dev.roster.api.http.Sleeper;
import dev.roster.api.http.Transport;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupId;
import dev.roster.model.JoinApproval;
import dev.roster.model.JoinRequest;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import feign.Client;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.jackson.JacksonEncoder;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * {@link GroupApi} over Meta's WhatsApp Cloud API (Graph API group endpoints), on Feign with OkHttp and the parts
 * shared with the Sinch adapter ({@link dev.roster.api.http}). A bot is a business phone-number id; group ids are
 * opaque. Each bot gets its own Feign client (built on first use, sharing one connection pool), because most paths
 * name only the group and the client must know whose token to send.
 *
 * <p>What the Cloud API has no call for ({@link #leaveGroup}, {@link #addAdmins}, {@link #removeAdmins}) throws
 * {@link ApiException.Unsupported} without sending anything. Creation is asynchronous: {@link #create} answers a
 * request id, and the group appears in {@link #listGroups} later. Removals go out at most
 * {@value #MAX_PARTICIPANTS_PER_CALL} per call; a partial success (HTTP 206, code 131201) is sent again once for the
 * participants that failed, and a participant "not in the group" (131212) counts as removed.
 *
 * <p>Errors are classified by {@link CloudErrorDecoder} (Graph code first, {@code fbtrace_id} kept); safe calls are
 * retried by {@link SafeCallRetryer}; create and {@link #sendInvite} never are. Only {@link ApiException} leaves this
 * class, and no message names a token or (outside the API's own group and request ids) a person. Thread-safe.
 */
public final class CloudGroupApi implements GroupApi {
    /** The API removes 1 to 8 participants per call. */
    public static final int MAX_PARTICIPANTS_PER_CALL = 8;
    /** The largest page the listing asks for (the API allows 1 to 1024). */
    public static final int MAX_PAGE_SIZE = 1024;
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(CloudGroupApi.class);

    private final CloudOptions options;
    private final int pageSize;
    private final Function<BotId, CloudClient> build;
    private final Map<BotId, CloudClient> clients = new ConcurrentHashMap<>();
    private final CallGuard guard;

    private CloudGroupApi(CloudOptions options, int pageSize, Function<BotId, CloudClient> build) {
        this.options = options;
        this.pageSize = pageSize;
        this.build = build;
        this.guard = new CallGuard(options.baseUrl(), options.connectTimeout(), options.readTimeout(),
                options.callTimeout());
    }

    /**
     * A client whose every HTTP request, retries included, first passes {@code limiter}; a 429 with
     * {@code Retry-After} pauses the limiter, and so every call of this client.
     */
    public static CloudGroupApi create(CloudOptions options, RateLimiter limiter) {
        return create(options, limiter, Clock.systemUTC(), Sleeper.REAL,
                () -> ThreadLocalRandom.current().nextDouble(), MAX_PAGE_SIZE);
    }

    /** As above, with time, the waits between retries, the jitter in [0, 1) and the listing's page size given. */
    static CloudGroupApi create(CloudOptions options, RateLimiter limiter, Clock clock, Sleeper sleeper,
            DoubleSupplier random, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE + ": " + pageSize);
        }
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        String base = options.baseUrl().toString().replaceAll("/+$", "");
        String basePath = URI.create(base).getRawPath() == null ? "" : URI.create(base).getRawPath();
        Client http = new PacedClient(new RunDeadlineClient(Transport.okHttp(options.baseUrl(),
                options.connectTimeout(), options.readTimeout(), options.callTimeout())), limiter);
        Request.Options timeouts = new Request.Options(options.connectTimeout(), options.readTimeout(), false);
        Function<BotId, CloudClient> build = bot -> {
            Supplier<Secret> token = () -> options.tokens().apply(bot);
            Function<Request, String> describe = request -> describe(request, basePath, bot);
            return Feign.builder()
                    .client(http)
                    .options(timeouts)
                    .encoder(new JacksonEncoder(mapper))
                    .decoder(new JsonDecoder(mapper, describe))
                    .errorDecoder(new CloudErrorDecoder(mapper, clock, token, describe, limiter))
                    .retryer(new SafeCallRetryer(options.retry(), clock, sleeper, random))
                    .requestInterceptor(new RateLimitInterceptor(limiter))
                    .requestInterceptor(new BearerTokenInterceptor(template -> token.get()))
                    .logger(new RequestLogger(LOG, describe))
                    .logLevel(Logger.Level.BASIC)
                    .target(CloudClient.class, base);
        };
        return new CloudGroupApi(options, pageSize, build);
    }

    @Override
    public Capabilities capabilities(BotId bot) {
        return options.capabilities();
    }

    @Override
    public List<GroupId> listGroups(BotId bot) {
        return listed(bot).stream().map(Listed::id).toList();
    }

    /**
     * Every group of the bot, page by page: the cursor after a page is followed while the API says more follow (or
     * the page was full). An invalid or expired cursor (131059) restarts the listing once.
     */
    private List<Listed> listed(BotId bot) {
        try {
            return listFromStart(bot);
        } catch (CloudExceptions.InvalidCursor expired) {
            LOG.debug("listing the groups of bot {}: the cursor expired; listing again from the start", bot);
            return listFromStart(bot);
        }
    }

    private List<Listed> listFromStart(BotId bot) {
        String what = "GET /" + bot + "/groups";
        Map<GroupId, Listed> seen = new LinkedHashMap<>();
        String after = null;
        while (true) {
            String cursor = after;
            Page<Listed> page = CloudAnswers.groups(
                    call(bot, what, c -> c.listGroups(bot.value(), pageSize, cursor)), subject(bot, what));
            page.items().forEach(g -> seen.putIfAbsent(g.id(), g));
            boolean more = page.hasNext() || page.items().size() >= pageSize;
            if (!more || page.items().isEmpty() || page.after() == null || page.after().equals(after)) {
                return List.copyOf(seen.values());
            }
            after = page.after();
        }
    }

    /**
     * The group's subject, description, participants (as members: the API names no creator or admins), join approval
     * mode and suspension, with its waiting join requests when approval is required. A group Meta has suspended and
     * answers 131207 for is read from the bot's listing instead: its id and subject, {@code suspended}, no
     * participants; a group not listed either fails with the 131207 error.
     */
    @Override
    public LiveGroup getGroup(BotId bot, GroupId group) {
        String what = "GET /" + group.value();
        JsonNode answer;
        try {
            answer = call(bot, what, c -> c.getGroup(group.value(), CloudClient.GROUP_FIELDS));
        } catch (CloudExceptions.GroupSuspended suspended) {
            return suspendedGroup(bot, group, suspended);
        }
        LiveGroup read = CloudAnswers.group(group, answer, subject(bot, what), List.of());
        if (read.joinApproval() != JoinApproval.REQUIRED) {
            return read;
        }
        List<JoinRequest> requests = List.of();
        boolean suspended = read.suspended();
        try {
            requests = joinRequests(bot, group);
        } catch (CloudExceptions.GroupSuspended e) { // suspended between the two reads
            suspended = true;
        }
        return new LiveGroup(group, read.subject(), null, Set.of(), read.members(), read.description(),
                read.joinApproval(), suspended, requests);
    }

    private LiveGroup suspendedGroup(BotId bot, GroupId group, CloudExceptions.GroupSuspended suspended) {
        List<Listed> listed;
        try {
            listed = listed(bot);
        } catch (ApiException e) {
            suspended.addSuppressed(e);
            throw suspended;
        }
        for (Listed g : listed) {
            if (g.id().equals(group)) {
                return new LiveGroup(group, g.subject(), null, Set.of(), Set.of(), null, null, true, List.of());
            }
        }
        throw suspended;
    }

    private List<JoinRequest> joinRequests(BotId bot, GroupId group) {
        String what = "GET /" + group.value() + "/join_requests";
        List<JoinRequest> all = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        String after = null;
        while (true) {
            String cursor = after;
            Page<JoinRequest> page = CloudAnswers.joinRequests(
                    call(bot, what, c -> c.joinRequests(group.value(), cursor)), subject(bot, what));
            page.items().stream().filter(r -> ids.add(r.id())).forEach(all::add);
            if (!page.hasNext() || page.items().isEmpty() || page.after() == null || page.after().equals(after)) {
                return all;
            }
            after = page.after();
        }
    }

    /** Asks for the group; never retried. The answer is a request id: the group is listed once it exists. */
    @Override
    public Creation create(BotId bot, NewGroup group) {
        String what = "POST /" + bot + "/groups";
        NewGroupBody body = new NewGroupBody(CloudDto.PRODUCT, group.subject(), group.description(),
                group.joinApproval() == null ? null : group.joinApproval().cloudName());
        return CloudAnswers.creation(call(bot, what, c -> c.createGroup(bot.value(), body)), subject(bot, what));
    }

    @Override
    public void setSubject(BotId bot, GroupId group, String subject) {
        run(bot, "POST /" + group.value(),
                c -> c.update(group.value(), new UpdateBody(CloudDto.PRODUCT, subject, null)));
    }

    @Override
    public void setDescription(BotId bot, GroupId group, String description) {
        run(bot, "POST /" + group.value(), c -> c.update(group.value(),
                new UpdateBody(CloudDto.PRODUCT, null, description == null ? "" : description)));
    }

    @Override
    public void deleteGroup(BotId bot, GroupId group) {
        run(bot, "DELETE /" + group.value(), c -> c.deleteGroup(group.value()));
    }

    @Override
    public void leaveGroup(BotId bot, GroupId group) {
        throw unsupported("leaving a group (the business can only delete it)");
    }

    @Override
    public void addAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        throw unsupported("promoting admins");
    }

    @Override
    public void removeAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        throw unsupported("demoting admins");
    }

    private static ApiException unsupported(String what) {
        return new ApiException.Unsupported("the Cloud API has no call for " + what);
    }

    /**
     * Removes the participants, {@value #MAX_PARTICIPANTS_PER_CALL} per call. The participants a call reports as failed
     * (HTTP 206, code 131201) are sent once more, alone; a participant not in the group (131212) counts as removed.
     *
     * @throws CloudExceptions.PartlyRemoved when some are still in the group after that, saying how many (every call
     *                                       is made first)
     */
    @Override
    public void removeMembers(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        List<String> digits = new ArrayList<>(new LinkedHashSet<>(numbers.stream().map(Msisdn::digits).toList()));
        String what = "DELETE /" + group.value() + "/participants";
        int failed = 0;
        FailedParticipant example = null;
        for (int from = 0; from < digits.size(); from += MAX_PARTICIPANTS_PER_CALL) {
            List<String> chunk = digits.subList(from, Math.min(digits.size(), from + MAX_PARTICIPANTS_PER_CALL));
            List<FailedParticipant> left = removeOnce(bot, group, what, chunk);
            if (!left.isEmpty()) {
                List<String> again = stillIn(chunk, left);
                left = removeOnce(bot, group, what, again);
                failed += left.isEmpty() ? 0 : left.stream().anyMatch(f -> f.waId() == null) ? again.size()
                        : Math.min(left.size(), again.size());
            }
            if (!left.isEmpty()) {
                example = example == null ? left.get(0) : example;
            }
        }
        if (failed > 0) {
            String why = example.code() == 0 && example.title() == null ? ""
                    : " (first reason: " + (example.code() == 0 ? "" : "#" + example.code() + " ")
                            + (example.title() == null ? "" : example.title()) + ")";
            throw new CloudExceptions.PartlyRemoved(206, example.title(), subject(bot, what) + ": " + failed + " of "
                    + digits.size() + " participants could not be removed, also when sent again" + why, failed,
                    digits.size());
        }
    }

    /** One removal call; the participants it left in the group (a 131212 "not in group" counts as removed). */
    private List<FailedParticipant> removeOnce(BotId bot, GroupId group, String what, List<String> digits) {
        ParticipantsBody body = new ParticipantsBody(CloudDto.PRODUCT,
                digits.stream().map(Participant::new).toList());
        JsonNode answer;
        try {
            answer = call(bot, what, c -> c.removeParticipants(group.value(), body));
        } catch (CloudExceptions.NotInGroup gone) {
            return List.of(); // none of them is in the group: what removing them was for
        }
        return CloudAnswers.failedParticipants(answer).stream()
                .filter(f -> f.code() != CloudErrorDecoder.NOT_IN_GROUP)
                .toList();
    }

    /** The numbers of {@code chunk} the failures name; all of it when one failure does not say whom it concerns. */
    private static List<String> stillIn(List<String> chunk, List<FailedParticipant> failed) {
        if (failed.stream().anyMatch(f -> f.waId() == null)) {
            return chunk;
        }
        Set<String> named = new LinkedHashSet<>();
        failed.forEach(f -> named.add(f.waId()));
        List<String> out = chunk.stream().filter(named::contains).toList();
        return out.isEmpty() ? chunk : out;
    }

    @Override
    public URI inviteLink(BotId bot, GroupId group) {
        String what = "GET /" + group.value() + "/invite_link";
        return CloudAnswers.inviteLink(call(bot, what, c -> c.inviteLink(group.value())), subject(bot, what));
    }

    /** Resets the link ({@code POST .../invite_link}): every older link stops working. */
    @Override
    public void revokeInviteLink(BotId bot, GroupId group) {
        call(bot, "POST /" + group.value() + "/invite_link",
                c -> c.resetInviteLink(group.value(), new ProductBody(CloudDto.PRODUCT)));
    }

    @Override
    public List<String> approveJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        JoinRequestsBody body = new JoinRequestsBody(CloudDto.PRODUCT, List.copyOf(new LinkedHashSet<>(requestIds)));
        return CloudAnswers.failedJoinRequests(call(bot, "POST /" + group.value() + "/join_requests",
                c -> c.approveJoinRequests(group.value(), body)));
    }

    @Override
    public List<String> rejectJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        JoinRequestsBody body = new JoinRequestsBody(CloudDto.PRODUCT, List.copyOf(new LinkedHashSet<>(requestIds)));
        return CloudAnswers.failedJoinRequests(call(bot, "DELETE /" + group.value() + "/join_requests",
                c -> c.rejectJoinRequests(group.value(), body)));
    }

    /**
     * Sends the invite template to {@code number}: the template's body carries the group as a {@code group_id}
     * parameter, from which WhatsApp shows the group's invite link. Never retried (a message may cost money).
     */
    @Override
    public void sendInvite(BotId bot, GroupId group, Msisdn number, InviteTemplate template) {
        TemplateMessage message = new TemplateMessage(CloudDto.PRODUCT, "individual", number.digits(), "template",
                new Template(template.name(), new Language(template.language()), List.of(new Component("body",
                        List.of(new GroupIdParameter("group_id", group.value()))))));
        call(bot, "POST /" + bot + "/messages", c -> c.sendMessage(bot.value(), message));
    }

    @Override
    public String toString() {
        return "CloudGroupApi[" + options.baseUrl() + "]";
    }

    private void run(BotId bot, String what, Consumer<CloudClient> call) {
        call(bot, what, c -> {
            call.accept(c);
            return Boolean.TRUE;
        });
    }

    /** Runs one call through the bot's client; a bot without a token fails before anything is sent. */
    private <T> T call(BotId bot, String what, Function<CloudClient, T> call) {
        Secret token = options.tokens().apply(bot);
        if (token == null || token.isEmpty()) {
            throw new ApiException.Unauthorized("no token",
                    subject(bot, what) + ": no API token is configured for this bot");
        }
        CloudClient client = clients.computeIfAbsent(bot, build);
        return guard.call(subject(bot, what), () -> call.apply(client));
    }

    private static String subject(BotId bot, String what) {
        return what + " for bot " + bot;
    }

    /** {@code GET /cg1/join_requests for bot 1065}: verb and path below the Graph base, decoded, without query. */
    static String describe(Request request, String basePath, BotId bot) {
        if (request == null) {
            return "request for bot " + bot;
        }
        String path;
        try {
            path = URI.create(request.url()).getRawPath();
        } catch (IllegalArgumentException e) {
            int query = request.url().indexOf('?');
            path = query < 0 ? request.url() : request.url().substring(0, query);
        }
        path = path == null ? "" : path;
        int at = basePath.isEmpty() ? -1 : path.indexOf(basePath);
        if (at >= 0) {
            path = path.substring(at + basePath.length());
        }
        try {
            path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // left encoded
        }
        return request.httpMethod().name() + " " + path + " for bot " + bot;
    }
}
