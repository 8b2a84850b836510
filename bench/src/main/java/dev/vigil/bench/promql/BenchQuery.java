package dev.vigil.bench.promql;

/**
 * The dashboard-style queries both systems are timed on: range queries over the last hour of {@link QueryBenchData}
 * with a 15 s step (241 points), as a Grafana panel refreshing the last hour would send them.
 */
public enum BenchQuery {
    SUM_RATE("sum by (job) (rate(x[5m]))"),
    HISTOGRAM_QUANTILE("histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))"),
    TOPK_RATE("topk(10, rate(x[5m]))"),
    HISTOGRAM_QUANTILE_BY_JOB("histogram_quantile(0.99, sum by (job, le) (rate(h_bucket[5m])))"),
    SUM_BY_JOB("sum by (job) (x)"),
    SUM_RATE_ONE_JOB("sum(rate(x{job=\"job-3\"}[5m]))"),
    INCREASE_1H("sum by (job) (increase(x[1h]))"),
    BUCKET_RATIO("sum by (job) (rate(h_bucket{le=\"0.25\"}[5m])) / sum by (job) (rate(h_bucket{le=\"+Inf\"}[5m]))"),
    SUBQUERY_MAX_RATE("max_over_time(sum by (job) (rate(x[5m]))[30m:1m])");

    private final String promql;

    BenchQuery(String promql) {
        this.promql = promql;
    }

    public String promql() {
        return promql;
    }

    public long start() {
        return end() - 3_600_000L;
    }

    public long end() {
        return QueryBenchData.END_MS;
    }

    public long stepMs() {
        return QueryBenchData.INTERVAL_MS;
    }
}
