package io.snaptastic.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Puts the bearer token filter in front of the API and of the actuator. The actuator on its own port
 * runs in a child context whose server sees only the child's filters, so this class is also listed in
 * {@code META-INF/spring/…ManagementContextConfiguration.imports}; in the main context the component
 * scan finds it, and Spring ignores the second import when both are the same context.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
class BearerTokenConfiguration {

    /** Early, right after Boot's character encoding filter, so nothing runs for a refused request. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(ApiToken token, ProblemWriter problems) {
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(token, problems));
        registration.setOrder(ORDER);
        return registration;
    }
}
