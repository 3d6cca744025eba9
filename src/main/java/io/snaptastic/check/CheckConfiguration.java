package io.snaptastic.check;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The seed's {@code test} command. */
@Configuration(proxyBeanMethods = false)
class CheckConfiguration {

    @Bean
    CheckService checkService(InstanceIdentity instance, Ec2 ec2, SnapshotterRegistry registry, SnapshotterResolver resolver) {
        // The sbin directories are searched even when PATH lacks them, as they do for a root shell.
        List<Path> path = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                path.add(Path.of(dir));
            }
        }
        for (String dir : List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (!path.contains(Path.of(dir))) {
                path.add(Path.of(dir));
            }
        }
        return new CheckService(instance, ec2, registry, resolver, new HostTools(path), Path.of("/proc/self/status"));
    }
}
