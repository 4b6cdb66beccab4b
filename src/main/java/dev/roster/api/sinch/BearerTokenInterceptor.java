package dev.roster.api.sinch;

import dev.roster.model.BotId;
import dev.roster.model.Secret;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import java.util.function.Function;

/**
 * Adds {@code Authorization: Bearer <token>} with the token of the bot named in the request path. A
 * bot without a token gets no header (the adapter refuses such calls before they reach Feign).
 */
final class BearerTokenInterceptor implements RequestInterceptor {
    private final Function<BotId, Secret> tokens;

    BearerTokenInterceptor(Function<BotId, Secret> tokens) {
        this.tokens = tokens;
    }

    @Override
    public void apply(RequestTemplate template) {
        String bot = CallDescription.botOf(template.path());
        if (bot == null || bot.isBlank()) {
            return;
        }
        Secret token = tokens.apply(BotId.of(bot));
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
