package dev.vigil.config.alerting;

import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.ServiceDiscoveryReader;
import dev.vigil.config.http.HttpClientConfigReader;
import dev.vigil.config.relabel.RelabelConfigReader;
import dev.vigil.config.scrape.ScrapeConfigReader;
import java.util.Optional;

/** Reads the {@code alerting} section. Stateless. */
public final class AlertingConfigReader {
    private AlertingConfigReader() {}

    public static AlertingConfig read(MapReader r) {
        return new AlertingConfig(
                RelabelConfigReader.readList(r, "alert_relabel_configs"),
                r.mapList("alertmanagers", AlertingConfigReader::alertmanager));
    }

    private static Optional<AlertmanagerConfig> alertmanager(MapReader r) {
        PromDuration timeout = r.duration("timeout", AlertmanagerConfig.DEFAULT_TIMEOUT);
        String apiVersion = r.string("api_version", AlertmanagerConfig.API_V2);
        if (!apiVersion.equals(AlertmanagerConfig.API_V2)) {
            String hint = apiVersion.equals("v1") ? " (Alertmanager API v1 was removed in Prometheus 3)" : "";
            r.error("api_version", "expected Alertmanager api version to be one of [v2] but got " + apiVersion + hint);
        }
        String pathPrefix = r.string("path_prefix", "/");
        String scheme = ScrapeConfigReader.scheme(r, "scheme");
        if (r.has("sigv4")) {
            r.markHandled("sigv4");
            r.error("sigv4", "sigv4 is not supported by Vigil");
        }
        var http = HttpClientConfigReader.read(r, true);
        var relabel = RelabelConfigReader.readList(r, "relabel_configs");
        var alertRelabel = RelabelConfigReader.readList(r, "alert_relabel_configs");
        var sd = ServiceDiscoveryReader.read(r, r.has("relabel_configs"));
        return Optional.of(new AlertmanagerConfig(
                timeout, AlertmanagerConfig.API_V2, pathPrefix, scheme, http, sd, relabel, alertRelabel));
    }
}
