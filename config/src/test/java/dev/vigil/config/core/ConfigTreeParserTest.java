package dev.vigil.config.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.core.ConfigNode.MapNode;
import dev.vigil.config.core.ConfigNode.NullNode;
import dev.vigil.config.core.ConfigNode.ScalarNode;
import dev.vigil.config.core.ConfigNode.ScalarType;
import dev.vigil.config.core.ConfigNode.SeqNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTreeParserTest {

    @Test
    void keepsLocationsAndScalarTypes() throws ConfigException {
        MapNode root = (MapNode)
                ConfigTreeParser.parseYaml("a: text\nb:\n  - 1\n  - 2.5\n  - true\n  - 'quoted'\nc: ~\n", "f.yml");

        ScalarNode a = (ScalarNode) root.entry("a").orElseThrow().value();
        assertThat(a.location()).isEqualTo(new SourceLocation("f.yml", 1, 4));
        assertThat(root.entry("a").orElseThrow().keyLocation()).isEqualTo(new SourceLocation("f.yml", 1, 1));
        SeqNode b = (SeqNode) root.entry("b").orElseThrow().value();
        assertThat(b.items())
                .extracting(n -> ((ScalarNode) n).type())
                .containsExactly(ScalarType.INTEGER, ScalarType.FLOAT, ScalarType.BOOLEAN, ScalarType.STRING);
        assertThat(b.items().get(1).location().line()).isEqualTo(4);
        assertThat(((ScalarNode) b.items().get(1)).text()).isEqualTo("2.5");
        assertThat(root.entry("c").orElseThrow().value()).isInstanceOf(NullNode.class);
    }

    @Test
    void emptyDocumentIsNull() throws ConfigException {
        assertThat(ConfigTreeParser.parseYaml("", "f.yml")).isInstanceOf(NullNode.class);
        assertThat(ConfigTreeParser.parseYaml("# only a comment\n", "f.yml")).isInstanceOf(NullNode.class);
    }

    @Test
    void aliasesResolveToTheAnchoredNode() throws ConfigException {
        MapNode root = (MapNode)
                ConfigTreeParser.parseYaml("base: &b {x: 1}\ncopy: *b\nlist: &l [a, b]\nagain: *l\n", "f.yml");

        assertThat(root.entry("copy").orElseThrow().value())
                .isSameAs(root.entry("base").orElseThrow().value());
        assertThat(root.entry("again").orElseThrow().value())
                .isSameAs(root.entry("list").orElseThrow().value());
    }

    @Test
    void mergeKeysDoNotOverrideExplicitKeys() throws ConfigException {
        MapNode root = (MapNode) ConfigTreeParser.parseYaml(
                "base: &b {x: 1, y: 2}\nother: &o {z: 3, x: 9}\nm:\n  <<: [*b, *o]\n  y: 5\n", "f.yml");

        MapNode m = (MapNode) root.entry("m").orElseThrow().value();
        assertThat(m.entries()).extracting(ConfigNode.Entry::key).containsExactly("y", "x", "z");
        assertThat(((ScalarNode) m.entry("y").orElseThrow().value()).text()).isEqualTo("5");
        assertThat(((ScalarNode) m.entry("x").orElseThrow().value()).text()).isEqualTo("1");
    }

    @Test
    void mergeOfAScalarIsAnError() {
        assertThatThrownBy(() -> ConfigTreeParser.parseYaml("m:\n  <<: 5\n", "f.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("f.yml:2:7: m[\"<<\"]: merge key '<<' needs a mapping or a sequence of mappings, got"
                        + " integer");
    }

    @Test
    void duplicateKeysAreAllReported() {
        assertThatThrownBy(() -> ConfigTreeParser.parseYaml("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "f.yml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly(
                                "f.yml:4:3: b.c: duplicate key \"c\" (first defined at line 3)",
                                "f.yml:5:1: a: duplicate key \"a\" (first defined at line 1)"));
    }

    @Test
    void multipleDocumentsAreRejected() {
        assertThatThrownBy(() -> ConfigTreeParser.parseYaml("a: 1\n---\nb: 2\n", "f.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("f.yml:3:1: multiple YAML documents in one file are not supported; remove the '---'"
                        + " separator");
    }

    @Test
    void parsesJsonWithLocations() throws ConfigException {
        SeqNode root = (SeqNode) ConfigTreeParser.parseJson(
                "[\n  {\"targets\": [\"a:1\"], \"labels\": {\"env\": \"prod\"}}\n]", "sd.json");

        MapNode group = (MapNode) root.items().get(0);
        assertThat(group.location().line()).isEqualTo(2);
        assertThat(group.entry("labels").orElseThrow().keyLocation().line()).isEqualTo(2);
    }

    @Test
    void jsonSyntaxErrorsAreLocated() {
        assertThatThrownBy(() -> ConfigTreeParser.parseJson("[\n  {\"a\": }\n]", "sd.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    ConfigError error = e.errors().get(0);
                    assertThat(error.source()).isEqualTo("sd.json");
                    assertThat(error.line()).isEqualTo(2);
                    assertThat(error.message()).startsWith("invalid syntax: Unexpected character ('}'");
                });
    }

    @Test
    void jsonDuplicateKeysAreErrors() {
        assertThatThrownBy(() -> ConfigTreeParser.parseJson("{\"a\": 1, \"a\": 2}", "x.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("duplicate key \"a\"");
    }

    @Test
    void keyPathQuotesKeysThatAreNotIdentifiers() {
        KeyPath path = KeyPath.root().child("global").child("external_labels").child("team.name");

        assertThat(path).hasToString("global.external_labels[\"team.name\"]");
        assertThat(KeyPath.root().child("a").index(2).child("b")).hasToString("a[2].b");
    }

    @Test
    void configErrorFormat() {
        assertThat(new ConfigError("p.yml", 3, 7, "global.x", "bad")).hasToString("p.yml:3:7: global.x: bad");
        assertThat(new ConfigError("p.yml", 1, 1, "", "bad")).hasToString("p.yml:1:1: bad");
        assertThat(new ConfigException(List.of(
                                new ConfigError("p.yml", 1, 1, "a", "x"), new ConfigError("p.yml", 2, 1, "b", "y")))
                        .getMessage())
                .isEqualTo("p.yml:1:1: a: x\np.yml:2:1: b: y");
    }
}
