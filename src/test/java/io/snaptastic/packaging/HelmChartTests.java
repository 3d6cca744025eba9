package io.snaptastic.packaging;

import static io.snaptastic.packaging.RenderedChart.at;
import static io.snaptastic.packaging.RenderedChart.list;
import static io.snaptastic.packaging.RenderedChart.map;
import static io.snaptastic.packaging.RenderedChart.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.snapshotter.SnapshottersProperties;
import io.snaptastic.snapshotter.VolumeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class HelmChartTests {

    private static final String TOKEN = "0123456789abcdef-token";

    @RegisterExtension
    static final HelmRunner helm = new HelmRunner();

    @TempDir
    Path dir;

    @Test
    void lintsCleanWithItsDefaultValues() {
        String messages = helm.lint(RenderedChart.CHART);

        assertThat(messages).doesNotContain("[ERROR]", "[WARNING]");
    }

    @Test
    void runsOnePrivilegedRootAgentPerNodeOnTheHostNetwork() {
        RenderedChart chart = RenderedChart.render(helm);

        assertThat(chart.one("DaemonSet")).isNotNull();
        assertThat(chart.podSpec()).containsEntry("hostNetwork", true).containsEntry("dnsPolicy", "ClusterFirstWithHostNet");
        assertThat(map(chart.container().get("securityContext")))
                .containsEntry("privileged", true)
                .containsEntry("runAsUser", 0);
        assertThat(chart.container().get("image")).isEqualTo("snaptastic:" + projectVersion());
    }

    @Test
    void mountsTheHostsDevicesAndSharesItsMountsUnderTheDataRootBothWays() {
        RenderedChart chart = RenderedChart.render(helm, ChartValues.defaults().set("dataRoot", "/data"));
        Object volumes = chart.podSpec().get("volumes");
        Object mounts = chart.container().get("volumeMounts");

        assertThat(map(named(volumes, "dev").get("hostPath"))).containsEntry("path", "/dev");
        assertThat(named(mounts, "dev")).containsEntry("mountPath", "/dev");
        assertThat(map(named(volumes, "data").get("hostPath"))).containsEntry("path", "/data");
        assertThat(named(mounts, "data"))
                .containsEntry("mountPath", "/data")
                .containsEntry("mountPropagation", "Bidirectional");
        assertThat(map(named(volumes, "state").get("hostPath"))).containsEntry("path", "/var/lib/snaptastic");
        assertThat(named(mounts, "state")).containsEntry("mountPath", "/var/lib/snaptastic");
    }

    @Test
    void probesLivenessAndReadinessOnTheManagementPort() {
        RenderedChart chart = RenderedChart.render(helm, ChartValues.defaults().set("managementPort", 9169));
        Map<String, Object> container = chart.container();

        assertThat(at(container, "livenessProbe", "httpGet"))
                .containsEntry("path", "/actuator/health/liveness")
                .containsEntry("port", 9169);
        assertThat(at(container, "startupProbe", "httpGet"))
                .containsEntry("path", "/actuator/health/liveness")
                .containsEntry("port", 9169);
        assertThat(at(container, "readinessProbe", "httpGet"))
                .containsEntry("path", "/actuator/health/readiness")
                .containsEntry("port", 9169);
        assertThat(at(yaml(applicationYaml(chart)), "management", "server")).containsEntry("port", 9169);
    }

    @Test
    void keepsTheManagementPortOnTheNodesLoopbackWithHostNetworkAndProbesItThere() {
        RenderedChart chart = RenderedChart.render(helm);

        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(at(chart.container(), probe, "httpGet")).as(probe).containsEntry("host", "127.0.0.1");
        }
        assertThat(at(yaml(applicationYaml(chart)), "management", "server")).containsEntry("address", "127.0.0.1");
    }

    @Test
    void withoutHostNetworkListensOnThePodsAddressAndNeedsAProvisionedToken() {
        RenderedChart chart =
                RenderedChart.render(helm, ChartValues.defaults().set("hostNetwork", false).set("token.value", TOKEN));

        assertThat(chart.podSpec()).containsEntry("hostNetwork", false).doesNotContainKey("dnsPolicy");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(at(chart.container(), probe, "httpGet")).as(probe).doesNotContainKey("host");
        }
        assertThat(at(yaml(applicationYaml(chart)), "management", "server")).containsEntry("address", "0.0.0.0");
        assertThat(at(yaml(applicationYaml(chart)), "server")).containsEntry("address", "127.0.0.1");
        assertThatThrownBy(() -> RenderedChart.render(helm, ChartValues.defaults().set("hostNetwork", false)))
                .hasMessageContaining("needs a provisioned token");
    }

    @Test
    void givesTheAgentTheValuesSnaptasticSectionAsItsApplicationYaml() throws IOException {
        Path values = values("""
                stateDir: /var/lib/agent
                snaptastic:
                  snapshotters:
                    solr:
                      filter-tags: [role, cluster]
                      volumes:
                        - device: /dev/sdf
                          mount-point: /mnt/solr
                          size: 20
                          file-system: xfs
                          mount-options: [defaults, noatime]
                      retention: { keep-last: 3, max-age: 14d }
                """);
        RenderedChart chart = RenderedChart.render(helm, ChartValues.defaults().file(values));

        SnaptasticProperties properties = bind(applicationYaml(chart), SnaptasticProperties.class);
        assertThat(properties.stateDir()).isEqualTo(Path.of("/var/lib/agent"));
        SnapshotterSettings solr = bind(applicationYaml(chart), SnapshottersProperties.class).snapshotters().get("solr");
        assertThat(solr.filterTags()).containsExactly("role", "cluster");
        assertThat(solr.volumes()).containsExactly(new VolumeSpec(
                "/dev/sdf", "/mnt/solr", 20, "gp3", null, null, "xfs", List.of("defaults", "noatime"), true, null, true));
        assertThat(solr.retention().keepLast()).isEqualTo(3);
        assertThat(solr.retention().maxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(map(named(chart.podSpec().get("volumes"), "state").get("hostPath")))
                .containsEntry("path", "/var/lib/agent");
    }

    @Test
    void refusesAMountPointOutsideTheDataRoot() throws IOException {
        Path values = values("""
                dataRoot: /data
                snaptastic:
                  snapshotters:
                    solr:
                      volumes:
                        - { device: /dev/sdf, mount-point: /data/solr }
                        - { device: /dev/sdg, mount-point: /srv/solr-logs }
                """);

        assertThatThrownBy(() -> RenderedChart.render(helm, ChartValues.defaults().file(values)))
                .hasMessageContaining("snaptastic.snapshotters.solr: mount point \"/srv/solr-logs\" is not under dataRoot /data");
    }

    @Test
    void pointsSpringAtTheMountedConfigMapAndKeepsTheApiOnLoopback() {
        RenderedChart chart = RenderedChart.render(helm);
        Map<String, Object> container = chart.container();

        assertThat(named(container.get("env"), "SPRING_CONFIG_ADDITIONAL_LOCATION"))
                .containsEntry("value", "file:/etc/snaptastic/application.yml");
        assertThat(named(container.get("volumeMounts"), "config")).containsEntry("mountPath", "/etc/snaptastic");
        String configMapName = (String) at(chart.one("ConfigMap"), "metadata").get("name");
        assertThat(map(named(chart.podSpec().get("volumes"), "config").get("configMap")))
                .containsEntry("name", configMapName);
        Map<String, Object> yaml = yaml(applicationYaml(chart));
        assertThat(at(yaml, "server")).containsEntry("address", "127.0.0.1").containsEntry("port", 8168);
        assertThat(at(yaml, "management", "server")).containsEntry("port", 8169).containsEntry("address", "127.0.0.1");
    }

    @Test
    void createsATokenSecretFromAValueAndPassesItAsTheTokenProperty() {
        RenderedChart chart = RenderedChart.render(helm, ChartValues.defaults().set("token.value", TOKEN));

        Map<String, Object> secret = chart.one("Secret");
        assertThat(new String(Base64.getDecoder().decode((String) at(secret, "data").get("token")), StandardCharsets.UTF_8))
                .isEqualTo(TOKEN);
        assertThat(at(named(chart.container().get("env"), "SNAPTASTIC_SECURITY_TOKEN"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", at(secret, "metadata").get("name"))
                .containsEntry("key", "token");
    }

    @Test
    void readsTheTokenFromAnExistingSecretWithoutCreatingOne() {
        RenderedChart chart = RenderedChart.render(helm, ChartValues.defaults()
                .set("token.existingSecret", "fleet-token")
                .set("token.existingSecretKey", "api"));

        assertThat(chart.all("Secret")).isEmpty();
        assertThat(at(named(chart.container().get("env"), "SNAPTASTIC_SECURITY_TOKEN"), "valueFrom", "secretKeyRef"))
                .containsEntry("name", "fleet-token")
                .containsEntry("key", "api");
    }

    @Test
    void leavesTheTokenToTheAgentsTokenFileWhenNoneIsGiven() {
        RenderedChart chart = RenderedChart.render(helm);

        assertThat(chart.all("Secret")).isEmpty();
        assertThat(list(chart.container().get("env"))).noneMatch(env -> "SNAPTASTIC_SECURITY_TOKEN".equals(env.get("name")));
    }

    @Test
    void refusesTwoSourcesForTheToken() {
        assertThatThrownBy(() -> RenderedChart.render(helm, ChartValues.defaults()
                        .set("token.existingSecret", "fleet-token")
                        .set("token.value", TOKEN)))
                .hasMessageContaining("either existingSecret or value");
    }

    @Test
    void schedulesByTheValuesNodeSelectorAndTolerations() throws IOException {
        Path values = values("""
                nodeSelector:
                  node.kubernetes.io/role: database
                tolerations:
                  - key: dedicated
                    operator: Equal
                    value: database
                    effect: NoSchedule
                """);
        RenderedChart chart = RenderedChart.render(helm, ChartValues.defaults().file(values));

        assertThat(map(chart.podSpec().get("nodeSelector"))).containsExactly(Map.entry("node.kubernetes.io/role", "database"));
        assertThat(list(chart.podSpec().get("tolerations"))).containsExactly(Map.of(
                "key", "dedicated", "operator", "Equal", "value", "database", "effect", "NoSchedule"));
    }

    @Test
    void takesTheServiceAccountAndImageFromTheValues() {
        RenderedChart chart = RenderedChart.render(helm, ChartValues.defaults()
                .set("image.repository", "registry.example.com/snaptastic")
                .set("image.tag", "1.2.3")
                .set("image.pullPolicy", "Always")
                .set("serviceAccount.create", false)
                .set("serviceAccount.name", "backup"));

        assertThat(chart.container())
                .containsEntry("image", "registry.example.com/snaptastic:1.2.3")
                .containsEntry("imagePullPolicy", "Always");
        assertThat(chart.all("ServiceAccount")).isEmpty();
        assertThat(chart.podSpec()).containsEntry("serviceAccountName", "backup");
    }

    /** IRSA: EKS's webhook reads the role from the annotation of the service account the pods run as. */
    @Test
    void putsTheIrsaRoleOnTheServiceAccountThePodsRunAs() throws IOException {
        Path values = values("""
                serviceAccount:
                  annotations:
                    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/snaptastic
                """);
        RenderedChart chart = RenderedChart.render(helm, ChartValues.defaults().file(values));

        Map<String, Object> account = chart.one("ServiceAccount");
        assertThat(map(at(account, "metadata").get("annotations")))
                .containsExactly(Map.entry("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/snaptastic"));
        assertThat(chart.podSpec()).containsEntry("serviceAccountName", at(account, "metadata").get("name"));
    }

    /** The version in pom.xml, which the chart's appVersion (the default image tag) must follow. */
    private static String projectVersion() {
        try {
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                    .getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if ("version".equals(child.getNodeName())) {
                    return child.getTextContent().strip();
                }
            }
            throw new AssertionError("pom.xml has no project version");
        } catch (Exception e) {
            throw new AssertionError("cannot read pom.xml", e);
        }
    }

    private Path values(String yaml) throws IOException {
        return Files.writeString(dir.resolve("values.yaml"), yaml);
    }

    private static Map<String, Object> yaml(String text) {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
    }

    private static String applicationYaml(RenderedChart chart) {
        return (String) at(chart.one("ConfigMap"), "data").get("application.yml");
    }

    /** Binds the rendered configuration as the agent does, so its shape is checked against the agent's own types. */
    private static <T> T bind(String applicationYaml, Class<T> type) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load("application.yml", new ByteArrayResource(applicationYaml.getBytes(StandardCharsets.UTF_8)));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bind("snaptastic", type)
                .get();
    }
}
