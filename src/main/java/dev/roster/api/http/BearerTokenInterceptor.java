package dev.roster.api.http;

import dev.roster.model.Secret;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import java.util.function.Function;

/**
 * Adds {@code Authorization: Bearer <token>} with the token {@code tokenOf} finds for a request (the token of the
 * bot the request is made for). A request without a token gets no header: adapters refuse such calls before they
 * reach Feign. This is the only place that reveals a token.
 */
public final class BearerTokenInterceptor implements RequestInterceptor {
    private final Function<RequestTemplate, Secret> tokenOf;

    /** @param tokenOf the token for a request, or null (or an empty secret) for none */
    public BearerTokenInterceptor(Function<RequestTemplate, Secret> tokenOf) {
        this.tokenOf = tokenOf;
    }

    @Override
    public void apply(RequestTemplate template) {
        Secret token = tokenOf.apply(template);
        if (token != null && !token.isEmpty()) {
            template.removeHeader("Authorization");
            template.headerLiteral("Authorization", "Bearer " + token.reveal());
        }
    }

    @Override
    public String toString() {
        return "BearerTokenInterceptor";
    }
}
