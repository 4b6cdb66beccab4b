package dev.roster.plan;

import dev.roster.model.JoinRequest;
import dev.roster.model.Msisdn;
import dev.roster.model.NumberSet;
import java.util.List;
import java.util.SortedSet;

/** Let these people in: their requests to join are from declared participants. Never empty. */
public record ApproveJoinRequests(List<JoinRequest> requests) implements Change {
    public ApproveJoinRequests {
        requests = requests.stream().sorted().distinct().toList();
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("APPROVE_JOIN_REQUESTS needs at least one request");
        }
    }

    @Override
    public Action action() {
        return Action.APPROVE_JOIN_REQUESTS;
    }

    @Override
    public SortedSet<Msisdn> numbers() {
        return NumberSet.copyOf(requests.stream().map(JoinRequest::number).toList());
    }
}
