package io.snaptastic;

import io.snaptastic.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The agent that backs up and restores the EBS volumes of the instance it runs on. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SnaptasticApplication {

    public static void main(String[] args) {
        // The seed's commands (snaptastic mount-snapshots solr …) run the client, without starting Spring.
        if (Cli.handles(args)) {
            Cli.main(args);
            return;
        }
        SpringApplication.run(SnaptasticApplication.class, args);
    }
}
