package io.snaptastic.snapshotter;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Lets tests in other packages load the package-private snapshotter configuration. */
@Configuration(proxyBeanMethods = false)
@Import(SnapshotterConfiguration.class)
public class SnapshotterTestAccess {}
