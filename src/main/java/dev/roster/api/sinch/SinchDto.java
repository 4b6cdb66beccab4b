package dev.roster.api.sinch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON bodies of the Sinch v1 group API, as records. Unknown fields in answers are ignored. */
final class SinchDto {
    private SinchDto() {}

    /** Body of create and of set-subject. */
    record SubjectBody(String subject) {}

    /** Body of the member and admin calls: 1 to 20 numbers, international digits without '+'. */
    record NumbersBody(List<String> numbers) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CreatedGroup(@JsonProperty("group_id") String groupId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GroupList(List<String> groups) {}

    /** A group's details; its {@code creation_time} is not read (roster does not use it). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GroupInfo(List<String> admins, String creator, List<String> members, String subject) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InviteLink(@JsonProperty("invite_link") String inviteLink) {}
}
