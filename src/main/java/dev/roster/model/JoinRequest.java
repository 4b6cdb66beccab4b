package dev.roster.model;

import java.util.Objects;

/**
 * Somebody who opened the invite link of a group with {@link JoinApproval#REQUIRED} and waits to be let in.
 *
 * @param id     the provider's id of the request, which approving or rejecting names
 * @param number who asks to join
 */
public record JoinRequest(String id, Msisdn number) implements Comparable<JoinRequest> {
    public JoinRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
    }

    @Override
    public int compareTo(JoinRequest other) {
        int byNumber = number.compareTo(other.number);
        return byNumber != 0 ? byNumber : id.compareTo(other.id);
    }
}
