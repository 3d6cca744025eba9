package io.snaptastic.web;

import io.snaptastic.config.SnaptasticProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;

/**
 * The agent serves no files, so its web servers get an empty document root of its own under the state
 * directory. Left to Spring Boot, Tomcat would take a {@code public} or {@code static} directory in the
 * working directory, or make a new temporary one on every start that a killed agent leaves behind.
 * Listed in {@code META-INF/spring/…ManagementContextConfiguration.imports} too, for the same reason as
 * {@link BearerTokenConfiguration}: the management port's server is built in a child context.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
class DocumentRootConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> emptyDocumentRoot(SnaptasticProperties properties) {
        Path root = properties.stateDir().resolve("tomcat").resolve("docroot");
        return factory -> {
            try {
                factory.setDocumentRoot(Files.createDirectories(root).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the web server's document root " + root, e);
            }
        };
    }
}
