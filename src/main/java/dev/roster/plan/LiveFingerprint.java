package dev.roster.plan;

import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A short, stable hash of what a plan depends on in a live group: subject, creator, admins and members
 * (not the id, not the creation time). A saved plan stores it per group; the applier re-reads the group
 * and refuses it when the fingerprint no longer matches ("stale plan").
 *
 * <p>The value is the first 16 hex digits (64 bits) of a SHA-256 over an unambiguous text form:
 * numbers canonical and sorted, the subject length-prefixed. It is the same on every JVM and run.
 */
public final class LiveFingerprint {
    private static final int HEX_DIGITS = 16;

    private LiveFingerprint() {
    }

    public static String of(LiveGroup g) {
        String canonical = "roster-live-v1\n"
                + "subject:" + g.subject().length() + ":" + g.subject() + "\n"
                + "creator:" + (g.creator() == null ? "" : g.creator().e164()) + "\n"
                + "admins:" + join(g.admins()) + "\n"
                + "members:" + join(g.members()) + "\n";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String join(Set<Msisdn> numbers) {
        return numbers.stream().map(Msisdn::e164).sorted().collect(Collectors.joining(","));
    }
}
