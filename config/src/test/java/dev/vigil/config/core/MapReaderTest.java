package dev.vigil.config.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapReaderTest {

    private final Problems problems = new Problems();

    private MapReader read(String yaml) throws ConfigException {
        return MapReader.of(ConfigTreeParser.parseYaml(yaml, "t.yml"), KeyPath.root(), problems);
    }

    private List<String> errors() {
        return problems.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void stringsKeepTheTextOfAnyScalar() throws ConfigException {
        MapReader r = read("a: 1.10\nb: true\nc: 0x1F\nd: plain\n");

        assertThat(List.of(r.string("a", ""), r.string("b", ""), r.string("c", ""), r.string("d", "")))
                .containsExactly("1.10", "true", "0x1F", "plain");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void integersAcceptYamlForms() throws ConfigException {
        MapReader r = read("a: 1_000\nb: 0x10\nc: 017\nd: -3\n");

        assertThat(r.integer("a", 0, 0, Long.MAX_VALUE)).isEqualTo(1000);
        assertThat(r.integer("b", 0, 0, Long.MAX_VALUE)).isEqualTo(16);
        assertThat(r.integer("c", 0, 0, Long.MAX_VALUE)).isEqualTo(15);
        assertThat(r.integer("d", 7, 0, Long.MAX_VALUE)).isEqualTo(7);
        assertThat(errors()).containsExactly("t.yml:4:4: d: must be at least 0, got -3");
    }

    @Test
    void nullValuesReadAsAbsent() throws ConfigException {
        MapReader r = read("a:\nb: ~\n");

        assertThat(r.string("a", "default")).isEqualTo("default");
        assertThat(r.duration("b", PromDuration.ofSeconds(3))).isEqualTo(PromDuration.ofSeconds(3));
        r.finish();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void wrongTypesAreReportedAndDefaultsReturned() throws ConfigException {
        MapReader r = read("flag: 1\nlist: x\nmap: [1]\nnum: abc\n");

        assertThat(r.bool("flag", true)).isTrue();
        assertThat(r.stringList("list")).isEmpty();
        assertThat(r.stringMap("map")).isEmpty();
        assertThat(r.floating("num", 2.5)).isEqualTo(2.5);
        assertThat(errors())
                .containsExactly(
                        "t.yml:1:7: flag: expected a boolean (true or false), got integer 1",
                        "t.yml:2:7: list: expected a sequence, got string \"x\"",
                        "t.yml:3:6: map: expected a mapping, got sequence",
                        "t.yml:4:6: num: expected a number, got string \"abc\"");
    }

    @Test
    void unknownKeysSuggestTheClosestKnownKey() throws ConfigException {
        MapReader r = read("metrics_pth: /x\ntotally_else: 1\n");
        r.string("metrics_path", "/metrics");
        r.finish();

        assertThat(errors())
                .containsExactly(
                        "t.yml:1:1: metrics_pth: unknown key \"metrics_pth\" (did you mean \"metrics_path\"?)",
                        "t.yml:2:1: totally_else: unknown key \"totally_else\"");
    }

    @Test
    void nestedReadersReportTheirOwnUnknownKeys() throws ConfigException {
        MapReader r = read("outer:\n  known: a\n  extra: b\n");

        Map<String, String> value =
                r.map("outer", o -> Map.of("known", o.string("known", ""))).orElseThrow();
        r.finish();

        assertThat(value).containsEntry("known", "a");
        assertThat(errors()).containsExactly("t.yml:3:3: outer.extra: unknown key \"extra\"");
    }

    @Test
    void nullItemsInMappingListsAreErrors() throws ConfigException {
        MapReader r = read("items:\n  - \n  - a: 1\n");

        List<String> read = r.mapList("items", i -> java.util.Optional.of(i.string("a", "")));

        assertThat(read).containsExactly("1");
        assertThat(errors()).containsExactly("t.yml:2:4: items[0]: empty or null item");
    }
}
