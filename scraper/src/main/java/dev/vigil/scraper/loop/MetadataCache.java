package dev.vigil.scraper.loop;

import dev.vigil.model.metadata.MetadataStore;
import dev.vigil.model.metadata.MetricMetadata;
import dev.vigil.model.textparse.Entry;
import dev.vigil.model.textparse.ExpositionParser;
import dev.vigil.model.textparse.FamilyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A target's TYPE, HELP and UNIT lines by metric family, as Prometheus's scrape cache keeps them for the metadata
 * APIs. A steady-state scrape costs one map lookup and one byte comparison per metadata line: family names come
 * interned from the parser's symbol cache, and help and unit are compared as raw bytes, so strings are only built when
 * they change. Families not seen for {@value #KEEP_SCRAPES} successful scrapes are forgotten.
 *
 * <p>Thread-safe for readers ({@link #list()}, {@link #get}); written by one scrape loop at a time.
 */
final class MetadataCache implements MetadataStore {
    static final int KEEP_SCRAPES = 10;
    private static final byte[] NONE = new byte[0];

    private static final class Family {
        volatile String type = "unknown";
        volatile String help = "";
        volatile String unit = "";
        byte[] rawHelp = NONE;
        byte[] rawUnit = NONE;
        long lastSeen;

        MetricMetadata toMetadata(String name) {
            return new MetricMetadata(name, type, help, unit);
        }
    }

    private final Map<String, Family> families = new ConcurrentHashMap<>();

    /** Records the current TYPE, HELP or UNIT entry of {@code p}, seen in scrape {@code iteration}. */
    void observe(ExpositionParser p, Entry entry, long iteration) {
        String name = p.metricName();
        Family f = families.get(name);
        if (f == null) {
            f = new Family();
            families.put(name, f);
        }
        f.lastSeen = iteration;
        switch (entry) {
            case TYPE -> {
                String type = typeName(p.type());
                if (!type.equals(f.type)) {
                    f.type = type;
                }
            }
            case HELP -> {
                if (!sameRaw(f.rawHelp, p)) {
                    f.rawHelp = raw(p);
                    f.help = p.help();
                }
            }
            case UNIT -> {
                if (!sameRaw(f.rawUnit, p)) {
                    f.rawUnit = raw(p);
                    f.unit = p.unit();
                }
            }
            default -> throw new IllegalArgumentException("not a metadata entry: " + entry);
        }
    }

    /** After a successful scrape: forgets families not seen for {@link #KEEP_SCRAPES} scrapes. */
    void evict(long iteration) {
        families.values().removeIf(f -> iteration - f.lastSeen > KEEP_SCRAPES);
    }

    private static boolean sameRaw(byte[] known, ExpositionParser p) {
        int off = p.metadataTextOffset();
        return Arrays.equals(known, 0, known.length, p.seriesBuffer(), off, off + p.metadataTextLength());
    }

    private static byte[] raw(ExpositionParser p) {
        int off = p.metadataTextOffset();
        return Arrays.copyOfRange(p.seriesBuffer(), off, off + p.metadataTextLength());
    }

    /** Prometheus's names of metric types (its {@code model.MetricType}). */
    static String typeName(FamilyType type) {
        return switch (type) {
            case COUNTER -> "counter";
            case GAUGE -> "gauge";
            case HISTOGRAM -> "histogram";
            case GAUGE_HISTOGRAM -> "gaugehistogram";
            case SUMMARY -> "summary";
            case INFO -> "info";
            case STATESET -> "stateset";
            case UNKNOWN -> "unknown";
        };
    }

    @Override
    public List<MetricMetadata> list() {
        List<MetricMetadata> out = new ArrayList<>(families.size());
        families.forEach((name, f) -> out.add(f.toMetadata(name)));
        out.sort(Comparator.comparing(MetricMetadata::metricFamily));
        return out;
    }

    @Override
    public Optional<MetricMetadata> get(String metricFamily) {
        Family f = families.get(metricFamily);
        return f == null ? Optional.empty() : Optional.of(f.toMetadata(metricFamily));
    }

    int size() {
        return families.size();
    }
}
