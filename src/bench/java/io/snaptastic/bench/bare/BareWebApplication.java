package io.snaptastic.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reference for start-up time and memory: a Spring Boot web app with one endpoint and Actuator's
 * readiness probe, on Spring MVC and Tomcat like the agent, with none of the agent's own beans.
 */
@SpringBootApplication
@RestController
public class BareWebApplication {

    @GetMapping("/")
    String hello() {
        return "hello";
    }

    public static void main(String[] args) {
        SpringApplication.run(BareWebApplication.class, args);
    }
}
