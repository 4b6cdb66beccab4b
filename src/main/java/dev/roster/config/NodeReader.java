package dev.roster.config;

import dev.roster.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, located reads from a node tree that {@link SafeYaml} has already checked. Every problem is
 * added to the sink with its position; the read then answers null so the caller can carry on and
 * report the file's other problems too.
 */
final class NodeReader {
    private final String file;
    private final List<Diagnostic> sink;

    NodeReader(String file, List<Diagnostic> sink) {
        this.file = file;
        this.sink = sink;
    }

    String file() {
        return file;
    }

    int errorCount() {
        return (int) sink.stream().filter(Diagnostic::isError).count();
    }

    SourceLocation at(Node node) {
        return SafeYaml.location(file, node);
    }

    void error(Node node, String message) {
        sink.add(Diagnostic.error(at(node), message));
    }

    void warning(Node node, String message) {
        sink.add(Diagnostic.warning(at(node), message));
    }

    /**
     * The entries of a mapping by key, in file order. Unknown keys are reported (with a suggestion)
     * and left out. Answers null, after reporting, when the node is not a mapping.
     *
     * @param name   how to name the node in a type error, e.g. {@code "'api'"} or {@code "the file"}
     * @param prefix put before a key in messages, e.g. {@code "api."}; empty for none
     */
    Map<String, NodeTuple> mapping(Node node, String name, String prefix, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, name + " must be a mapping of keys to values, not " + kind(node));
            return null;
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            if (allowed.contains(key)) {
                entries.put(key, tuple);
            } else {
                unknownKey(tuple.getKeyNode(), prefix, key, allowed);
            }
        }
        return entries;
    }

    /** Every entry of a mapping, in file order; null, after reporting, when the node is not a mapping. */
    List<NodeTuple> entries(Node node, String name) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, name + " must be a mapping of keys to values, not " + kind(node));
            return null;
        }
        return mapping.getValue();
    }

    void unknownKey(Node keyNode, String prefix, String key, Set<String> allowed) {
        String hint = DidYouMean.suggest(key, allowed)
                .map(s -> " (did you mean '" + prefix + s + "'?)")
                .orElseGet(() -> "; expected one of: " + String.join(", ", allowed.stream().sorted().toList()));
        error(keyNode, "unknown key '" + prefix + key + "'" + hint);
    }

    /**
     * The message for a value that is not one of a few words: {@code name must be a or b, not 'x'}, with a suggestion
     * when one word is close.
     */
    static String notOneOf(String name, String value, List<String> allowed) {
        String words = allowed.size() == 1 ? allowed.get(0)
                : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + allowed.get(allowed.size() - 1);
        return name + " must be " + words + ", not '" + value + "'"
                + DidYouMean.suggest(value, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** The text of a scalar as written, or null for an empty/null value. Reports non-scalars. */
    String text(Node node, String name) {
        if (!(node instanceof ScalarNode scalar)) {
            error(node, name + " must be text, not " + kind(node));
            return null;
        }
        return isNull(scalar) ? null : scalar.getValue();
    }

    /** {@code true} or {@code false}, written plainly. */
    Boolean bool(Node node, String name) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL) && isPlain(scalar)) {
            String v = scalar.getValue();
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.valueOf(v.toLowerCase(java.util.Locale.ROOT));
            }
        }
        error(node, name + " must be true or false, not " + describe(node));
        return null;
    }

    /** The items of a sequence; a null/empty value is an empty list. Reports anything else. */
    List<Node> list(Node node, String name) {
        if (node instanceof SequenceNode sequence) {
            return new ArrayList<>(sequence.getValue());
        }
        if (node instanceof ScalarNode scalar && isNull(scalar)) {
            return new ArrayList<>();
        }
        error(node, name + " must be a list, not " + kind(node));
        return null;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL) && isPlain(scalar);
    }

    private static boolean isPlain(ScalarNode scalar) {
        return scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return isNull(node) ? "an empty value" : "text";
    }

    static String describe(Node node) {
        return node instanceof ScalarNode scalar && !isNull(scalar) ? "'" + scalar.getValue() + "'" : kind(node);
    }
}
