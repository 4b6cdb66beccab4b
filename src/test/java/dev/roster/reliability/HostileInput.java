package dev.roster.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hostile desired-state files, by name: each must be refused with a located message and nothing else. */
final class HostileInput {
    private HostileInput() {}

    static final String HEAD = "bot: \"46700000001\"\ngroups:\n";

    static Map<String, byte[]> all() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("gadget.yaml", utf8(HEAD + "  sales:\n    subject: !!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/x.jar\"]]]]\n"));
        files.put("gadget-process.yaml", utf8(HEAD + "  sales:\n    subject: !!java.lang.ProcessBuilder [[\"touch\", \"/tmp/pwned\"]]\n"));
        files.put("billion-laughs.yaml", utf8(billionLaughs()));
        files.put("nesting-10000.yaml", utf8(HEAD + "  a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"));
        files.put("nesting-10000-maps.yaml", utf8(HEAD + "  a: " + "{a: ".repeat(10_000) + "x" + "}".repeat(10_000) + "\n"));
        files.put("ten-megabytes.yaml", tenMegabytes());
        files.put("invalid-utf8.yaml", invalidUtf8());
        files.put("nul.yaml", utf8(HEAD + "  a:\n    subject: Sal\0es\n"));
        return files;
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String billionLaughs() {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            y.append("]\n");
        }
        return y.toString();
    }

    /** A well-formed desired-state file padded with comments to 10 MB. */
    private static byte[] tenMegabytes() {
        byte[] head = utf8(HEAD + "  a:\n    subject: A\n");
        byte[] all = new byte[10 * 1024 * 1024];
        Arrays.fill(all, (byte) '#');
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = head.length + 99; i < all.length; i += 100) {
            all[i] = '\n';
        }
        return all;
    }

    private static byte[] invalidUtf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8(HEAD + "  a:\n    subject: Caf"));
        bytes.write(0xE9); // Latin-1 'é'
        bytes.writeBytes(utf8("\n"));
        return bytes.toByteArray();
    }
}
