package dev.vigil.promql.promqltest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Storage;
import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.LabelMatcher;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.promql.engine.QueryException;
import dev.vigil.promql.engine.QueryResult;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParseException;
import dev.vigil.promql.parser.ParserOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs Prometheus's promqltest scripts ({@code src/test/resources/promqltest/*.test}) against {@link Engine} on
 * the storage a subclass provides: one {@link DynamicTest} per {@code eval}. Cases are skipped only for a listed reason (whole
 * files behind Prometheus feature flags, or cases that need native histograms); cases in {@code known-failures.txt}
 * are run and reported as known failures, and one that starts passing fails the build so that the list only shrinks.
 * Prints {@code promqltest: P passed, F failed, S skipped (of T)} and the skip reasons with counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PromqlConformanceSuite {
    static final List<String> FILES = List.of(
            "aggregators.test",
            "at_modifier.test",
            "collision.test",
            "duration_expression.test",
            "extended_vectors.test",
            "fill-modifier.test",
            "functions.test",
            "histograms.test",
            "info.test",
            "limit.test",
            "literals.test",
            "name_label_dropping.test",
            "native_histograms.test",
            "operators.test",
            "range_queries.test",
            "selectors.test",
            "staleness.test",
            "start_timestamps.test",
            "subquery.test",
            "trig_functions.test",
            "type_and_unit.test");

    /**
     * Files whose cases all need a Prometheus feature this engine does not implement: native histograms, or an
     * experimental feature behind the named Prometheus feature flag.
     */
    static final Map<String, String> SKIPPED_FILES = Map.of(
            "native_histograms.test", "native histograms (no histogram sample type in storage)",
            "extended_vectors.test", "anchored/smoothed range selectors (feature flag promql-extended-range-selectors)",
            "fill-modifier.test",
                    "fill()/fill_left()/fill_right() modifiers (feature flag promql-binop-fill-modifiers)",
            "info.test", "experimental function info() (feature flag promql-experimental-functions)",
            "start_timestamps.test",
                    "start timestamps in storage and PromQL (feature flags st-storage and use-start-timestamps)");

    static final String NEEDS_HISTOGRAMS = "native histograms (case selects or expects native histogram samples)";
    static final String FAILURE_NEEDS_HISTOGRAMS =
            "native histograms (case selects native histogram samples and expects an error it does not get without"
                    + " them)";

    /** As Prometheus's test engine, minus the experimental syntax of the skipped files. */
    private static final ParserOptions PARSER = new ParserOptions(true, false, false, true);

    private static final EngineOptions OPTIONS = EngineOptions.DEFAULT.withParserOptions(PARSER);
    private static final Map<String, String> KNOWN = knownFailures();

    private int passed;
    private final List<String> failed = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    /** Every skipped case with its reason, written to {@code target/} so that the skips can be audited. */
    private final List<String> skippedCases = new ArrayList<>();

    private final List<String> knownFailed = new ArrayList<>();
    private final List<String> knownNowPassing = new ArrayList<>();
    /** Per file: passed, failed, skipped, known failures. */
    private final Map<String, int[]> perFile = new TreeMap<>();

    private List<TestScript.Load> lastLoads;
    private Environment lastEnvironment;

    /** A new, empty storage for one set of loads; the suite closes it when the loads change. */
    protected abstract Storage newStorage();

    /** Names the storage in the summary line. */
    protected abstract String storageName();

    /** Called once after the last storage has been closed, e.g. to remove files the storages left. */
    protected void afterStoragesClosed() {}

    @TestFactory
    Stream<DynamicNode> promqltest() {
        return FILES.stream().map(this::file);
    }

    private DynamicNode file(String file) {
        List<TestScript.Command> commands = TestScript.parse(file, resourceLines("promqltest/" + file));
        List<DynamicNode> tests = new ArrayList<>();
        List<TestScript.Load> loads = new ArrayList<>();
        List<TestScript.Load> snapshot = List.of();
        for (TestScript.Command c : commands) {
            if (c instanceof TestScript.Load l) {
                loads.add(l);
                snapshot = List.copyOf(loads);
            } else if (c instanceof TestScript.Clear) {
                loads.clear();
                snapshot = List.of();
            } else {
                TestScript.Eval e = (TestScript.Eval) c;
                List<TestScript.Load> data = snapshot;
                tests.add(DynamicTest.dynamicTest("line " + e.line() + ": " + e.query(), () -> run(file, e, data)));
            }
        }
        return DynamicContainer.dynamicContainer(file, tests);
    }

    private void run(String file, TestScript.Eval e, List<TestScript.Load> loads) {
        String skip = SKIPPED_FILES.get(file);
        Environment env = skip == null ? environment(loads) : null;
        if (skip == null) {
            skip = histogramSkip(e, env);
        }
        int[] tally = perFile.computeIfAbsent(file, f -> new int[4]);
        String problem = null;
        if (NEEDS_HISTOGRAMS.equals(skip)
                && !CaseChecker.ofType(e.expectations(), "fail").isEmpty()) {
            // An expected error may or may not come from the native histogram samples that storage cannot hold
            // (e.g. two histograms with one label set), so such a case is run: it passes if it fails as expected and
            // is skipped, with its own reason, if not.
            problem = evaluate(e, env);
            skip = problem == null ? null : FAILURE_NEEDS_HISTOGRAMS;
        }
        if (skip != null) {
            tally[2]++;
            skipped.merge(skip, 1, Integer::sum);
            skippedCases.add(e.id() + "\t" + skip + "\t" + e.query());
            throw new TestAbortedException("skipped: " + skip);
        }
        if (problem == null) {
            problem = evaluate(e, env);
        }
        String known = KNOWN.get(e.id());
        if (known != null) {
            if (problem == null) {
                knownNowPassing.add(e.id());
                throw new AssertionFailedError(e.id() + " is listed in known-failures.txt (" + known
                        + ") but passes now: remove it from the list");
            }
            tally[3]++;
            knownFailed.add(e.id() + ": " + known);
            Assumptions.abort("known failure: " + known + " (" + problem + ")");
        }
        if (problem != null) {
            tally[1]++;
            failed.add(e.id() + ": " + e.query() + " -> " + problem);
            throw new AssertionFailedError(e.id() + ": " + e.query() + "\n" + problem);
        }
        tally[0]++;
        passed++;
    }

    private static String evaluate(TestScript.Eval e, Environment env) {
        Engine engine = new Engine(env.storage, OPTIONS);
        QueryResult r;
        try {
            r = e.stepMs() == 0
                    ? engine.instantQuery(e.query(), e.startMs())
                    : engine.rangeQuery(e.query(), e.startMs(), e.endMs(), e.stepMs());
        } catch (ParseException | QueryException | IllegalArgumentException ex) {
            return CaseChecker.checkFailure(e, ex);
        }
        return CaseChecker.check(e, r);
    }

    /** Why the case needs native histograms, or null. */
    private static String histogramSkip(TestScript.Eval e, Environment env) {
        for (String line : e.results()) {
            if (line.contains("{{")) {
                return NEEDS_HISTOGRAMS;
            }
        }
        if (env.histogramSeries.isEmpty()) {
            return null;
        }
        Expr expr;
        try {
            expr = ExpressionParser.parse(e.query(), PARSER);
        } catch (ParseException ex) {
            return null;
        }
        List<VectorSelector> selectors = new ArrayList<>();
        collectSelectors(expr, selectors);
        for (VectorSelector vs : selectors) {
            List<LabelMatcher> all = vs.allMatchers();
            for (Labels l : env.histogramSeries) {
                boolean matches = true;
                for (LabelMatcher m : all) {
                    Matcher mm = Matcher.of(
                            dev.vigil.model.labels.MatchType.valueOf(m.type().name()), m.name(), m.value());
                    matches &= mm.matches(l);
                }
                if (matches) {
                    return NEEDS_HISTOGRAMS;
                }
            }
        }
        return null;
    }

    private static void collectSelectors(Expr e, List<VectorSelector> out) {
        if (e instanceof VectorSelector vs) {
            out.add(vs);
        } else if (e instanceof MatrixSelector ms) {
            out.add(ms.selector());
        } else if (e instanceof Subquery sq) {
            collectSelectors(sq.expr(), out);
        } else if (e instanceof Call c) {
            c.args().forEach(a -> collectSelectors(a, out));
        } else if (e instanceof Binary b) {
            collectSelectors(b.lhs(), out);
            collectSelectors(b.rhs(), out);
        } else if (e instanceof Aggregate a) {
            collectSelectors(a.expr(), out);
        } else if (e instanceof Unary u) {
            collectSelectors(u.expr(), out);
        } else if (e instanceof Paren p) {
            collectSelectors(p.expr(), out);
        }
    }

    @AfterAll
    void summary() {
        if (lastEnvironment != null) {
            lastEnvironment.storage.close();
            lastEnvironment = null;
        }
        afterStoragesClosed();
        int skips = skipped.values().stream().mapToInt(Integer::intValue).sum();
        int total = passed + failed.size() + skips + knownFailed.size();
        System.out.printf(
                "promqltest: %d passed, %d failed, %d skipped (of %d); %d known failures listed in"
                        + " promqltest/known-failures.txt; storage: %s%n",
                passed, failed.size(), skips, total, knownFailed.size(), storageName());
        skipped.forEach((reason, n) -> System.out.printf("  skipped %d: %s%n", n, reason));
        perFile.forEach((f, n) -> System.out.printf(
                "  %s: %d passed, %d failed, %d skipped, %d known failures%n", f, n[0], n[1], n[2], n[3]));
        knownFailed.forEach(k -> System.out.println("  known failure: " + k));
        writeSkippedCases();
        failed.forEach(f -> System.out.println("  FAILED " + f));
        assertThat(knownNowPassing).as("known failures that pass now").isEmpty();
    }

    private void writeSkippedCases() {
        Path out = Path.of("target", "promqltest-skipped-" + getClass().getSimpleName() + ".tsv");
        try {
            Files.createDirectories(out.getParent());
            Files.write(out, skippedCases, StandardCharsets.UTF_8);
            System.out.println("  skipped cases with their reasons: " + out.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("  could not write the skipped cases to " + out + ": " + e);
        }
    }

    private static Map<String, String> knownFailures() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : resourceLines("promqltest/known-failures.txt")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int space = l.indexOf(' ');
            out.put(
                    space < 0 ? l : l.substring(0, space),
                    space < 0 ? "" : l.substring(space + 1).trim());
        }
        return out;
    }

    static List<String> resourceLines(String path) {
        try (InputStream in = PromqlConformanceSuite.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The storage built from the loads since the last clear; rebuilt only when the loads change. */
    private Environment environment(List<TestScript.Load> loads) {
        if (loads != lastLoads) {
            if (lastEnvironment != null) {
                lastEnvironment.storage.close();
            }
            lastEnvironment = Environment.build(newStorage(), loads);
            lastLoads = loads;
        }
        return lastEnvironment;
    }

    private static final class Environment {
        final Storage storage;
        final List<Labels> histogramSeries = new ArrayList<>();

        private Environment(Storage storage) {
            this.storage = storage;
        }

        static Environment build(Storage storage, List<TestScript.Load> loads) {
            Environment env = new Environment(storage);
            for (TestScript.Load l : loads) {
                // A series listed twice in one load takes its later line, as Prometheus's test storage does.
                Map<Labels, SeriesNotation.Line> lines = new LinkedHashMap<>();
                for (String line : l.series()) {
                    SeriesNotation.Line s = SeriesNotation.parse(line);
                    lines.put(s.labels(), s);
                }
                Appender app = env.storage.appender();
                for (SeriesNotation.Line s : lines.values()) {
                    if (s.hasHistogram()) {
                        env.histogramSeries.add(s.labels());
                    }
                    if (l.withNhcb()) {
                        env.histogramSeries.add(nhcbSeries(s.labels()));
                    }
                    for (int i = 0; i < s.values().size(); i++) {
                        Double v = s.values().get(i);
                        if (v == null) {
                            continue;
                        }
                        try {
                            app.append(0, s.labels(), i * l.intervalMs(), v);
                        } catch (AppendException ex) {
                            throw new IllegalStateException("load at line " + l.line() + ": " + ex.getMessage(), ex);
                        }
                    }
                }
                app.commit();
            }
            return env;
        }

        /** The native histogram with custom buckets that load_with_nhcb derives from a classic series. */
        private static Labels nhcbSeries(Labels classic) {
            String name = classic.metricName();
            for (String suffix : List.of("_bucket", "_count", "_sum")) {
                if (name.endsWith(suffix)) {
                    name = name.substring(0, name.length() - suffix.length());
                    break;
                }
            }
            return new LabelsBuilder(classic)
                    .del("le")
                    .set(Labels.METRIC_NAME, name)
                    .labels();
        }
    }
}
