package dev.vigil.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration shipped in the Kubernetes config map must load, and must stay the documented example. */
class KubernetesManifestsTest {
    @Test
    void configMapHoldsTheKubernetesExampleAndItLoads() throws Exception {
        Path manifests = Path.of("..", "k8s-manifests");
        JsonNode configMap = new ObjectMapper(new YAMLFactory())
                .readTree(manifests.resolve("configmap.yaml").toFile());
        String embedded = configMap.path("data").path("vigil.yml").asText();

        VigilConfig config = ConfigLoader.parse(embedded, "configmap.yaml:data.vigil.yml");

        assertThat(embedded).isEqualTo(Files.readString(Path.of("..", "examples", "config", "kubernetes.yml")));
        assertThat(config.scrapeConfigs())
                .extracting(job -> job.jobName())
                .containsExactly("kubernetes-nodes-cadvisor", "kubernetes-pods", "kubernetes-service-endpoints");
    }
}
