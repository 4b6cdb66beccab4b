package dev.roster.api.cloud;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The request bodies of the Cloud API group calls, as records; every one carries {@code messaging_product}. Null
 * fields are left out. Answers are read leniently from JSON trees by {@link CloudAnswers}.
 */
final class CloudDto {
    static final String PRODUCT = "whatsapp";

    private CloudDto() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewGroupBody(@JsonProperty("messaging_product") String product, String subject, String description,
            @JsonProperty("join_approval_mode") String joinApprovalMode) {}

    /** Body of the group update: a subject or a description (or both). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UpdateBody(@JsonProperty("messaging_product") String product, String subject, String description) {}

    record ProductBody(@JsonProperty("messaging_product") String product) {}

    record Participant(String user) {}

    /** 1 to 8 participants, each as international digits without '+'. */
    record ParticipantsBody(@JsonProperty("messaging_product") String product, List<Participant> participants) {}

    record JoinRequestsBody(@JsonProperty("messaging_product") String product,
            @JsonProperty("join_requests") List<String> joinRequests) {}

    /** A template message: the group invite. */
    record TemplateMessage(@JsonProperty("messaging_product") String product,
            @JsonProperty("recipient_type") String recipientType, String to, String type, Template template) {}

    record Template(String name, Language language, List<Component> components) {}

    record Language(String code) {}

    record Component(String type, List<GroupIdParameter> parameters) {}

    record GroupIdParameter(String type, @JsonProperty("group_id") String groupId) {}
}
