package dev.vigil.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VigilCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "server --no.such-flag|vigil server: error: Unknown option: '--no.such-flag', try --help",
                "server --query.timeout=soon|vigil server: error: Invalid value for option '--query.timeout': 'soon' is not a valid duration",
                "server --storage.tsdb.retention.time=-1d|Invalid value for option '--storage.tsdb.retention.time': '-1d' is not a valid duration",
                "server --storage.tsdb.retention.size=lots|Invalid value for option '--storage.tsdb.retention.size': 'lots' is not a valid size",
                "server --log.level=chatty|Invalid value for option '--log.level': 'chatty' is not one of debug, info, warn, error",
                "server --log.format=xml|'xml' is not one of logfmt, json",
                "server --web.listen-address=9090|listen address \"9090\" has no port",
                "server --query.max-samples=0|vigil server: error: --query.max-samples must be positive, got 0, try --help",
                "server --query.max-samples=many|Invalid value for option '--query.max-samples': 'many' is not a long",
                "server --query.lookback-delta=0s|--query.lookback-delta must be greater than 0",
                "server --web.external-url=not-a-url|--web.external-url must be an absolute http(s) URL, got 'not-a-url'",
                "server --query.max-concurrency=0|vigil server: error: --query.max-concurrency must be at least 1, got 0",
                "server --query.max-concurrency=lots|Invalid value for option '--query.max-concurrency': 'lots' is not an int",
                "server --web.cors.origin=(unclosed|--web.cors.origin: invalid regex \"(unclosed\"",
                "server extra-argument|Unmatched argument",
                "bogus|vigil: error: Unmatched argument at index 0: 'bogus'",
                "check|vigil check: error: a check is required (config, rules), try --help",
                "check config|vigil check config: error: Missing required parameter: 'FILE'",
                "server --rules.alert.resend-delay=often|Invalid value for option '--rules.alert.resend-delay': 'often' is not a valid duration",
                "server --rules.alert.resend-delay=0s|--rules.alert.resend-delay must be greater than 0",
                "server --alertmanager.notification-queue-capacity=0|--alertmanager.notification-queue-capacity must be positive, got 0"
            })
    void badArgumentsExitWithCodeTwoAndOneLine(String args, String message) {
        int code = run(args.split(" "));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(message).endsWith(", try --help" + System.lineSeparator());
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("vigil: error: a command is required (server, check, import)");
    }

    @Test
    void versionNamesVersionRevisionBuildDateAndJava() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString())
                .startsWith("vigil, version ")
                .contains("revision: ")
                .contains("build date:")
                .contains("java version:     " + System.getProperty("java.version"));
    }

    @Test
    void checkConfigAcceptsAGoodFileAndTheRuleFilesItNames(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("rules.yml"),
                """
                groups:
                  - name: example
                    rules:
                      - record: job:up:sum
                        expr: sum by (job) (up)
                      - alert: TargetDown
                        expr: up == 0
                        for: 5m
                        labels:
                          severity: page
                """);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                """
                global:
                  scrape_interval: 30s
                rule_files:
                  - "rules*.yml"
                scrape_configs:
                  - job_name: node
                    static_configs:
                      - targets: ["localhost:9100"]
                """);

        int code = run("check", "config", config.toString());

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("Checking " + config + "\n  SUCCESS: " + config + " is valid prometheus config file syntax\n")
                .contains("Checking " + dir.resolve("rules.yml") + "\n  SUCCESS: 2 rules found\n");
    }

    @Test
    void checkConfigRejectsABrokenFileNamingFileLineAndKey(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yml");
        Files.writeString(
                config,
                """
                global:
                  scrape_interval: 30s
                scrape_configs:
                  - job_name: node
                    scrape_intervall: 10s
                    static_configs:
                      - targets: ["localhost:9100"]
                """);

        int code = run("check", "config", config.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("  FAILED:").contains(config + ":5:5: scrape_configs[0].scrape_intervall:");
    }

    @Test
    void checkRulesReportsBadExpressionsWithFileLineGroupAndRule(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("bad-rules.yml");
        Files.writeString(
                rules,
                """
                groups:
                  - name: broken
                    rules:
                      - alert: HighLoad
                        expr: sum(rate(x[5m]) >
                """);

        int code = run("check", "rules", rules.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("Checking " + rules)
                .contains("FAILED")
                .contains(rules + ":5:");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|PT360H|0",
                "--storage.tsdb.retention.time=30d|PT720H|0",
                "--storage.tsdb.retention.size=1GB|PT0S|1073741824",
                "--storage.tsdb.retention.time=2h --storage.tsdb.retention.size=512MB|PT2H|536870912"
            })
    void retentionDefaultsAsPrometheus(String args, String expectedTime, long expectedBytes) {
        ServerCommand command = new ServerCommand();
        picocli.CommandLine cmd = new picocli.CommandLine(command);
        cmd.parseArgs(args.isEmpty() ? new String[0] : args.split(" "));

        dev.vigil.server.ServerOptions options = command.toOptions();

        assertThat(options.retentionTime()).isEqualTo(java.time.Duration.parse(expectedTime));
        assertThat(options.retentionBytes()).isEqualTo(expectedBytes);
        assertThat(options.listenAddress().port()).isEqualTo(9090);
        assertThat(options.storagePath()).isEqualTo(Path.of("data"));
        assertThat(options.flags()).containsEntry("query.timeout", "2m").containsEntry("web.enable-lifecycle", "false");
    }

    @Test
    void alertingFlagsHavePrometheusDefaultsAndParse() {
        ServerCommand command = new ServerCommand();
        picocli.CommandLine cmd = new picocli.CommandLine(command);
        cmd.parseArgs();
        var defaults = command.toOptions().alerting();
        assertThat(defaults).isEqualTo(dev.vigil.server.alerting.AlertingOptions.DEFAULTS);

        command = new ServerCommand();
        cmd = new picocli.CommandLine(command);
        cmd.parseArgs(
                "--rules.alert.for-outage-tolerance=2h",
                "--rules.alert.for-grace-period=5m",
                "--rules.alert.resend-delay=30s",
                "--notifications.config.file=am.yml",
                "--alertmanager.notification-queue-capacity=50",
                "--no-alertmanager.drain-notification-queue-on-shutdown");
        dev.vigil.server.ServerOptions options = command.toOptions();
        var alerting = options.alerting();
        assertThat(alerting.forOutageTolerance()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(alerting.forGracePeriod()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(alerting.resendDelay()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(alerting.notificationsConfigFile()).contains(Path.of("am.yml"));
        assertThat(alerting.notificationQueueCapacity()).isEqualTo(50);
        assertThat(alerting.drainNotificationQueueOnShutdown()).isFalse();
        assertThat(options.flags()).containsEntry("rules.alert.resend-delay", "30s");
    }

    @ParameterizedTest
    @CsvSource({"'',false", "--web.enable-remote-write-receiver,true"})
    void remoteWriteReceiverIsOffUnlessEnabled(String args, boolean enabled) {
        ServerCommand command = new ServerCommand();
        new picocli.CommandLine(command).parseArgs(args.isEmpty() ? new String[0] : new String[] {args});

        dev.vigil.server.ServerOptions options = command.toOptions();

        assertThat(options.enableRemoteWriteReceiver()).isEqualTo(enabled);
        assertThat(options.flags()).containsEntry("web.enable-remote-write-receiver", Boolean.toString(enabled));
    }

    @Test
    void queryApiFlagsHavePrometheusDefaultsAndAppearInTheFlagsStatus() {
        ServerCommand defaults = new ServerCommand();
        new picocli.CommandLine(defaults).parseArgs();
        dev.vigil.server.ServerOptions options = defaults.toOptions();
        assertThat(options.queryApi()).isEqualTo(dev.vigil.server.api.QueryApiOptions.DEFAULTS);
        assertThat(options.flags()).containsEntry("query.max-concurrency", "20").containsEntry("web.cors.origin", ".*");

        ServerCommand set = new ServerCommand();
        new picocli.CommandLine(set)
                .parseArgs("--query.max-concurrency=4", "--web.cors.origin=https://grafana\\.local");
        assertThat(set.toOptions().queryApi())
                .isEqualTo(new dev.vigil.server.api.QueryApiOptions(4, "https://grafana\\.local"));
    }
}
