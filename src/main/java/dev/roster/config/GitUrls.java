package dev.roster.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the settings need to know about a {@code daemon.git.url}, read from its text alone (no lookup, no
 * connection): its scheme, its host, whether it carries a password. Also the redaction used wherever a URL is shown.
 */
public final class GitUrls {
    private static final Set<String> SCHEMES = Set.of("http", "https", "ssh", "git", "file", "git+ssh", "ssh+git");
    private static final Pattern WITH_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)",
            Pattern.DOTALL);
    /** scp-like {@code [user@]host:path}; a host of one letter would be a Windows drive. */
    private static final Pattern SCP_LIKE = Pattern.compile("(?:([^@/:]+)@)?([^@/:]{2,}):(.*)");
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    /** The parts of a URL that the checks use; {@code host} is null for local paths. */
    record Parts(String scheme, String host, boolean password) {}

    private GitUrls() {}

    /** The text with any {@code user:password@} after a scheme replaced by {@code ***@}. */
    public static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("***@");
    }

    /** The parts, or null when this is no URL git can fetch from. */
    static Parts parse(String url) {
        Matcher m = WITH_SCHEME.matcher(url);
        if (m.matches()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(scheme)) {
                return null;
            }
            String authority = m.group(2);
            int at = authority.lastIndexOf('@');
            String userInfo = at < 0 ? "" : authority.substring(0, at);
            String hostPort = authority.substring(at + 1);
            String host;
            if (hostPort.startsWith("[")) {
                int end = hostPort.indexOf(']');
                host = end < 0 ? null : hostPort.substring(0, end + 1);
            } else {
                int colon = hostPort.indexOf(':');
                host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            }
            if (!scheme.equals("file") && (host == null || host.isEmpty())) {
                return null;
            }
            return new Parts(scheme, scheme.equals("file") ? null : host, userInfo.contains(":"));
        }
        Matcher scp = SCP_LIKE.matcher(url);
        if (scp.matches()) {
            return new Parts("ssh", scp.group(2), false);
        }
        return url.isBlank() ? null : new Parts("file", null, false);
    }

    /** Whether the URL carries a password in its user info ({@code https://user:password@host/...}). */
    static boolean hasPassword(String url) {
        Parts p = parse(url);
        return p != null && p.password();
    }

    /**
     * Why the URL must not be used, or null when it may: an unencrypted protocol (http, git://) is allowed only to
     * loopback unless {@code allowInsecure}, since it would carry the credentials in clear and let anyone on the way
     * change the desired state.
     */
    static String insecureProblem(String url, boolean allowInsecure) {
        Parts p = parse(url);
        if (allowInsecure || p == null || !(p.scheme().equals("http") || p.scheme().equals("git"))
                || SettingsLoader.isLoopback(p.host())) {
            return null;
        }
        return "plain " + p.scheme() + " to " + p.host() + " would send credentials and the desired state"
                + " unencrypted; use https or ssh, or set daemon.git.allowInsecureHttp: true";
    }
}
