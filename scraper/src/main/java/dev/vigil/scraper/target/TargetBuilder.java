package dev.vigil.scraper.target;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.relabel.LabelNameScheme;
import dev.vigil.model.relabel.Relabeler;
import dev.vigil.model.text.UrlEscaping;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.scraper.discovery.TargetLabelNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one job's target groups into targets the way Prometheus does (its {@code PopulateLabels}): a target's labels
 * over its group's labels; the scrape defaults ({@code job}, {@code __scrape_interval__}, {@code __scrape_timeout__},
 * {@code __metrics_path__}, {@code __scheme__}, the first value of each {@code params} entry as {@code __param_<name>})
 * where not set; then {@code relabel_configs}. A target that relabeling drops is kept as a dropped target with its
 * discovered labels. After relabeling {@code __meta_*} labels are removed, {@code instance} defaults to
 * {@code __address__}, and the address, interval and timeout are checked; a target that fails a check is reported in
 * {@link Result#errors()} and not scraped. As in Prometheus 3, no default port is added to the address. Targets with
 * the same identity are scraped once.
 *
 * <p>Immutable and thread-safe; {@link #build} allocates per call.
 */
public final class TargetBuilder {
    private final ScrapeConfig config;
    private final Relabeler relabeler;

    public TargetBuilder(ScrapeConfig config) {
        this.config = config;
        this.relabeler = Relabeler.of(config.relabelConfigs(), labelNameScheme(config));
    }

    /** The label names relabeling may create under the job's {@code metric_name_validation_scheme}. */
    public static LabelNameScheme labelNameScheme(ScrapeConfig config) {
        return "legacy".equals(config.metricNameValidationScheme()) ? LabelNameScheme.LEGACY : LabelNameScheme.UTF8;
    }

    /**
     * The targets of a job.
     *
     * @param active targets to scrape, in discovery order, without duplicates
     * @param dropped discovered labels of the targets relabeling dropped
     * @param errors one message per target that could not be built
     */
    public record Result(List<Target> active, List<Labels> dropped, List<String> errors) {
        public Result {
            active = List.copyOf(active);
            dropped = List.copyOf(dropped);
            errors = List.copyOf(errors);
        }
    }

    public Result build(List<TargetGroup> groups) {
        List<Target> active = new ArrayList<>();
        List<Labels> dropped = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        LabelsBuilder builder = new LabelsBuilder();
        for (TargetGroup group : groups) {
            for (int i = 0; i < group.targets().size(); i++) {
                Labels discovered = discoveredLabels(builder, group.targets().get(i), group.labels());
                builder.reset(discovered);
                if (!relabeler.apply(builder)) {
                    dropped.add(discovered);
                    continue;
                }
                Target target;
                try {
                    target = target(builder, discovered);
                } catch (InvalidTargetException e) {
                    errors.add("instance " + i + " in group " + group.source() + ": " + e.getMessage());
                    continue;
                }
                if (seen.add(target.hash())) {
                    active.add(target);
                }
            }
        }
        return new Result(active, dropped, errors);
    }

    private Labels discoveredLabels(LabelsBuilder b, Labels target, Labels group) {
        b.reset(group);
        for (int i = 0; i < target.size(); i++) {
            b.set(target.name(i), target.value(i));
        }
        setIfAbsent(b, TargetLabelNames.JOB, config.jobName());
        setIfAbsent(b, TargetLabelNames.SCRAPE_INTERVAL, config.scrapeInterval().toString());
        setIfAbsent(b, TargetLabelNames.SCRAPE_TIMEOUT, config.scrapeTimeout().toString());
        setIfAbsent(b, TargetLabelNames.METRICS_PATH, config.metricsPath());
        setIfAbsent(b, TargetLabelNames.SCHEME, config.scheme());
        for (Map.Entry<String, List<String>> p : config.params().entrySet()) {
            if (!p.getValue().isEmpty()) {
                setIfAbsent(
                        b,
                        TargetLabelNames.PARAM_PREFIX + p.getKey(),
                        p.getValue().get(0));
            }
        }
        return b.labels();
    }

    private static void setIfAbsent(LabelsBuilder b, String name, String value) {
        if (b.get(name).isEmpty()) {
            b.set(name, value);
        }
    }

    /** The target for the relabeled labels in {@code b}. */
    private Target target(LabelsBuilder b, Labels discovered) throws InvalidTargetException {
        String address = b.get(TargetLabelNames.ADDRESS);
        if (address.isEmpty()) {
            throw new InvalidTargetException("no address");
        }
        if (address.contains("/")) {
            throw new InvalidTargetException("\"" + address + "\" is not a valid hostname");
        }
        Duration interval = duration(b, TargetLabelNames.SCRAPE_INTERVAL, "interval");
        Duration timeout = duration(b, TargetLabelNames.SCRAPE_TIMEOUT, "timeout");
        if (timeout.compareTo(interval) > 0) {
            throw new InvalidTargetException("scrape timeout cannot be greater than scrape interval (\""
                    + b.get(TargetLabelNames.SCRAPE_TIMEOUT) + "\" > \"" + b.get(TargetLabelNames.SCRAPE_INTERVAL)
                    + "\")");
        }
        List<String> meta = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            if (b.nameAt(i).startsWith(TargetLabelNames.META_PREFIX)) {
                meta.add(b.nameAt(i));
            }
        }
        b.del(meta.toArray(String[]::new));
        setIfAbsent(b, TargetLabelNames.INSTANCE, address);
        Labels labels = b.labels();
        return new Target(config.jobName(), discovered, labels, url(labels), interval, timeout);
    }

    private static Duration duration(LabelsBuilder b, String label, String what) throws InvalidTargetException {
        PromDuration d;
        try {
            d = PromDuration.parse(b.get(label));
        } catch (IllegalArgumentException e) {
            throw new InvalidTargetException("error parsing scrape " + what + ": " + e.getMessage());
        }
        if (d.isZero()) {
            throw new InvalidTargetException("scrape " + what + " cannot be 0");
        }
        return d.toDuration();
    }

    /**
     * {@code scheme://address/path?params}: the job's {@code params} with each {@code __param_<name>} label
     * replacing the first value of {@code name}; query keys sorted and escaped as Go's {@code url.Values} does.
     */
    private URI url(Labels labels) throws InvalidTargetException {
        Map<String, List<String>> params = new TreeMap<>();
        config.params().forEach((k, v) -> params.put(k, new ArrayList<>(v)));
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            if (name.startsWith(TargetLabelNames.PARAM_PREFIX)) {
                List<String> values = params.computeIfAbsent(
                        name.substring(TargetLabelNames.PARAM_PREFIX.length()), k -> new ArrayList<>());
                if (values.isEmpty()) {
                    values.add(labels.value(i));
                } else {
                    values.set(0, labels.value(i));
                }
            }
        }
        String scheme = labels.get(TargetLabelNames.SCHEME);
        String address = labels.get(TargetLabelNames.ADDRESS);
        String path = labels.get(TargetLabelNames.METRICS_PATH);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        try {
            String base = new URI(scheme, address, path, null, null).toASCIIString();
            StringBuilder query = new StringBuilder();
            params.forEach((k, values) -> {
                for (String v : values) {
                    query.append(query.length() == 0 ? '?' : '&')
                            .append(UrlEscaping.queryEscape(k))
                            .append('=')
                            .append(UrlEscaping.queryEscape(v));
                }
            });
            return new URI(base + query);
        } catch (URISyntaxException e) {
            throw new InvalidTargetException("invalid URL for scheme \"" + scheme + "\", address \"" + address
                    + "\", path \"" + path + "\": " + e.getMessage());
        }
    }

    private static final class InvalidTargetException extends Exception {
        InvalidTargetException(String message) {
            super(message, null, false, false);
        }
    }
}
