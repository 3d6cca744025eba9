package io.snaptastic.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the tests only on an EC2 instance (IMDSv2 answers) with credentials the SDK's default chain finds,
 * as root; skips saying which is missing everywhere else. They make real volumes and snapshots.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealAwsCondition.class)
public @interface RequiresRealAws {}
