package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * roster.schema.json against the examples and the bad-input corpus. Files are turned into JSON the way
 * an editor's yaml-language-server sees them (YAML 1.2 core schema: an unquoted {@code +46732002244}
 * is an integer there), then validated.
 */
class SchemaTest {
    /** Bad inputs whose rule the schema cannot express, and why. */
    static final Map<String, String> SCHEMA_CANNOT_EXPRESS = Map.of(
            "duplicate-key-across-files", "a rule across files",
            "subject-collision", "compares values of different groups",
            "previously-collision", "compares values of different groups",
            "id-pinned-twice", "compares values of different groups",
            "local-number-without-region", "depends on numbers.defaultRegion in the settings",
            "duplicate-number", "the same number spelt two ways; uniqueItems sees different text",
            "subject-format-character", "format characters are allowed inside emoji sequences, and by a setting",
            "subject-too-long", "the limit depends on the bot's provider and reconcile.subjectMaxLength (settings)",
            "bad-id", "the shape of an id depends on the bot's provider (settings)");

    /** Bad inputs rejected before any schema applies, as YAML (editors flag these as YAML errors). */
    static final Set<String> REJECTED_AS_YAML = Set.of("malformed-yaml", "gadget-tag", "duplicate-key-in-file");

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SchemaTest.class.getResourceAsStream("/roster.schema.json")) {
            JsonNode json = new ObjectMapper().readTree(in);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(json);
        }
    }

    /** The desired-state examples, read as roster reads them (hidden files such as .sandbox.yaml are not). */
    static Stream<Path> exampleFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("examples/quickstart", "examples/multi-bot")) {
            try (Stream<Path> walk = Files.walk(Path.of(dir))) {
                walk.filter(p -> p.toString().endsWith(".yaml"))
                        .filter(p -> !Path.of(dir).relativize(p).toString().startsWith(".")
                                && !p.toString().contains("/."))
                        .forEach(files::add);
            }
        }
        return files.stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void everyExampleValidatesUnderTheSchema(Path file) throws IOException {
        assertThat(validate(file)).isEmpty();
    }

    @Test
    void theSchemasDescriptionPointsAtADocumentTheRepositoryHas() throws IOException {
        String description = new ObjectMapper()
                .readTree(Files.readString(Path.of("src/main/resources/roster.schema.json"))).get("description").asText();

        assertThat(description).contains("the README").doesNotContain("DESIGN.md");
        assertThat(Files.readString(Path.of("README.md"))).contains("## Desired state");
    }

    @Test
    void theExamplesPointEditorsAtTheSchema() throws IOException {
        for (Path file : exampleFiles().toList()) {
            String first = Files.readAllLines(file).get(0);
            assertThat(first).as(file.toString()).startsWith("# yaml-language-server: $schema=")
                    .endsWith("src/main/resources/roster.schema.json");
            Path target = file.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
            assertThat(target).as(file.toString()).isEqualTo(Path.of("src/main/resources/roster.schema.json"));
        }
    }

    @Test
    void aCloudGroupWithDescriptionAndJoinApprovalValidatesAndAWrongModeDoesNot(@TempDir Path dir) throws IOException {
        String cloud = """
                bot: "106540352242922"
                groups:
                  support:
                    subject: A subject longer than the twenty-five characters of the v1 API
                    id: cg1000001
                    description: "Questions about orders.\\nAnswered weekdays."
                    joinApproval: %s
                    members: ["+46732002244"]
                """;
        Path good = Files.writeString(dir.resolve("good.yaml"), cloud.formatted("required"));
        Path bad = Files.writeString(dir.resolve("bad.yaml"), cloud.formatted("approve"));
        assertThat(validate(good)).isEmpty();
        assertThat(validate(bad)).extracting(ValidationMessage::getMessage).singleElement().asString()
                .contains("joinApproval");
    }

    static Stream<Path> badCases() throws IOException {
        return BadInputCorpusTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void theBadCorpusIsRejectedWhereTheSchemaCanExpressTheRule(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        boolean yamlRejected = false;
        List<String> schemaErrors = new ArrayList<>();
        for (Path file : files) {
            SafeYaml.Parsed parsed = SafeYaml.read(file, file.toString());
            if (!parsed.errors().isEmpty()) {
                yamlRejected = true;
                continue;
            }
            validate(parsed.root()).forEach(m -> schemaErrors.add(m.getMessage()));
        }
        if (REJECTED_AS_YAML.contains(name)) {
            assertThat(yamlRejected).as("rejected as YAML").isTrue();
        } else if (SCHEMA_CANNOT_EXPRESS.containsKey(name)) {
            assertThat(schemaErrors).as("the schema is said not to catch this; keep the list honest").isEmpty();
        } else {
            assertThat(yamlRejected).isFalse();
            assertThat(schemaErrors).as("schema errors").isNotEmpty();
        }
    }

    private static Set<ValidationMessage> validate(Path file) {
        SafeYaml.Parsed parsed = SafeYaml.read(file, file.toString());
        assertThat(parsed.errors()).isEmpty();
        return validate(parsed.root());
    }

    private static Set<ValidationMessage> validate(Node root) {
        return schema.validate(toJson(root));
    }

    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    /** YAML 1.2 core schema, as yaml-language-server reads it. */
    static JsonNode toJson(Node node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof MappingNode mapping) {
            ObjectNode object = f.objectNode();
            for (NodeTuple t : mapping.getValue()) {
                object.set(((ScalarNode) t.getKeyNode()).getValue(), toJson(t.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            var array = f.arrayNode();
            sequence.getValue().forEach(item -> array.add(toJson(item)));
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        String v = scalar.getValue();
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return f.textNode(v);
        }
        if (NULL.matcher(v).matches()) {
            return f.nullNode();
        }
        if (BOOL.matcher(v).matches()) {
            return f.booleanNode(Boolean.parseBoolean(v.toLowerCase()));
        }
        if (INT.matcher(v).matches()) {
            return f.numberNode(new BigInteger(v));
        }
        if (FLOAT.matcher(v).matches()) {
            return f.numberNode(new BigDecimal(v));
        }
        return f.textNode(v);
    }
}
