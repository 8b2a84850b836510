package dev.vigil.alerting.notify;

import dev.vigil.config.notifications.RouteConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.labels.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A route of the runtime routing tree with a stable id ({@code {}} for the root, then
 * {@code parent/{matchers}/index}), used in group keys so they survive restarts. Immutable.
 */
final class RouteNode {
    final RouteConfig config;
    final String id;
    final List<RouteNode> children;

    private RouteNode(RouteConfig config, String id) {
        this.config = config;
        this.id = id;
        List<RouteNode> kids = new ArrayList<>();
        for (int i = 0; i < config.routes().size(); i++) {
            RouteConfig child = config.routes().get(i);
            kids.add(new RouteNode(child, id + "/" + matchersText(child.matchers()) + "/" + i));
        }
        this.children = List.copyOf(kids);
    }

    static RouteNode root(RouteConfig config) {
        return new RouteNode(config, "{}");
    }

    private static String matchersText(List<Matcher> matchers) {
        return matchers.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * The routes an alert with {@code labels} ends in: the deepest matching routes, trying siblings in order and
     * stopping at the first match unless it has {@code continue}; a matching route without matching children is
     * itself the result.
     */
    List<RouteNode> match(Labels labels) {
        if (!config.matches(labels)) {
            return List.of();
        }
        List<RouteNode> result = new ArrayList<>();
        for (RouteNode child : children) {
            List<RouteNode> matched = child.match(labels);
            result.addAll(matched);
            if (!matched.isEmpty() && !child.config.continueMatching()) {
                break;
            }
        }
        if (result.isEmpty()) {
            result.add(this);
        }
        return result;
    }

    /** The labels an alert is grouped by on this route. */
    Labels groupLabels(Labels labels) {
        if (config.groupByAll()) {
            return labels;
        }
        LabelsBuilder builder = new LabelsBuilder();
        for (String name : config.groupBy()) {
            String value = labels.get(name);
            if (value != null) {
                builder.set(name, value);
            }
        }
        return builder.labels();
    }
}
