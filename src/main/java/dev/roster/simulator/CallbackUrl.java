package dev.roster.simulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules for the URL the simulator POSTs group event callbacks to. Only loopback targets are accepted
 * ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}), decided without any name lookup, since the simulator
 * is a local tool. The URL may carry the receiver's secret in its path or query, so messages and logs show
 * {@link #redacted} only.
 */
final class CallbackUrl {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private CallbackUrl() {}

    /** {@code url} itself when it is an absolute http(s) URL to a loopback host; else IllegalArgumentException. */
    static URI requireLoopback(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("callback URL must start with http:// or https://");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("callback URL has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("callback URL must not carry user information");
        }
        if (!isLoopback(host)) {
            throw new IllegalArgumentException(
                    "callback URL must point to this machine (localhost, 127.0.0.1 or [::1]), not to " + host);
        }
        return url;
    }

    /** Parses and checks a URL as given on a command line or in a request. */
    static URI parseLoopback(String raw) {
        URI url;
        try {
            url = new URI(raw.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("callback URL is not a valid URL");
        }
        return requireLoopback(url);
    }

    /** {@code scheme://host:port/path}: without the query, which may hold a secret. */
    static String redacted(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return url.getScheme() + "://" + url.getHost() + port + path;
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches()) {
            String[] octets = h.split("\\.");
            for (String o : octets) {
                if (Integer.parseInt(o) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(octets[0]) == 127;
        }
        if (!h.startsWith("[")) {
            return false; // a name other than localhost: never looked up, not accepted
        }
        try {
            // with its brackets the JDK parses an IPv6 literal and never turns to name resolution
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException malformed) {
            return false;
        }
    }
}
