package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;

class SafeYamlTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static SafeYaml.Parsed parse(String yaml) {
        return SafeYaml.parse(yaml.getBytes(StandardCharsets.UTF_8), "f.yaml");
    }

    private static String onlyError(SafeYaml.Parsed parsed) {
        assertThat(parsed.root()).isNull();
        assertThat(parsed.errors()).hasSize(1);
        return parsed.errors().get(0).toString();
    }

    @Test
    void gadgetTagsAreRejectedAndNothingIsInstantiatedOrContacted() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/gadget.jar";
            String yaml = "subject: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                    + "[[!!java.net.URL [\"" + url + "\"]]]]\n";

            assertThat(onlyError(parse(yaml)))
                    .isEqualTo("f.yaml:1:10: tag !!javax.script.ScriptEngineManager is not allowed; write plain YAML values");

            server.setSoTimeout(300);
            boolean contacted;
            try {
                server.accept().close();
                contacted = true;
            } catch (SocketTimeoutException expected) {
                contacted = false;
            }
            assertThat(contacted).as("something connected to the gadget URL").isFalse();
        }
    }

    @Test
    void localTagsAreRejectedToo() {
        assertThat(onlyError(parse("bot: !custom 46700000001\n")))
                .isEqualTo("f.yaml:1:6: tag !custom is not allowed; write plain YAML values");
        assertThat(onlyError(parse("subject: !!binary aGVsbG8=\n")))
                .isEqualTo("f.yaml:1:10: tag !!binary is not allowed; write plain YAML values");
        assertThat(onlyError(parse("admins: !!set {a, b}\n")))
                .isEqualTo("f.yaml:1:9: tag !!set is not allowed; write plain YAML values");
    }

    @Test
    void billionLaughsEndsInAClearError() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
        }
        // a guard against a hang, not a speed test
        String error = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> onlyError(parse(yaml.toString())));
        assertThat(error).startsWith("f.yaml:").contains("malformed YAML: Number of aliases for non-scalar nodes exceeds");
    }

    @Test
    void fewAliasesThatDoubleAtEveryLevelAreStoppedByTheExpansionBound() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        String error = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> onlyError(parse(yaml.toString())));
        assertThat(error).isEqualTo("f.yaml:1:1: aliases expand to more than 2000000 nodes; refusing to read this file");
    }

    @Test
    void anAliasInsideItsOwnAnchorIsRejected() {
        assertThat(onlyError(parse("a: &a [x, *a]\n"))).isEqualTo("f.yaml:1:4: an alias refers to the collection that contains it");
    }

    @Test
    void deepNestingIsRejected() {
        String yaml = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(onlyError(parse(yaml))).startsWith("f.yaml:1:").contains("Nesting Depth exceeded max 50");
    }

    @Test
    void duplicateKeysAreRejectedNamingBothPlacesAndTheFirstIsKeptForFurtherChecks() {
        SafeYaml.Parsed parsed = parse("bot: \"1\"\ngroups: {}\nbot: \"2\"\n");

        assertThat(parsed.errors()).extracting(Object::toString)
                .containsExactly("f.yaml:3:1: duplicate key 'bot' (first at f.yaml:1:1)");
        var kept = ((MappingNode) parsed.root()).getValue();
        assertThat(kept).extracting(t -> ((ScalarNode) t.getKeyNode()).getValue()).containsExactly("bot", "groups");
        assertThat(((ScalarNode) kept.get(0).getValueNode()).getValue()).isEqualTo("1");
    }

    @Test
    void aTenMegabyteFileIsRejectedBeforeParsing() {
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        assertThat(onlyError(SafeYaml.parse(big, "f.yaml"))).isEqualTo("f.yaml:1:1: file is 10.0 MB; at most 8.0 MB are read");
    }

    @Test
    void invalidUtf8IsReportedWhereItIs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("bot: \"46700000001\"\ngroups:\n  a: {subject: Caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // Latin-1 'é'
        bytes.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(onlyError(SafeYaml.parse(bytes.toByteArray(), "f.yaml")))
                .isEqualTo("f.yaml:3:19: not valid UTF-8 (byte 0xE9); save the file as UTF-8");
    }

    @Test
    void nulIsRejectedWhereItIs() {
        assertThat(onlyError(parse("bot: \"1\"\nsubject: a\0b\n"))).isEqualTo("f.yaml:2:11: NUL character; a YAML file is text");
    }

    @Test
    void aByteOrderMarkIsAccepted() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "bot: \"1\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(text, 0, all, 3, text.length);
        assertThat(SafeYaml.parse(all, "f.yaml").errors()).isEmpty();
    }

    @Test
    void scalarsKeepTheTextAsWritten() {
        SafeYaml.Parsed parsed = parse("a: +46732002244\nb: 0732001122\nc: no\nd: on\ne: 1_000\nf: 0x1F\n");
        MappingNode root = (MappingNode) parsed.root();
        assertThat(root.getValue()).extracting(t -> ((ScalarNode) t.getValueNode()).getValue())
                .containsExactly("+46732002244", "0732001122", "no", "on", "1_000", "0x1F");
    }

    @Test
    void anEmptyDocumentIsEmptyNotAnError() {
        SafeYaml.Parsed parsed = parse("# only a comment\n");
        assertThat(parsed.empty()).isTrue();
    }

    @Test
    void twoDocumentsInOneFileAreRejected() {
        assertThat(onlyError(parse("a: 1\n---\nb: 2\n")))
                .isEqualTo("f.yaml:2:1: a file holds one YAML document, but a second one starts here");
    }
    @Test
    void aFileOfExactlyTheSizeLimitIsRead(@TempDir Path dir) throws IOException {
        // one block of text in lines of 100 bytes (SnakeYAML slows down on long lines), well past SnakeYAML's own
        // limit of 3 MB (which comments do not count against) and exactly at ours
        String head = "text: |\n";
        String line = "  " + "a".repeat(97) + "\n";
        int lines = (SafeYaml.MAX_BYTES - head.length()) / line.length();
        int rest = (SafeYaml.MAX_BYTES - head.length()) % line.length();
        Path file = dir.resolve("f.yaml");
        Files.writeString(file, head + line.repeat(lines - 1) + "  " + "a".repeat(97 + rest) + "\n");
        assertThat(Files.size(file)).isEqualTo(SafeYaml.MAX_BYTES);

        SafeYaml.Parsed parsed = SafeYaml.read(file, "f.yaml");

        assertThat(parsed.errors()).isEmpty();
        assertThat(((MappingNode) parsed.root()).getValue()).hasSize(1);
    }

    @Test
    void aFileOnDiskOverTheSizeLimitIsRefusedWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f.yaml");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(9L * 1024 * 1024);
        }
        assertThat(onlyError(SafeYaml.read(file, "f.yaml"))).isEqualTo("f.yaml:1:1: file is 9.0 MB; at most 8.0 MB are read");
    }

    @Test
    void aFileThatIsGoneOrCannotBeReadIsSaidToBe(@TempDir Path dir) throws IOException {
        Path loop = dir.resolve("loop.yaml");
        Files.createSymbolicLink(loop, dir.resolve("back.yaml"));
        Files.createSymbolicLink(dir.resolve("back.yaml"), loop);

        assertThat(SafeYaml.read(dir.resolve("gone.yaml"), "gone.yaml").errors()).extracting(Object::toString)
                .containsExactly("gone.yaml: no such file");
        assertThat(SafeYaml.read(loop, "loop.yaml").errors()).singleElement().asString()
                .startsWith("loop.yaml: cannot read: too many levels of symbolic links");
    }

    @Test
    void aNulAsTheVeryFirstCharacterIsRejected() {
        assertThat(onlyError(parse("\0bot: \"1\"\n"))).isEqualTo("f.yaml:1:1: NUL character; a YAML file is text");
    }

    @Test
    void afterAByteOrderMarkColumnsCountFromTheFirstCharacterAfterIt() {
        assertThat(onlyError(SafeYaml.parse(withBom("a: caf", 0xE9, "\n"), "f.yaml")))
                .isEqualTo("f.yaml:1:7: not valid UTF-8 (byte 0xE9); save the file as UTF-8");
        assertThat(onlyError(SafeYaml.parse(withBom("a: b", 0, "\n"), "f.yaml")))
                .isEqualTo("f.yaml:1:5: NUL character; a YAML file is text");
    }

    @Test
    void aliasesThatExpandToExactlyTheLimitAreReadAndOneNodeMoreIsRefused() {
        // root, key a, the anchored list (1 + 64,515 items), key b, and the list of 30 aliases (1 + 30 x 64,516)
        String within = aliasedList(64_515, 30, "");
        String over = aliasedList(64_515, 30, "  - y\n");

        SafeYaml.Parsed read = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> parse(within));
        String refused = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> onlyError(parse(over)));

        assertThat(read.errors()).isEmpty();
        assertThat(read.root()).isNotNull();
        assertThat(refused).isEqualTo("f.yaml:1:1: aliases expand to more than 2000000 nodes; refusing to read this file");
    }

    /** A list of {@code items} scalars anchored as {@code a}, then a list of {@code aliases} aliases to it and {@code tail}. */
    private static String aliasedList(int items, int aliases, String tail) {
        // one item a line: SnakeYAML slows down on very long lines
        return "a: &a\n" + "  - x\n".repeat(items) + "b:\n" + "  - *a\n".repeat(aliases) + tail;
    }

    private static byte[] withBom(String before, int badByte, String after) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        bytes.write(badByte);
        bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }
}
