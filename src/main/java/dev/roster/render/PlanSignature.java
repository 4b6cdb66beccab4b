package dev.roster.render;

import dev.roster.model.BotId;
import dev.roster.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SortedMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a saved plan: HMAC-SHA256 over the plan's canonical content, keyed from the API tokens of
 * the plan's bots.
 *
 * <pre>
 * bot key    = HMAC-SHA256(key = the bot's token (UTF-8), data = "roster-plan-v2")
 * plan key   = HMAC-SHA256(key = "roster-plan-v2", data = for each bot, sorted: bot ":" hex(bot key) "\n")
 * signature  = "hmac-sha256:" hex(HMAC-SHA256(key = plan key, data = canonical content))
 * </pre>
 *
 * Neither a token nor a key is written anywhere: the file holds only the last line's value, from which
 * neither can be worked back. Making a signature that verifies needs the token of every bot in the plan.
 */
final class PlanSignature {
    static final String PREFIX = "hmac-sha256:";
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] LABEL = "roster-plan-v2".getBytes(StandardCharsets.UTF_8);

    private PlanSignature() {
    }

    /** The signature of {@code content} for the bots and tokens given (every bot of the plan, none empty). */
    static String sign(byte[] content, SortedMap<BotId, Secret> tokens) {
        StringBuilder keys = new StringBuilder();
        tokens.forEach((bot, token) -> keys.append(bot.value()).append(':')
                .append(HexFormat.of().formatHex(hmac(token.reveal().getBytes(StandardCharsets.UTF_8), LABEL)))
                .append('\n'));
        byte[] planKey = hmac(LABEL, keys.toString().getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(hmac(planKey, content));
    }

    /** True when {@code signature} is the one {@link #sign} gives; compared in constant time. */
    static boolean verify(String signature, byte[] content, SortedMap<BotId, Secret> tokens) {
        return MessageDigest.isEqual(sign(content, tokens).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isWellFormed(String signature) {
        return signature.matches("hmac-sha256:[0-9a-f]{64}");
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
