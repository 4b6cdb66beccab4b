package dev.roster.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a saved plan the way its documentation says (README, "Saved plans"), written apart from the code
 * under test: what a forger who holds the tokens could do, so that tests can check that a re-signed plan
 * is still refused for its values, and that the documented formula is the one in use.
 */
public final class ForgedPlans {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ForgedPlans() {
    }

    /** The file with its signature replaced by one over its current content, each bot keyed by its token. */
    public static String resign(ObjectNode file, Map<String, String> tokenPerBot) throws Exception {
        file.remove("signature");
        file.put("signature", signature(file, tokenPerBot));
        return MAPPER.writeValueAsString(file);
    }

    /** The same with one token for every bot in the file's {@code bots}. */
    public static String resign(ObjectNode file, String token) throws Exception {
        Map<String, String> tokens = new TreeMap<>();
        file.get("bots").forEach(b -> tokens.put(b.textValue(), token));
        return resign(file, tokens);
    }

    /** HMAC-SHA256 keyed from the tokens over the file without {@code signature}, compact, keys sorted. */
    public static String signature(ObjectNode file, Map<String, String> tokenPerBot) throws Exception {
        ObjectNode content = file.deepCopy();
        content.remove("signature");
        byte[] canonical = new ObjectMapper().writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                .writeValueAsBytes(content);
        StringBuilder keys = new StringBuilder();
        new TreeMap<>(tokenPerBot).forEach((bot, token) -> keys.append(bot).append(':')
                .append(HexFormat.of().formatHex(hmac(token.getBytes(StandardCharsets.UTF_8), "roster-plan-v2")))
                .append('\n'));
        byte[] planKey = hmac("roster-plan-v2".getBytes(StandardCharsets.UTF_8), keys.toString());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(planKey, "HmacSHA256"));
        return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(canonical));
    }

    public static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) MAPPER.readTree(json);
    }

    /** The first change of the first group (tests reach in with it). */
    public static ObjectNode firstChange(ObjectNode file) {
        JsonNode groups = file.get("groups");
        return (ObjectNode) groups.get(0).get("changes").get(0);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
