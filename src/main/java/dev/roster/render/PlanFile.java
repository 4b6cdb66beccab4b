package dev.roster.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupId;
import dev.roster.model.Secret;
import dev.roster.plan.Plan;
import dev.roster.plan.SavedGroupPlan;
import dev.roster.plan.SavedPlan;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The saved-plan codec ({@code roster plan --out PLAN.json}, {@code roster apply --plan PLAN.json}).
 *
 * <p>The file is the plan JSON of {@link JsonRenderer} (so tools that read one read the other) with
 * {@code format_version} {@value #FORMAT_VERSION}, plus
 * <ul>
 * <li>{@code api}: the API it was planned against, see {@link PlanTarget};
 * <li>{@code bots}: the bots it was planned for, sorted;
 * <li>{@code known_groups}: per bot, every group id it had when planned (to tell a group created since from
 *     one that was there);
 * <li>{@code groups[]}: per group with changes or pending people, in plan order,
 * <pre>
 * {"bot": "447506616260", "group": "sales-team" | null, "group_id": "group:..." | null,
 *  "live_fingerprint": "0123456789abcdef" | null,
 *  "changes": [{"action": "set_subject", "from": "Sales", "to": "Sales Team"}, ...],
 *  "pending": ["+46732004444"], "pending_admins": []}
 * </pre>
 * <li>{@code signature}: {@link PlanSignature} over the canonical content, which is the whole file but
 *     {@code signature}, written as compact JSON with every object's keys sorted, in UTF-8.
 * </ul>
 * Reading checks, in this order: the JSON and its {@code format_version} (an older version, which had no
 * signature, is refused), that {@code api} is the API of this apply, the signature, and then every value
 * as {@link SavedPlanReader} says. A plan is applied only when all hold.
 */
public final class PlanFile {
    /** The version of the saved-plan file; plan JSON from {@code --format json} stays at its own version 1. */
    static final int FORMAT_VERSION = 2;

    private static final ObjectReader READER =
            new ObjectMapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectWriter CANONICAL = new ObjectMapper().writer()
            .with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private PlanFile() {
    }

    /**
     * The saved plan, signed with the tokens of its bots.
     *
     * @param tokens the API token of each bot of the plan (the sandbox's own for a sandbox plan)
     */
    public static String write(Plan plan, PlanTarget target, Function<BotId, Secret> tokens) {
        ObjectNode root = PlanJson.tree(plan);
        root.put("format_version", FORMAT_VERSION);
        root.put("api", target.value());
        SavedPlan saved = SavedPlan.of(plan);
        SortedSet<BotId> bots = new TreeSet<>(saved.knownGroups().keySet());
        saved.groups().forEach(g -> bots.add(g.bot()));
        ArrayNode botArray = root.putArray("bots");
        bots.forEach(b -> botArray.add(b.value()));
        ObjectNode known = root.putObject("known_groups");
        saved.knownGroups().forEach((bot, ids) -> {
            ArrayNode array = known.putArray(bot.value());
            ids.forEach(id -> array.add(id.value()));
        });
        ArrayNode groups = root.putArray("groups");
        for (SavedGroupPlan g : saved.groups()) {
            ObjectNode node = groups.addObject();
            node.put("bot", g.bot().value());
            node.put("group", g.key());
            node.put("group_id", g.groupId() == null ? null : g.groupId().value());
            node.put("live_fingerprint", g.liveFingerprint());
            ArrayNode changes = node.putArray("changes");
            g.changes().forEach(c -> PlanJson.writeChange(changes.addObject(), c));
            PlanJson.numbers(node.putArray("pending"), g.pending());
            PlanJson.numbers(node.putArray("pending_admins"), g.pendingAdmins());
        }
        root.put("signature", PlanSignature.sign(canonical(root), tokensFor(bots, tokens)));
        return PlanJson.write(root);
    }

    /**
     * Reads a saved plan for an apply against {@code target}, checking everything listed in the class
     * comment; throws {@link PlanFileException} with a one-line reason when a check fails.
     *
     * @param tokens           the API token of each bot this apply would use
     * @param subjectMaxLength {@code reconcile.subjectMaxLength}, as the desired-state loader applies it
     * @param capabilities     what each bot's provider can do, as this apply's settings say: bot ids, group ids,
     *                         subjects, descriptions and actions are checked against them
     */
    public static SavedPlan read(String json, PlanTarget target, Function<BotId, Secret> tokens,
            int subjectMaxLength, Function<BotId, Capabilities> capabilities) {
        ObjectNode root = parse(json);
        PlanTarget madeFor = madeFor(root);
        if (!madeFor.equals(target)) {
            throw new PlanFileException("saved plan was made for " + madeFor.describe() + ", not for "
                    + target.describe() + advice(madeFor, target));
        }
        SortedSet<BotId> bots = SavedPlanReader.bots(root, capabilities);
        String signature = text(root, "signature");
        if (signature == null || !PlanSignature.isWellFormed(signature)) {
            throw new PlanFileException("saved plan has no valid \"signature\": write it with `roster plan --out`");
        }
        ObjectNode content = root.deepCopy();
        content.remove("signature");
        if (!PlanSignature.verify(signature, canonical(content), tokensFor(bots, tokens))) {
            throw new PlanFileException("saved plan's signature does not match: the file was changed after "
                    + "`roster plan --out` wrote it, or it was signed with another API token for bot(s) "
                    + String.join(", ", bots.stream().map(BotId::value).toList()) + "; plan again");
        }
        return new SavedPlanReader(bots, subjectMaxLength, capabilities).plan(root);
    }

    /** {@link #read(String, PlanTarget, Function, int, Function)} for bots all on the v1 API. */
    public static SavedPlan read(String json, PlanTarget target, Function<BotId, Secret> tokens,
            int subjectMaxLength) {
        return read(json, target, tokens, subjectMaxLength, bot -> Capabilities.sinch(subjectMaxLength));
    }

    private static ObjectNode parse(String json) {
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new PlanFileException("saved plan is not valid JSON: it is nested too deeply or too large");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new PlanFileException("saved plan is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new PlanFileException("saved plan is not a JSON object");
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.isInt()) {
            throw new PlanFileException("saved plan has no format_version");
        }
        if (version.intValue() < FORMAT_VERSION) {
            throw new PlanFileException("saved plan has format_version " + version.intValue()
                    + ", which is not signed (plan JSON from --format json, or a plan saved by an older roster); "
                    + "this roster applies only signed plans, format_version " + FORMAT_VERSION
                    + ": save the plan again with `roster plan --out`");
        }
        if (version.intValue() != FORMAT_VERSION) {
            throw new PlanFileException("saved plan has format_version " + version.intValue()
                    + "; this roster reads format_version " + FORMAT_VERSION);
        }
        return (ObjectNode) root;
    }

    private static PlanTarget madeFor(ObjectNode root) {
        String api = text(root, "api");
        PlanTarget target = api == null ? null : PlanTarget.parse(api);
        if (target == null) {
            throw new PlanFileException("saved plan has no valid \"api\" (the API it was planned against): "
                    + "write it with `roster plan --out`");
        }
        return target;
    }

    private static String advice(PlanTarget madeFor, PlanTarget target) {
        if (madeFor.isSandbox()) {
            return ": apply it with --sandbox, or plan again against " + target.value();
        }
        if (target.isSandbox()) {
            return ": apply it without --sandbox, against " + madeFor.value() + ", or plan again with --sandbox";
        }
        return " (api.baseUrl or --api-url): apply it against " + madeFor.value() + ", or plan again";
    }

    private static String text(ObjectNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static SortedMap<BotId, Secret> tokensFor(SortedSet<BotId> bots, Function<BotId, Secret> tokens) {
        SortedMap<BotId, Secret> map = new TreeMap<>();
        for (BotId bot : bots) {
            Secret token = tokens.apply(bot);
            if (token == null || token.isEmpty()) {
                throw new PlanFileException("saved plan is for bot " + bot + ", and no API token is configured "
                        + "for it to check the plan's signature with: set SINCH_API_TOKEN (or api.token or "
                        + "api.tokens in the settings file)");
            }
            map.put(bot, token);
        }
        return map;
    }

    static byte[] canonical(JsonNode content) {
        try {
            return CANONICAL.writeValueAsBytes(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan JSON", e);
        }
    }
}
