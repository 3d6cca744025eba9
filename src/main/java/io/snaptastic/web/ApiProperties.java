package io.snaptastic.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP API's limits, under {@code snaptastic.api}.
 *
 * @param maxBodySize the largest request body accepted; larger ones are refused with 413
 */
@ConfigurationProperties("snaptastic.api")
public record ApiProperties(@DefaultValue("64KB") DataSize maxBodySize) {}
