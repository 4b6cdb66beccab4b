package dev.roster.api.sinch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.ApiException;
import feign.Response;
import feign.codec.Decoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

/**
 * Reads a 2xx answer's JSON into the DTO the call expects. An empty body or malformed JSON where data is
 * expected becomes {@link ApiException.MalformedResponse}; bodies of calls that expect nothing are
 * ignored.
 */
final class SinchDecoder implements Decoder {
    private final ObjectMapper mapper;

    SinchDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        if (type == void.class || type == Void.class) {
            return null;
        }
        byte[] body;
        if (response.body() == null) {
            body = new byte[0];
        } else {
            try (InputStream in = response.body().asInputStream()) {
                body = in.readAllBytes();
            }
        }
        String call = CallDescription.of(response.request());
        if (isBlank(body)) {
            throw new ApiException.MalformedResponse(response.status(),
                    call + ": " + response.status() + " with an empty body where data was expected", null);
        }
        try {
            Object value = mapper.readValue(body, mapper.constructType(type));
            if (value == null) {
                throw new ApiException.MalformedResponse(response.status(),
                        call + ": " + response.status() + " with JSON null where data was expected", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ApiException.MalformedResponse(response.status(),
                    call + ": " + response.status() + " with unreadable JSON" + where(e), null);
        }
    }

    /** Empty or only JSON whitespace (the only blank bytes a JSON answer can hold outside its strings). */
    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Where the JSON broke; the parser's own message is left out, as it quotes the body. */
    private static String where(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
