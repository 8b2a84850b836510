package dev.vigil.config.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.vigil.config.core.ConfigNode.Entry;
import dev.vigil.config.core.ConfigNode.MapNode;
import dev.vigil.config.core.ConfigNode.NullNode;
import dev.vigil.config.core.ConfigNode.ScalarNode;
import dev.vigil.config.core.ConfigNode.ScalarType;
import dev.vigil.config.core.ConfigNode.SeqNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses YAML or JSON text with Jackson's streaming parser into a {@link ConfigNode} tree that keeps the location of
 * every node.
 *
 * <p>Strictness: a key repeated in one mapping is an error; a file holding more than one YAML document is an error.
 * Anchors and aliases are supported (an alias yields the anchored node, with the anchor's location), and so are YAML
 * merge keys ({@code <<: *base}), whose entries never override keys written explicitly. An empty document yields a
 * {@link NullNode}. Stateless and thread-safe.
 */
public final class ConfigTreeParser {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();
    private static final String MERGE_KEY = "<<";
    private static final Pattern PROBLEM_MARK = Pattern.compile("line (\\d+), column (\\d+):");

    private ConfigTreeParser() {}

    /** Parses YAML text; {@code sourceName} appears in every location. */
    public static ConfigNode parseYaml(String text, String sourceName) throws ConfigException {
        return parse(YAML, text, sourceName);
    }

    /** Parses JSON text; {@code sourceName} appears in every location. */
    public static ConfigNode parseJson(String text, String sourceName) throws ConfigException {
        return parse(JSON, text, sourceName);
    }

    private static ConfigNode parse(JsonFactory factory, String text, String sourceName) throws ConfigException {
        Problems problems = new Problems();
        try (JsonParser parser = factory.createParser(text)) {
            Builder builder = new Builder(parser, sourceName, problems);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new NullNode(new SourceLocation(sourceName, 1, 1));
            }
            ConfigNode root = builder.value(KeyPath.root());
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                problems.add(
                        builder.location(parser.currentTokenLocation()),
                        KeyPath.root(),
                        "multiple YAML documents in one file are not supported; remove the '---' separator");
            }
            problems.throwIfAny();
            return root;
        } catch (JacksonException e) {
            problems.add(syntaxLocation(e, sourceName), KeyPath.root(), syntaxMessage(e));
            throw problems.toException();
        } catch (IOException e) {
            throw new IllegalStateException("BUG: reading from a String failed", e);
        }
    }

    /** SnakeYAML names the exact problem position in its message; Jackson's own location can lag behind it. */
    private static SourceLocation syntaxLocation(JacksonException e, String sourceName) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher mark = PROBLEM_MARK.matcher(message);
        SourceLocation found = null;
        while (mark.find()) {
            found = new SourceLocation(sourceName, Integer.parseInt(mark.group(1)), Integer.parseInt(mark.group(2)));
        }
        if (found != null) {
            return found;
        }
        JsonLocation where = e.getLocation();
        int line = where == null ? 1 : Math.max(1, where.getLineNr());
        int column = where == null ? 1 : Math.max(1, where.getColumnNr());
        return new SourceLocation(sourceName, line, column);
    }

    private static String syntaxMessage(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "invalid syntax";
        }
        // SnakeYAML reports "while <context>", an indented excerpt, then the problem; keep the unindented lines.
        List<String> lines = message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .toList();
        if (lines.size() < 2) {
            return "invalid syntax: " + message.lines().findFirst().orElse("").strip();
        }
        String problem = lines.get(lines.size() - 1);
        String context = String.join("; ", lines.subList(0, lines.size() - 1));
        return "invalid syntax: " + problem + " (" + context + ")";
    }

    /** Builds nodes from the parser's current token onwards. One per parse; not thread-safe. */
    private static final class Builder {
        private final JsonParser parser;
        private final String sourceName;
        private final Problems problems;
        private final Map<String, ConfigNode> anchors = new HashMap<>();

        Builder(JsonParser parser, String sourceName, Problems problems) {
            this.parser = parser;
            this.sourceName = sourceName;
            this.problems = problems;
        }

        SourceLocation location(JsonLocation location) {
            return new SourceLocation(
                    sourceName, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
        }

        /** Reads the value starting at the current token, leaving the parser on its last token. */
        ConfigNode value(KeyPath path) throws IOException {
            JsonToken token = parser.currentToken();
            SourceLocation location = location(parser.currentTokenLocation());
            String anchor = anchorOfCurrentToken();
            ConfigNode node =
                    switch (token) {
                        case START_OBJECT -> mapping(location, path);
                        case START_ARRAY -> sequence(location, path);
                        case VALUE_STRING -> isAlias() ? alias(location, path) : scalar(location, ScalarType.STRING);
                        case VALUE_NUMBER_INT -> scalar(location, ScalarType.INTEGER);
                        case VALUE_NUMBER_FLOAT -> scalar(location, ScalarType.FLOAT);
                        case VALUE_TRUE, VALUE_FALSE -> scalar(location, ScalarType.BOOLEAN);
                        case VALUE_NULL -> new NullNode(location);
                        default ->
                            throw new IllegalStateException("BUG: unexpected token " + token + " at " + location);
                    };
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private ScalarNode scalar(SourceLocation location, ScalarType type) throws IOException {
            return new ScalarNode(location, parser.getText(), type);
        }

        private MapNode mapping(SourceLocation location, KeyPath path) throws IOException {
            List<Entry> explicit = new ArrayList<>();
            Map<String, SourceLocation> seen = new HashMap<>();
            List<Entry> merged = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
                if (token != JsonToken.FIELD_NAME) {
                    throw new IllegalStateException("BUG: expected a key, got " + token);
                }
                String key = parser.currentName();
                SourceLocation keyLocation = location(parser.currentTokenLocation());
                parser.nextToken();
                ConfigNode value = value(path.child(key));
                if (isYaml() && key.equals(MERGE_KEY)) {
                    collectMerge(value, path, merged);
                    continue;
                }
                SourceLocation first = seen.putIfAbsent(key, keyLocation);
                if (first != null) {
                    problems.add(
                            keyLocation,
                            path.child(key),
                            "duplicate key \"" + key + "\" (first defined at line " + first.line() + ")");
                    continue;
                }
                explicit.add(new Entry(key, keyLocation, value));
            }
            Set<String> present = new HashSet<>(seen.keySet());
            for (Entry entry : merged) {
                if (present.add(entry.key())) {
                    explicit.add(entry);
                }
            }
            return new MapNode(location, explicit);
        }

        private void collectMerge(ConfigNode value, KeyPath path, List<Entry> into) {
            if (value instanceof MapNode map) {
                into.addAll(map.entries());
            } else if (value instanceof SeqNode seq && seq.items().stream().allMatch(MapNode.class::isInstance)) {
                // In a merge sequence, earlier mappings win over later ones.
                for (ConfigNode item : seq.items()) {
                    into.addAll(((MapNode) item).entries());
                }
            } else {
                problems.add(
                        value.location(),
                        path.child(MERGE_KEY),
                        "merge key '<<' needs a mapping or a sequence of mappings, got " + value.kindName());
            }
        }

        private SeqNode sequence(SourceLocation location, KeyPath path) throws IOException {
            List<ConfigNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(value(path.index(items.size())));
            }
            return new SeqNode(location, items);
        }

        private ConfigNode alias(SourceLocation location, KeyPath path) throws IOException {
            String name = parser.getText();
            ConfigNode target = anchors.get(name);
            if (target == null) {
                problems.add(location, path, "unknown YAML alias \"*" + name + "\"");
                return new NullNode(location);
            }
            return target;
        }

        private boolean isYaml() {
            return parser instanceof YAMLParser;
        }

        private boolean isAlias() {
            return parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
        }

        private String anchorOfCurrentToken() throws IOException {
            return parser instanceof YAMLParser yaml ? yaml.getObjectId() : null;
        }
    }
}
