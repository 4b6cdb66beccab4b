package dev.roster.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.ApiException;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.codec.Decoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Reads a 2xx answer's JSON into the DTO the call expects. An empty body or malformed JSON where data is
 * expected becomes {@link ApiException.MalformedResponse}; bodies of calls that expect nothing are
 * ignored. A body that stops arriving is a lost answer, retried where the call is safe.
 */
public final class JsonDecoder implements Decoder {
    private final ObjectMapper mapper;
    private final Function<Request, String> describe;

    /** @param describe names a request in messages, as the adapter's error messages do (never with headers) */
    public JsonDecoder(ObjectMapper mapper, Function<Request, String> describe) {
        this.mapper = mapper;
        this.describe = describe;
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        if (type == void.class || type == Void.class) {
            return null;
        }
        // read from the stream: an answer is not copied into an array first (10,000 group reads: ~100 MB less)
        try (InputStream in = response.body() == null ? InputStream.nullInputStream() : response.body().asInputStream();
                JsonParser parser = mapper.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) { // nothing, or only JSON whitespace
                throw malformed(response, "with an empty body where data was expected");
            }
            if (first == JsonToken.VALUE_NULL) {
                throw malformed(response, "with JSON null where data was expected");
            }
            return mapper.readValue(parser, mapper.constructType(type));
        } catch (JsonProcessingException e) {
            throw malformed(response, "with unreadable JSON" + where(e));
        } catch (IOException e) {
            // the body stopped arriving (connection lost, or the call timeout cut it): like an answer that never
            // came, so the retryer treats it as a lost connection (a safe call is tried again)
            Request request = response.request();
            throw new RetryableException(response.status(), "the answer's body did not arrive whole",
                    request.httpMethod(), e, (Long) null, request);
        }
    }

    private ApiException.MalformedResponse malformed(Response response, String problem) {
        return new ApiException.MalformedResponse(response.status(),
                describe.apply(response.request()) + ": " + response.status() + " " + problem, null);
    }

    /** Where the JSON broke; the parser's own message is left out, as it quotes the body. */
    private static String where(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
