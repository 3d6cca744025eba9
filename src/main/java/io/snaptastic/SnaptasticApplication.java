package io.snaptastic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The agent that backs up and restores the EBS volumes of the instance it runs on. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SnaptasticApplication {

    public static void main(String[] args) {
        SpringApplication.run(SnaptasticApplication.class, args);
    }
}
