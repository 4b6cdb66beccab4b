package dev.roster.api.cloud;

import dev.roster.api.ApiException;

/** The failures of the Cloud API that callers (and this adapter) tell apart beyond the common {@link ApiException}s. */
public final class CloudExceptions {
    private CloudExceptions() {}

    /** 131207: Meta has suspended the group; no write to it can succeed until the suspension is cleared. */
    public static final class GroupSuspended extends ApiException.Forbidden {
        public GroupSuspended(String reason, String message) {
            super(reason, message);
        }
    }

    /**
     * 131215: the bot's number may not use groups at all (only Official Business Accounts may). Meta answers HTTP
     * 400; it is a {@link ApiException.Forbidden} here because it is about the bot, not the request: nothing sent for
     * this bot can succeed.
     */
    public static final class NumberNotEligible extends ApiException.Forbidden {
        public NumberNotEligible(String reason, String message) {
            super(reason, message);
        }
    }

    /** 131059: a paging cursor is invalid or expired. */
    public static final class InvalidCursor extends ApiException.BadRequest {
        public InvalidCursor(String reason, String message) {
            super(reason, message);
        }
    }

    /** 131212: a participant to remove is not in the group (any more). */
    public static final class NotInGroup extends ApiException.BadRequest {
        public NotInGroup(String reason, String message) {
            super(reason, message);
        }
    }

    /** A 5xx that Meta marks {@code is_transient}, whatever its status. */
    public static final class TransientServerError extends ApiException.ServerError {
        public TransientServerError(int status, String reason, String message) {
            super(status, reason, message);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /** A non-5xx error Meta marks {@code is_transient}: the same call may succeed later. */
    public static final class Transient extends ApiException {
        public Transient(int status, String reason, String message) {
            super(status, reason, message, null);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /**
     * Some participants could not be removed, even after sending them again once (HTTP 206, code 131201). The others
     * were removed. The message says how many, never who.
     */
    public static final class PartlyRemoved extends ApiException {
        private final int failed;
        private final int asked;

        public PartlyRemoved(int status, String reason, String message, int failed, int asked) {
            super(status, reason, message, null);
            this.failed = failed;
            this.asked = asked;
        }

        /** How many participants are still in the group. */
        public int failed() {
            return failed;
        }

        /** How many participants were to be removed. */
        public int asked() {
            return asked;
        }
    }
}
