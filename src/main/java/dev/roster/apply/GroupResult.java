package dev.roster.apply;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.plan.Change;
import java.net.URI;
import java.util.List;
import java.util.SortedSet;

/**
 * What happened to one group.
 *
 * @param applied    the changes that took effect, in order (a failed group may have some)
 * @param message    why the group failed, was refused, was stale or was not done; null otherwise
 * @param inviteLink the link for pending people, or null when nobody is pending or it could not be read
 */
public record GroupResult(
        BotId bot,
        String key,
        GroupId groupId,
        Outcome outcome,
        List<Change> applied,
        String message,
        URI inviteLink,
        SortedSet<Msisdn> pending) {

    public enum Outcome {
        /** Every planned change took effect. */
        APPLIED,
        /** Nothing to change (pending people only). */
        UNCHANGED,
        /** A call failed; later changes of this group were not attempted. */
        FAILED,
        /** A guard refused the group; nothing was written. */
        REFUSED,
        /** The group changed since the saved plan was made; nothing was written. */
        STALE,
        /** The run's deadline passed before the group was reached: no call was made for it, nothing was written. */
        NOT_DONE
    }

    public GroupResult {
        applied = List.copyOf(applied);
    }

    public boolean isFailure() {
        return outcome == Outcome.FAILED || outcome == Outcome.REFUSED || outcome == Outcome.STALE
                || outcome == Outcome.NOT_DONE;
    }
}
