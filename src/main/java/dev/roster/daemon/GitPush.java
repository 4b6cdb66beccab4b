package dev.roster.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.model.Secret;
import java.io.IOException;

/**
 * A push webhook from GitHub, GitLab, Gitea or Forgejo, checked against the shared secret. GitHub signs the body
 * ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256>}), Gitea and Forgejo too ({@code X-Gitea-Signature},
 * {@code X-Forgejo-Signature}: the hex alone), GitLab sends the secret itself ({@code X-Gitlab-Token}).
 *
 * @param delivery the sender's id of this delivery (a redelivery keeps it), or null when it sends none
 * @param event    the event's name as the sender gives it ({@code push}, {@code Push Hook}, {@code ping}, ...)
 * @param ref      the pushed ref ({@code refs/heads/main}), or null when the body has none
 */
record GitPush(String delivery, String event, String ref) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a delivery is refused. */
    enum Refusal { UNSIGNED, BAD_SIGNATURE, NOT_JSON }

    /** A delivery checked: either a push (or another event) or a refusal. */
    record Checked(GitPush push, Refusal refusal) {}

    static Checked check(Router.Call call, Secret secret) {
        String github = call.header("X-Hub-Signature-256");
        String gitea = first(call.header("X-Gitea-Signature"), call.header("X-Forgejo-Signature"));
        String gitlab = call.header("X-Gitlab-Token");
        boolean valid;
        if (github != null) {
            valid = github.startsWith("sha256=") && HookAuth.validHmac(secret, call.body(), github.substring(7));
        } else if (gitea != null) {
            valid = HookAuth.validHmac(secret, call.body(), gitea);
        } else if (gitlab != null) {
            valid = HookAuth.sameSecret(secret, gitlab);
        } else {
            return new Checked(null, Refusal.UNSIGNED);
        }
        if (!valid) {
            return new Checked(null, Refusal.BAD_SIGNATURE);
        }
        JsonNode body;
        try {
            body = JSON.readTree(call.body());
        } catch (IOException e) {
            return new Checked(null, Refusal.NOT_JSON);
        }
        if (body == null || !body.isObject()) {
            return new Checked(null, Refusal.NOT_JSON);
        }
        String delivery = first(call.header("X-GitHub-Delivery"), first(call.header("X-Gitea-Delivery"),
                first(call.header("X-Forgejo-Delivery"), call.header("X-Gitlab-Event-UUID"))));
        String event = first(call.header("X-GitHub-Event"), first(call.header("X-Gitea-Event"),
                first(call.header("X-Forgejo-Event"), call.header("X-Gitlab-Event"))));
        JsonNode ref = body.get("ref");
        return new Checked(new GitPush(delivery, event == null ? "push" : event,
                ref != null && ref.isTextual() ? ref.asText() : null), null);
    }

    /** A push (GitHub, Gitea, Forgejo: {@code push}; GitLab: {@code Push Hook}); pings and others are not. */
    boolean isPush() {
        return event.equalsIgnoreCase("push") || event.equalsIgnoreCase("Push Hook");
    }

    boolean isPing() {
        return event.equalsIgnoreCase("ping");
    }

    boolean pushes(String branch) {
        return ("refs/heads/" + branch).equals(ref);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
