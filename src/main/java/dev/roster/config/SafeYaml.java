package dev.roster.config;

import dev.roster.files.FileKind;
import dev.roster.model.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML file into a SnakeYAML node tree, safely: the tree is only composed, never constructed
 * into Java objects, so no tag can instantiate anything. On top of SnakeYAML's own limits it rejects
 * every tag other than the YAML core ones, duplicate and non-text keys, recursive aliases and alias
 * expansion beyond {@link #MAX_EXPANDED_NODES} nodes (billion laughs), invalid UTF-8 and NUL.
 *
 * <p>Both settings and desired-state files are read through here. Scalars keep the text as written;
 * the callers decide what a scalar means.
 */
final class SafeYaml {
    /** Largest file read, in bytes (a 10,000-group file is about 2 MB). */
    static final int MAX_BYTES = 8 * 1024 * 1024;
    /** Largest number of nodes a document may have once every alias is expanded. */
    static final int MAX_EXPANDED_NODES = 2_000_000;
    static final int MAX_NESTING_DEPTH = 50;
    static final int MAX_COLLECTION_ALIASES = 50;

    private static final Set<Tag> CORE_TAGS = Set.of(
            Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.SEQ, Tag.MAP, Tag.TIMESTAMP, Tag.MERGE);

    /**
     * @param root   the document, or null when the file is empty or could not be read
     * @param errors problems found; with a root, the problems left out of it (duplicate keys), so that the
     *               caller reports them together with its own
     */
    record Parsed(Node root, List<Diagnostic> errors) {
        boolean empty() {
            return root == null && errors.isEmpty();
        }
    }

    private SafeYaml() {}

    /** Reads {@code file}; diagnostics name it as {@code displayName}. Opens only a regular file (never a FIFO). */
    static Parsed read(Path file, String displayName) {
        FileKind kind = FileKind.of(file);
        if (kind != FileKind.REGULAR && kind != FileKind.MISSING) {
            return new Parsed(null, List.of(Diagnostic.error(null, displayName + ": not a regular file ("
                    + kind.description() + ")")));
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return failed(displayName, 1, 1, "file is " + megabytes(size) + "; at most "
                        + megabytes(MAX_BYTES) + " are read");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Parsed(null, List.of(Diagnostic.error(null, displayName + ": no such file")));
        } catch (IOException e) {
            return new Parsed(null, List.of(Diagnostic.error(null,
                    displayName + ": cannot read: " + IoReasons.reason(e))));
        }
        return parse(bytes, displayName);
    }

    /** Parses YAML text held in memory; diagnostics name it as {@code displayName}. */
    static Parsed parse(byte[] bytes, String displayName) {
        if (bytes.length > MAX_BYTES) {
            return failed(displayName, 1, 1, "file is " + megabytes(bytes.length) + "; at most "
                    + megabytes(MAX_BYTES) + " are read");
        }
        int start = hasUtf8Bom(bytes) ? 3 : 0;
        String text = decodeUtf8(bytes, start);
        if (text == null) {
            return invalidUtf8(bytes, start, displayName);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int[] lc = lineAndColumn(text, nul);
            return failed(displayName, lc[0], lc[1], "NUL character; a YAML file is text");
        }
        Node root;
        try {
            root = compose(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            if (problem != null && problem.startsWith("Global tag is not allowed")) {
                String tag = problem.substring(problem.lastIndexOf(' ') + 1).replace("tag:yaml.org,2002:", "!!");
                return failed(displayName, line, column, "tag " + tag + " is not allowed; write plain YAML values");
            }
            if (problem != null && problem.contains("found another document")) {
                return failed(displayName, line, column, "a file holds one YAML document, but a second one starts here");
            }
            return failed(displayName, line, column, "malformed YAML: " + oneLine(problem));
        } catch (YAMLException e) {
            return failed(displayName, 1, 1, "malformed YAML: " + oneLine(e.getMessage()));
        }
        if (root == null) {
            return new Parsed(null, List.of());
        }
        List<Diagnostic> errors = new ArrayList<>();
        Checker checker = new Checker(displayName, errors);
        checker.check(root);
        // a duplicate or non-text key is dropped after it is reported, so the rest of the file is still checked
        return new Parsed(checker.fatal ? null : root, List.copyOf(errors));
    }

    private static Node compose(String text) {
        // duplicate keys and recursive aliases are the Checker's: SnakeYAML's options for them only act on construction
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setMergeOnCompose(true);
        options.setTagInspector(tag -> false);
        Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
        return composer.getSingleNode();
    }

    static SourceLocation location(String file, Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? new SourceLocation(file, 1, 1)
                : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Parsed failed(String file, int line, int column, String message) {
        return new Parsed(null, List.of(Diagnostic.error(new SourceLocation(file, line, column), message)));
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable document" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static boolean hasUtf8Bom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String decodeUtf8(byte[] bytes, int start) {
        try {
            return strictUtf8().decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static Parsed invalidUtf8(byte[] bytes, int start, String file) {
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = strictUtf8().decode(in, out, true);
        int badOffset = result.isError() ? in.position() : bytes.length;
        out.flip();
        String before = out.toString();
        int[] lc = lineAndColumn(before, before.length());
        return failed(file, lc[0], lc[1], String.format(java.util.Locale.ROOT,
                "not valid UTF-8 (byte 0x%02X); save the file as UTF-8", bytes[badOffset] & 0xff));
    }

    /** 1-based line and column (in code points) of {@code index} in {@code text}. */
    private static int[] lineAndColumn(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, text.codePointCount(lineStart, index) + 1};
    }

    /** Walks the composed tree once per distinct node. */
    private static final class Checker {
        private final String file;
        private final List<Diagnostic> errors;
        /** Whether the tree cannot be read further (a tag, an alias bomb); a dropped key is not fatal. */
        boolean fatal;
        private final Map<Node, Long> expandedSize = new IdentityHashMap<>();
        private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

        Checker(String file, List<Diagnostic> errors) {
            this.file = file;
            this.errors = errors;
        }

        void check(Node root) {
            long size = size(root);
            if (size < 0) {
                fatal = true;
                return;
            }
            if (size > MAX_EXPANDED_NODES) {
                errors.add(Diagnostic.error(location(file, root),
                        "aliases expand to more than " + MAX_EXPANDED_NODES + " nodes; refusing to read this file"));
                fatal = true;
                return;
            }
            checkNodes(root);
        }

        /** Expanded node count, or -1 after reporting a recursive alias. Saturates just past the limit. */
        private long size(Node node) {
            Long known = expandedSize.get(node);
            if (known != null) {
                return known;
            }
            if (inProgress.containsKey(node)) {
                errors.add(Diagnostic.error(location(file, node), "an alias refers to the collection that contains it"));
                return -1;
            }
            inProgress.put(node, Boolean.TRUE);
            long total = 1;
            for (Node child : children(node)) {
                long childSize = size(child);
                if (childSize < 0) {
                    return -1;
                }
                total = Math.min(total + childSize, MAX_EXPANDED_NODES + 1L);
            }
            inProgress.remove(node);
            expandedSize.put(node, total);
            return total;
        }

        private void checkNodes(Node root) {
            Map<Node, Boolean> seen = new IdentityHashMap<>();
            List<Node> pending = new ArrayList<>();
            pending.add(root);
            while (!pending.isEmpty()) {
                Node node = pending.remove(pending.size() - 1);
                if (seen.put(node, Boolean.TRUE) != null) {
                    continue;
                }
                if (!CORE_TAGS.contains(node.getTag())) {
                    errors.add(Diagnostic.error(location(file, node),
                            "tag " + node.getTag().getValue().replace(Tag.PREFIX, "!!")
                                    + " is not allowed; write plain YAML values"));
                    fatal = true;
                    continue;
                }
                if (node instanceof MappingNode mapping) {
                    checkKeys(mapping);
                }
                pending.addAll(children(node));
            }
        }

        /** Reports duplicate and non-text keys and drops them from the mapping; the first of a key stays. */
        private void checkKeys(MappingNode mapping) {
            Map<String, Node> firstByKey = new HashMap<>();
            List<NodeTuple> kept = new ArrayList<>(mapping.getValue().size());
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (!(key instanceof ScalarNode scalar)) {
                    errors.add(Diagnostic.error(location(file, key), "a key must be plain text"));
                    continue;
                }
                Node first = firstByKey.putIfAbsent(scalar.getValue(), key);
                if (first != null) {
                    errors.add(Diagnostic.error(location(file, key), "duplicate key '" + scalar.getValue()
                            + "' (first at " + location(file, first) + ")"));
                    continue;
                }
                kept.add(tuple);
            }
            if (kept.size() < mapping.getValue().size()) {
                mapping.setValue(kept);
            }
        }

        private static List<Node> children(Node node) {
            if (node instanceof MappingNode mapping) {
                List<Node> nodes = new ArrayList<>(mapping.getValue().size() * 2);
                for (NodeTuple t : mapping.getValue()) {
                    nodes.add(t.getKeyNode());
                    nodes.add(t.getValueNode());
                }
                return nodes;
            }
            if (node instanceof SequenceNode sequence) {
                return sequence.getValue();
            }
            return List.of();
        }
    }
}
