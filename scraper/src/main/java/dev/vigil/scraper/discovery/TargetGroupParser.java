package dev.vigil.scraper.discovery;

import dev.vigil.config.core.ConfigException;
import dev.vigil.config.core.ConfigNode;
import dev.vigil.config.core.ConfigNode.NullNode;
import dev.vigil.config.core.ConfigNode.SeqNode;
import dev.vigil.config.core.ConfigTreeParser;
import dev.vigil.config.core.KeyPath;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.Problems;
import dev.vigil.config.discovery.ServiceDiscoveryReader;
import dev.vigil.config.discovery.StaticConfig;
import dev.vigil.model.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the target group list that file and HTTP discovery serve: {@code [{"targets": [...], "labels": {...}}]} in
 * JSON or YAML. Unknown keys, wrong types and invalid label names are errors naming source, line and column.
 * Stateless.
 */
public final class TargetGroupParser {
    private TargetGroupParser() {}

    /**
     * Parses {@code text}.
     *
     * @param json JSON when true, YAML otherwise
     * @param sourceName names the text in errors and prefixes each group's source, followed by {@code :<index>}
     * @param extraLabels added to every group's labels (e.g. {@code __meta_filepath})
     * @throws ConfigException listing every problem found
     */
    public static List<TargetGroup> parse(String text, boolean json, String sourceName, Labels extraLabels)
            throws ConfigException {
        ConfigNode root =
                json ? ConfigTreeParser.parseJson(text, sourceName) : ConfigTreeParser.parseYaml(text, sourceName);
        Problems problems = new Problems();
        List<StaticConfig> configs = new ArrayList<>();
        if (root instanceof SeqNode seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                MapReader r = MapReader.of(seq.items().get(i), KeyPath.root().index(i), problems);
                Optional<StaticConfig> config = ServiceDiscoveryReader.staticConfig(r, false);
                r.finish();
                config.ifPresent(configs::add);
            }
        } else if (!(root instanceof NullNode)) {
            problems.add(root, KeyPath.root(), "expected a list of target groups, got a " + root.kindName());
        }
        problems.throwIfAny();
        List<TargetGroup> groups = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            StaticConfig c = configs.get(i);
            var labels = Labels.fromMap(c.labels()).toBuilder();
            extraLabels.forEach(labels::set);
            groups.add(TargetGroup.ofAddresses(sourceName + ":" + i, c.targets(), labels.labels()));
        }
        return groups;
    }
}
