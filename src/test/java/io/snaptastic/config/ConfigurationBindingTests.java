package io.snaptastic.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.snaptastic.snapshotter.Hook;
import io.snaptastic.snapshotter.HookCommand;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshottersProperties;
import io.snaptastic.snapshotter.VolumeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class ConfigurationBindingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void bindsTheDesignExampleWithDefaultsFilledIn() {
        runner.withPropertyValues(
                        "snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf",
                        "snaptastic.snapshotters.solr.volumes[0].mount-point=/mnt/solr",
                        "snaptastic.snapshotters.solr.volumes[0].size=20",
                        "snaptastic.snapshotters.solr.volumes[0].mount-options=defaults,noatime",
                        "snaptastic.snapshotters.solr.hooks.pre-mounts[0].argv=/usr/sbin/service,postgresql,stop",
                        "snaptastic.snapshotters.solr.hooks.pre-mounts[0].timeout=2m",
                        "snaptastic.snapshotters.solr.retention.keep-last=3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SnaptasticProperties properties = context.getBean(SnaptasticProperties.class);
                    assertThat(properties.stateDir()).isEqualTo(Path.of("/var/lib/snaptastic"));
                    assertThat(properties.aws().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.timeouts().parallelVolumes()).isNull();
                    SnapshotterSettings solr = context.getBean(SnapshottersProperties.class).snapshotters().get("solr");
                    assertThat(solr.filterTags()).containsExactly("role", "cluster", "environment");
                    assertThat(solr.description()).isEqualTo("{cluster} snapshot of {mount_point}");
                    assertThat(solr.freezeMaxDuration()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(solr.retention().keepLast()).isEqualTo(3);
                    assertThat(solr.retention().maxAge()).isEqualTo(Duration.ofDays(7));
                    assertThat(solr.volumes()).containsExactly(new VolumeSpec(
                            "/dev/sdf", "/mnt/solr", 20, "gp3", null, null, "ext4", List.of("defaults", "noatime"), true, null, true));
                    assertThat(solr.hooks().byHook()).containsOnlyKeys(Hook.PRE_MOUNTS);
                    assertThat(solr.hooks().byHook().get(Hook.PRE_MOUNTS)).containsExactly(
                            new HookCommand(List.of("/usr/sbin/service", "postgresql", "stop"), Duration.ofMinutes(2)));
                    assertThat(context.getBean(SnapshotterRegistry.class).get("solr").volumes(java.util.Map.of()))
                            .isEqualTo(solr.volumes());
                });
    }

    @Test
    void bindsTheEc2ConnectTimeout() {
        runner.withPropertyValues("snaptastic.aws.connect-timeout=10s")
                .run(context -> assertThat(context.getBean(SnaptasticProperties.class).aws().connectTimeout())
                        .isEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void refusesToStartAndListsEveryProblemByProperty() {
        runner.withPropertyValues(
                        "snaptastic.snapshotters.solr.volumes[0].device=/dev/sda",
                        "snaptastic.snapshotters.solr.volumes[0].mount-point=/etc/solr",
                        "snaptastic.snapshotters.solr.volumes[0].size=0",
                        "snaptastic.snapshotters.solr.hooks.post-mount[0].argv=chown,-R,solr",
                        "snaptastic.snapshotters.empty.filter-tags=role")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    while (!(failure instanceof InvalidConfigurationException) && failure.getCause() != null) {
                        failure = failure.getCause();
                    }
                    assertThat(failure).isInstanceOf(InvalidConfigurationException.class);
                    assertThat(((InvalidConfigurationException) failure).problems()).containsExactlyInAnyOrder(
                            "snaptastic.snapshotters.solr.volumes[0].device: '/dev/sda' is not a data volume device EC2 accepts"
                                    + " (/dev/sd[f-z] or /dev/xvd[f-z], optional partition digit)",
                            "snaptastic.snapshotters.solr.volumes[0].mount-point: '/etc/solr' is a system directory (/etc)",
                            "snaptastic.snapshotters.solr.volumes[0].size: 0 GiB is outside 1..65536 GiB for gp3",
                            "snaptastic.snapshotters.solr.hooks.post-mount[0].argv: must start with the absolute path of a program (no shell line)",
                            "snaptastic.snapshotters.empty.volumes: a snapshotter needs at least one volume (or volumes-from-userdata: true)");
                });
    }

    @Test
    void bindsHealthStartupAndScheduleSettingsWithDefaults() {
        runner.withPropertyValues(
                        "snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf",
                        "snaptastic.snapshotters.solr.volumes[0].mount-point=/mnt/solr",
                        "snaptastic.snapshotters.pg.volumes[0].device=/dev/sdg",
                        "snaptastic.snapshotters.pg.volumes[0].mount-point=/mnt/pg",
                        "snaptastic.snapshotters.pg.max-snapshot-age=2h",
                        "snaptastic.snapshotters.pg.mount-on-startup=true",
                        "snaptastic.snapshotters.pg.startup-jitter=30s",
                        "snaptastic.snapshotters.pg.cleanup-cron=0 15 3 * * *",
                        "snaptastic.snapshotters.pg.pending-snapshot-wait=2m",
                        "snaptastic.snapshotters.pg.prefer-retained=true",
                        "snaptastic.snapshotters.pg.schedule=0 0 */6 * * *",
                        "snaptastic.snapshotters.pg.schedule-jitter=45m")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SnapshotterSettings solr = context.getBean(SnapshottersProperties.class).snapshotters().get("solr");
                    assertThat(solr.maxSnapshotAge()).isEqualTo(Duration.ofHours(25));
                    assertThat(solr.mountOnStartup()).isFalse();
                    assertThat(solr.startupJitter()).isZero();
                    assertThat(solr.cleanupCron()).isNull();
                    assertThat(solr.pendingSnapshotWait()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(solr.preferRetained()).isFalse();
                    assertThat(solr.schedule()).isNull();
                    assertThat(solr.scheduleJitter()).isZero();
                    var pg = context.getBean(SnapshotterRegistry.class).get("pg").settings();
                    assertThat(pg.maxSnapshotAge()).isEqualTo(Duration.ofHours(2));
                    assertThat(pg.mountOnStartup()).isTrue();
                    assertThat(pg.startupJitter()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(pg.cleanupCron()).isEqualTo("0 15 3 * * *");
                    assertThat(pg.pendingSnapshotWait()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(pg.preferRetained()).isTrue();
                    assertThat(pg.schedule()).isEqualTo("0 0 */6 * * *");
                    assertThat(pg.scheduleJitter()).isEqualTo(Duration.ofMinutes(45));
                });
    }

    @Test
    void refusesBadHealthStartupAndScheduleSettings() {
        runner.withPropertyValues(
                        "snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf",
                        "snaptastic.snapshotters.solr.volumes[0].mount-point=/mnt/solr",
                        "snaptastic.snapshotters.solr.max-snapshot-age=0s",
                        "snaptastic.snapshotters.solr.startup-jitter=2h",
                        "snaptastic.snapshotters.solr.cleanup-cron=every night",
                        "snaptastic.snapshotters.solr.pending-snapshot-wait=-1s",
                        "snaptastic.snapshotters.solr.schedule=hourly",
                        "snaptastic.snapshotters.pg.volumes[0].device=/dev/sdg",
                        "snaptastic.snapshotters.pg.volumes[0].mount-point=/mnt/pg",
                        "snaptastic.snapshotters.pg.schedule=0 */10 * * * *",
                        "snaptastic.snapshotters.pg.schedule-jitter=10m",
                        "snaptastic.snapshotters.db.volumes[0].device=/dev/sdh",
                        "snaptastic.snapshotters.db.volumes[0].mount-point=/mnt/db",
                        "snaptastic.snapshotters.db.schedule-jitter=2h")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    while (!(failure instanceof InvalidConfigurationException) && failure.getCause() != null) {
                        failure = failure.getCause();
                    }
                    assertThat(((InvalidConfigurationException) failure).problems()).containsExactlyInAnyOrder(
                            "snaptastic.snapshotters.solr.max-snapshot-age: must be positive",
                            "snaptastic.snapshotters.solr.startup-jitter: PT2H is outside 0s..1h",
                            "snaptastic.snapshotters.solr.cleanup-cron: 'every night' is not a cron expression"
                                    + " (six fields: second minute hour day month weekday)",
                            "snaptastic.snapshotters.solr.pending-snapshot-wait: PT-1S is outside 0s..24h",
                            "snaptastic.snapshotters.solr.schedule: 'hourly' is not a cron expression"
                                    + " (six fields: second minute hour day month weekday)",
                            "snaptastic.snapshotters.pg.schedule-jitter: PT10M must be below the schedule's interval"
                                    + " (PT10M), or a run could overtake the next one",
                            "snaptastic.snapshotters.db.schedule-jitter: PT2H is outside 0s..1h");
                });
    }

    @Test
    void picksUpTheUsersOwnSnapshotterBeanBesideTheYamlOnes() {
        runner.withPropertyValues(
                        "snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf",
                        "snaptastic.snapshotters.solr.volumes[0].mount-point=/mnt/solr")
                .withBean("postgres", io.snaptastic.snapshotter.Snapshotter.class, () -> new io.snaptastic.snapshotter.Snapshotter() {
                    @Override
                    public String name() {
                        return "postgres";
                    }

                    @Override
                    public List<VolumeSpec> volumes(java.util.Map<String, Object> userdata) {
                        return List.of(VolumeSpec.of("/dev/sdg", "/var/lib/postgresql", 200));
                    }

                    @Override
                    public java.util.Map<String, String> filterTags(java.util.Map<String, Object> userdata) {
                        return java.util.Map.of("role", "db");
                    }
                })
                .run(context -> {
                    SnapshotterRegistry registry = context.getBean(SnapshotterRegistry.class);
                    assertThat(registry.all()).extracting(io.snaptastic.snapshotter.Snapshotter::name)
                            .containsExactly("postgres", "solr");
                    assertThat(registry.get("postgres").volumes(java.util.Map.of()))
                            .containsExactly(VolumeSpec.of("/dev/sdg", "/var/lib/postgresql", 200));
                });
    }

    @Test
    void takesTheListOfSystemDirectoriesFromConfiguration() {
        runner.withPropertyValues(
                        "snaptastic.system-directories=/srv",
                        "snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf",
                        "snaptastic.snapshotters.solr.volumes[0].mount-point=/srv/solr")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues(
                        "snaptastic.system-directories=/srv",
                        "snaptastic.snapshotters.solr.volumes[0].device=/dev/sdf",
                        "snaptastic.snapshotters.solr.volumes[0].mount-point=/etc/solr")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SnaptasticProperties.class)
    @Import({AgentConfiguration.class, io.snaptastic.snapshotter.SnapshotterTestAccess.class})
    static class Config {
        @org.springframework.context.annotation.Bean
        io.snaptastic.instance.InstanceIdentity instanceIdentity() {
            return org.mockito.Mockito.mock(io.snaptastic.instance.InstanceIdentity.class);
        }

        @org.springframework.context.annotation.Bean
        io.snaptastic.host.HostExecutor hostExecutor() {
            return new io.snaptastic.host.ProcessHostExecutor();
        }
    }
}
