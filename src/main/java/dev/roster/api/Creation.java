package dev.roster.api;

import dev.roster.model.GroupId;

/**
 * The answer to {@link GroupApi#create}: the new group's id, or, from a provider that creates asynchronously, the
 * request id under which the group will appear. Exactly one of the two is set.
 */
public record Creation(GroupId groupId, String requestId) {
    public Creation {
        if ((groupId == null) == (requestId == null)) {
            throw new IllegalArgumentException("a creation has a group id or a request id, not both or neither");
        }
    }

    public static Creation done(GroupId id) {
        return new Creation(id, null);
    }

    public static Creation requested(String requestId) {
        return new Creation(null, requestId);
    }

    public boolean isDone() {
        return groupId != null;
    }
}
