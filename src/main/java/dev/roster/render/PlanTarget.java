package dev.roster.render;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The API a saved plan was made against, as written in its {@code "api"} field: {@value #SANDBOX} for
 * {@code --sandbox}, else the base URL reduced to scheme, host, port (when not the scheme's default) and
 * path without a trailing '/'. User info, query and fragment are left out, so that nothing a URL might hold
 * besides the address reaches the file or a message.
 */
public record PlanTarget(String value) {
    static final String SANDBOX = "sandbox";

    public PlanTarget {
        Objects.requireNonNull(value, "target");
    }

    public static PlanTarget sandbox() {
        return new PlanTarget(SANDBOX);
    }

    /** The target of an http(s) base URL. */
    public static PlanTarget of(URI baseUrl) {
        String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
        int port = baseUrl.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                || (scheme.equals("http") && port == 80);
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
        return new PlanTarget(scheme + "://" + baseUrl.getHost().toLowerCase(Locale.ROOT)
                + (defaultPort ? "" : ":" + port) + path);
    }

    /**
     * The target a file names, or null when the text is neither {@value #SANDBOX} nor a URL in the form
     * {@link #of} writes (so that a message may quote it without quoting anything else).
     */
    static PlanTarget parse(String text) {
        if (text.equals(SANDBOX)) {
            return sandbox();
        }
        if (text.codePoints().anyMatch(cp -> cp <= ' ' || cp >= 0x7f)) {
            return null;
        }
        try {
            URI url = new URI(text);
            if (url.getScheme() == null || url.getHost() == null
                    || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
                return null;
            }
            PlanTarget target = of(url);
            return target.value.equals(text) ? target : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    public boolean isSandbox() {
        return value.equals(SANDBOX);
    }

    /** How a message names it: the URL, or "the sandbox (--sandbox)". */
    public String describe() {
        return isSandbox() ? "the sandbox (--sandbox)" : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
