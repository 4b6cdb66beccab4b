package dev.roster.plan;

import dev.roster.model.JoinRequest;
import dev.roster.model.Msisdn;
import dev.roster.model.NumberSet;
import java.util.List;
import java.util.SortedSet;

/** Turn these requests to join away: they are from people the group does not declare ({@code membership: exact}). Never empty. */
public record RejectJoinRequests(List<JoinRequest> requests) implements Change {
    public RejectJoinRequests {
        requests = requests.stream().sorted().distinct().toList();
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("REJECT_JOIN_REQUESTS needs at least one request");
        }
    }

    @Override
    public Action action() {
        return Action.REJECT_JOIN_REQUESTS;
    }

    @Override
    public SortedSet<Msisdn> numbers() {
        return NumberSet.copyOf(requests.stream().map(JoinRequest::number).toList());
    }
}
