package dev.roster.api.sinch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.ApiException;
import dev.roster.api.GroupApi;
import dev.roster.api.RateLimiter;
import dev.roster.api.sinch.SinchDto.GroupInfo;
import dev.roster.api.sinch.SinchDto.NumbersBody;
import dev.roster.api.sinch.SinchDto.SubjectBody;
import dev.roster.api.Creation;
import dev.roster.api.InviteTemplate;
import dev.roster.api.NewGroup;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.model.NumberSet;
import dev.roster.model.Secret;
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
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.jackson.JacksonEncoder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * {@link GroupApi} over the Sinch WhatsApp v1 group API, on Feign with OkHttp (HTTP/2 over TLS where the
 * server offers it). OkHttp never retries or follows a redirect on its own: a create must be sent at most once,
 * and {@link SinchRetryer} alone decides what is sent again.
 *
 * <p>Numbers go out as international digits without '+' and come back as {@link Msisdn}, whether the
 * API wrote them with '+' or not. Member and admin lists longer than {@value #MAX_NUMBERS_PER_CALL} are
 * sent in several calls. Errors are classified by {@link SinchErrorDecoder}; safe calls are retried by
 * {@link SafeCallRetryer}; create never is. Only {@link ApiException} leaves this class. Thread-safe.
 */
public final class SinchGroupApi implements GroupApi {
    /** The API accepts 1 to 20 numbers per member or admin call. */
    public static final int MAX_NUMBERS_PER_CALL = 20;
    private static final Capabilities CAPABILITIES = Capabilities.sinch(25);

    private final SinchV1Client client;
    private final SinchOptions options;
    private final CallGuard guard;

    private SinchGroupApi(SinchV1Client client, SinchOptions options) {
        this.client = client;
        this.options = options;
        this.guard = new CallGuard(options.baseUrl(), options.connectTimeout(), options.readTimeout(),
                options.callTimeout());
    }

    public static SinchGroupApi create(SinchOptions options) {
        return create(options, Clock.systemUTC(), Sleeper.REAL);
    }

    /** As {@link #create(SinchOptions)}, with the clock and the waits between retries under the caller's control. */
    public static SinchGroupApi create(SinchOptions options, Clock clock, Sleeper sleeper) {
        return create(options, clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** As above, with the jitter source too: {@code random} yields values in [0, 1). */
    static SinchGroupApi create(SinchOptions options, Clock clock, Sleeper sleeper, DoubleSupplier random) {
        return create(options, clock, sleeper, random, RateLimiter.unlimited());
    }

    /**
     * A client whose every HTTP request, retries included, first passes {@code limiter}; a 429 with
     * {@code Retry-After} pauses the limiter, and so every call of this client.
     */
    public static SinchGroupApi create(SinchOptions options, RateLimiter limiter) {
        return create(options, Clock.systemUTC(), Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble(),
                limiter);
    }

    static SinchGroupApi create(SinchOptions options, Clock clock, Sleeper sleeper, DoubleSupplier random,
            RateLimiter limiter) {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        // the readers of the answers a plan decodes are built here, where the CLI builds the client while it loads
        // its files, rather than inside the first calls
        mapper.readerFor(SinchDto.GroupList.class);
        mapper.readerFor(SinchDto.GroupInfo.class);
        String base = options.baseUrl().toString().replaceAll("/+$", "");
        okhttp3.OkHttpClient http = Transport.okHttp(options.baseUrl(), options.connectTimeout(), options.readTimeout(),
                options.callTimeout());
        SinchV1Client client = Feign.builder()
                .client(new ColonKeepingClient(new PacedClient(new RunDeadlineClient(http), limiter)))
                .options(new Request.Options(options.connectTimeout(), options.readTimeout(), false))
                .encoder(new JacksonEncoder(mapper))
                .decoder(new JsonDecoder(mapper, CallDescription::of))
                .errorDecoder(new SinchErrorDecoder(mapper, clock, options.tokens(), limiter))
                .retryer(new SafeCallRetryer(options.retry(), clock, sleeper, random))
                .requestInterceptor(new RateLimitInterceptor(limiter))
                .requestInterceptor(new BearerTokenInterceptor(template -> tokenOfBotIn(options, template.path())))
                .logger(new RequestLogger(LoggerFactory.getLogger(SinchGroupApi.class), CallDescription::of))
                .logLevel(Logger.Level.BASIC)
                .target(SinchV1Client.class, base);
        return new SinchGroupApi(client, options);
    }

    /** The token of the bot named in a {@code /whatsapp/v1/<bot>/...} path, or null. */
    private static Secret tokenOfBotIn(SinchOptions options, String path) {
        String bot = CallDescription.botOf(path);
        return bot == null || bot.isBlank() ? null : options.tokens().apply(BotId.of(bot));
    }

    @Override
    public List<GroupId> listGroups(BotId bot) {
        SinchDto.GroupList answer = call(bot, "GET /groups", () -> client.listGroups(bot.value()));
        if (answer.groups() == null) {
            throw malformed(bot, "GET /groups", "no \"groups\" in the answer");
        }
        List<GroupId> ids = new ArrayList<>(answer.groups().size());
        for (String id : answer.groups()) {
            if (id == null || id.isBlank()) {
                throw malformed(bot, "GET /groups", "an empty group id in the answer");
            }
            ids.add(GroupId.of(id));
        }
        return List.copyOf(ids);
    }

    @Override
    public LiveGroup getGroup(BotId bot, GroupId group) {
        String what = "GET /groups/" + group.value();
        GroupInfo info = call(bot, what, () -> client.getGroup(bot.value(), group.value()));
        if (info.subject() == null && info.creator() == null && info.admins() == null && info.members() == null) {
            throw malformed(bot, what, "no group data in the answer");
        }
        return new LiveGroup(
                group,
                info.subject(),
                info.creator() == null || info.creator().isBlank() ? null : number(bot, what, info.creator()),
                NumberSet.copyOf(numbers(bot, what, info.admins())),
                NumberSet.copyOf(numbers(bot, what, info.members())));
    }

    /** The v1 API's: admins, leave, invite rotation; subjects up to 25 characters. */
    @Override
    public Capabilities capabilities(BotId bot) {
        return CAPABILITIES;
    }

    @Override
    public Creation create(BotId bot, NewGroup group) {
        if (group.description() != null || group.joinApproval() != null) {
            throw new ApiException.Unsupported("the v1 API has no group description or join approval");
        }
        SinchDto.CreatedGroup answer =
                call(bot, "POST /groups", () -> client.createGroup(bot.value(), new SubjectBody(group.subject())));
        if (answer.groupId() == null || answer.groupId().isBlank()) {
            throw malformed(bot, "POST /groups", "no \"group_id\" in the answer");
        }
        return Creation.done(GroupId.of(answer.groupId()));
    }

    @Override
    public void setDescription(BotId bot, GroupId group, String description) {
        throw unsupported("group descriptions");
    }

    @Override
    public void deleteGroup(BotId bot, GroupId group) {
        throw unsupported("deleting a group");
    }

    @Override
    public List<String> approveJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        throw unsupported("join requests");
    }

    @Override
    public List<String> rejectJoinRequests(BotId bot, GroupId group, Collection<String> requestIds) {
        throw unsupported("join requests");
    }

    @Override
    public void sendInvite(BotId bot, GroupId group, Msisdn number, InviteTemplate template) {
        throw unsupported("sending messages");
    }

    private static ApiException unsupported(String what) {
        return new ApiException.Unsupported("the v1 group API has no call for " + what);
    }

    @Override
    public void setSubject(BotId bot, GroupId group, String subject) {
        run(bot, "PATCH /groups/" + group.value(),
                () -> client.setSubject(bot.value(), group.value(), new SubjectBody(subject)));
    }

    @Override
    public void leaveGroup(BotId bot, GroupId group) {
        run(bot, "DELETE /groups/" + group.value(), () -> client.leaveGroup(bot.value(), group.value()));
    }

    @Override
    public void removeMembers(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        inChunks(numbers, chunk -> run(bot, "DELETE /groups/" + group.value() + "/member",
                () -> client.removeMembers(bot.value(), group.value(), chunk)));
    }

    @Override
    public void addAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        inChunks(numbers, chunk -> run(bot, "POST /groups/" + group.value() + "/admin",
                () -> client.addAdmins(bot.value(), group.value(), chunk)));
    }

    @Override
    public void removeAdmins(BotId bot, GroupId group, Collection<Msisdn> numbers) {
        inChunks(numbers, chunk -> run(bot, "DELETE /groups/" + group.value() + "/admin",
                () -> client.removeAdmins(bot.value(), group.value(), chunk)));
    }

    @Override
    public URI inviteLink(BotId bot, GroupId group) {
        String what = "GET /groups/" + group.value() + "/invite";
        SinchDto.InviteLink answer = call(bot, what, () -> client.getInviteLink(bot.value(), group.value()));
        if (answer.inviteLink() == null || answer.inviteLink().isBlank()) {
            throw malformed(bot, what, "no \"invite_link\" in the answer");
        }
        try {
            return new URI(answer.inviteLink().trim());
        } catch (URISyntaxException e) {
            throw malformed(bot, what, "an invite link that is not a URL");
        }
    }

    @Override
    public void revokeInviteLink(BotId bot, GroupId group) {
        run(bot, "DELETE /groups/" + group.value() + "/invite",
                () -> client.revokeInviteLink(bot.value(), group.value()));
    }

    @Override
    public String toString() {
        return "SinchGroupApi[" + options.baseUrl() + "]";
    }

    private static void inChunks(Collection<Msisdn> numbers, Consumer<NumbersBody> send) {
        List<String> digits = new ArrayList<>();
        for (Msisdn n : new LinkedHashSet<>(numbers)) {
            digits.add(n.digits());
        }
        for (int from = 0; from < digits.size(); from += MAX_NUMBERS_PER_CALL) {
            int to = Math.min(digits.size(), from + MAX_NUMBERS_PER_CALL);
            send.accept(new NumbersBody(List.copyOf(digits.subList(from, to))));
        }
    }

    private void run(BotId bot, String what, Runnable call) {
        call(bot, what, () -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    /** Runs one Feign call and lets nothing but {@link ApiException} out. */
    private <T> T call(BotId bot, String what, Supplier<T> call) {
        Secret token = options.tokens().apply(bot);
        if (token == null || token.isEmpty()) {
            throw new ApiException.Unauthorized("no token",
                    what + " for bot " + bot + ": no API token is configured for this bot");
        }
        return guard.call(what + " for bot " + bot, call);
    }

    private static ApiException malformed(BotId bot, String what, String problem) {
        return new ApiException.MalformedResponse(200, what + " for bot " + bot + ": " + problem, null);
    }

    private static List<Msisdn> numbers(BotId bot, String what, List<String> raw) {
        List<Msisdn> out = new ArrayList<>(raw == null ? 0 : raw.size());
        if (raw != null) {
            for (String r : raw) {
                out.add(number(bot, what, r));
            }
        }
        return out;
    }

    private static Msisdn number(BotId bot, String what, String raw) {
        try {
            return Msisdn.parse(raw == null ? "" : raw);
        } catch (IllegalArgumentException e) {
            throw malformed(bot, what, "an unreadable phone number in the answer: \"" + raw + "\"");
        }
    }
}
