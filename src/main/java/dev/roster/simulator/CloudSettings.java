package dev.roster.simulator;

/**
 * Settings of the simulator's Cloud API dialect (see {@link CloudApiHandler}).
 *
 * @param createDelayMillis how long after {@code POST /{phone-number-id}/groups} the group appears (and its
 *                          {@code group_create} webhook is sent); 0 = at once
 * @param maxParticipants   participants per group, the business not counted
 * @param appSecret         key of the {@code X-Hub-Signature-256} HMAC on webhooks; null for no signature header
 */
public record CloudSettings(long createDelayMillis, int maxParticipants, String appSecret) {
    public static final long DEFAULT_CREATE_DELAY_MILLIS = 300;
    public static final int DEFAULT_MAX_PARTICIPANTS = 8;

    public CloudSettings {
        if (createDelayMillis < 0) {
            throw new IllegalArgumentException("cloud create delay must not be negative: " + createDelayMillis);
        }
        if (maxParticipants < 1) {
            throw new IllegalArgumentException("cloud max participants must be positive: " + maxParticipants);
        }
    }

    /** {@value #DEFAULT_CREATE_DELAY_MILLIS} ms, {@value #DEFAULT_MAX_PARTICIPANTS} participants, no app secret. */
    public static CloudSettings defaults() {
        return new CloudSettings(DEFAULT_CREATE_DELAY_MILLIS, DEFAULT_MAX_PARTICIPANTS, null);
    }

    /** Never shows the app secret. */
    @Override
    public String toString() {
        return "CloudSettings[createDelayMillis=" + createDelayMillis + ", maxParticipants=" + maxParticipants
                + ", appSecret=" + (appSecret == null ? "none" : "****") + "]";
    }
}
