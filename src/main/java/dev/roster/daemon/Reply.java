package dev.roster.daemon;

/** What one daemon endpoint answers: status, content type and a text body. */
public record Reply(int status, String contentType, String body) {
    static final String TEXT = "text/plain; charset=utf-8";

    public static Reply text(int status, String body) {
        return new Reply(status, TEXT, body);
    }

    public static Reply json(int status, String body) {
        return new Reply(status, "application/json", body);
    }
}
