# syntax=docker/dockerfile:1
#
# The Snaptastic agent as a container image: built from source with the Maven wrapper, then run on a
# Java 25 JRE with an AOT cache (JEP 483/514) made by a training run during the build, so the agent
# starts fast on a booting node. Build: docker build -t snaptastic:0.1.0-SNAPSHOT .
#
# How the agent runs (the same flags in the training run and the ENTRYPOINT, or the JVM drops the
# cache): -Dspring.aot.enabled=true starts the context Spring processed at build time instead of
# working it out from the configuration classes; -XX:TieredStopAtLevel=1 keeps the C2 compiler from
# taking a core while the agent starts (it spends its life waiting on EC2 and on the kernel);
# -XX:+UseSerialGC suits a heap this small; -Djdk.reflect.useNativeAccessorOnly=true has reflection
# call through the JVM instead of spinning a method handle for each constructor, method and field
# Spring and Jackson reflect on while the agent starts. docs/performance.md gives what they are worth
# together; each one's own effect is in the message of the commit that added it.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -DskipTests
# The AOT cache only covers classes loaded from plain jars on the class path, not from the jars nested
# in the executable jar: https://docs.spring.io/spring-boot/reference/packaging/aot-cache.html
RUN java -Djarmode=tools -jar target/snaptastic.jar extract --destination /opt/snaptastic

FROM eclipse-temurin:25-jre
# The host tools the agent runs: mount, umount, blkid, blockdev, lsblk, fsfreeze, losetup (util-linux),
# mkfs.ext4, e2fsck, resize2fs, dumpe2fs (e2fsprogs), mkfs.xfs, xfs_growfs (xfsprogs); curl for the HEALTHCHECK.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        util-linux e2fsprogs xfsprogs curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/snaptastic/ /opt/snaptastic/
WORKDIR /opt/snaptastic
# Training run: the agent starts as the ENTRYPOINT starts it, gets ready (both web servers up, a
# readiness probe answered) and is stopped with SIGTERM; the JVM writes the cache as it exits. Run to
# ready rather than stopped once the context is refreshed (-Dspring.context.exit=onRefresh), it also
# puts the web servers, the management port's context and the request path in the cache: ~60 ms of a
# ~1 s start (docs/performance.md). With no snapshotter configured nothing asks EC2 or IMDS, so it
# needs no network. It needs the same JVM and class path as the ENTRYPOINT, so it runs in this stage
# with the same absolute paths. Its state dir is a throwaway one, so no token is baked into the image.
RUN java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dspring.aot.enabled=true -Djdk.reflect.useNativeAccessorOnly=true \
        -XX:AOTCacheOutput=/opt/snaptastic/app.aot \
        -Dsnaptastic.state-dir=/tmp/aot-training -jar /opt/snaptastic/snaptastic.jar & \
    agent=$!; \
    for attempt in $(seq 600); do \
        curl --fail --silent --output /dev/null --max-time 2 http://127.0.0.1:8169/actuator/health/readiness && break; \
        kill -0 "$agent" || exit 1; \
        sleep 0.1; \
    done; \
    curl --fail --silent --output /dev/null --max-time 2 http://127.0.0.1:8169/actuator/health/readiness \
    && kill -TERM "$agent" && { wait "$agent"; test -s /opt/snaptastic/app.aot; } \
    && rm -rf /tmp/aot-training

# Runs as root, on purpose: the agent mounts and unmounts file systems, runs mkfs, fsck and fsfreeze,
# and opens the NVMe and loop block devices of the host, none of which an unprivileged user may do.
# The container also needs --privileged, the host's /dev, and the data root shared with the host
# (docs/installation.md).
USER root
ENV SPRING_CONFIG_ADDITIONAL_LOCATION=optional:file:/etc/snaptastic/
EXPOSE 8168 8169
# Asks liveness on the management port (health is read-only and needs no token) over loopback from
# inside the container; the agent's listeners stay on loopback unless server.address says otherwise.
# Liveness, as the chart's livenessProbe: the overall health also holds snapshot freshness and EC2
# reachability, so a fresh instance without a snapshot yet (or an EC2 hiccup) would make the container
# unhealthy, and a restart mends neither; readiness waits for the start-up mounts, which may take longer
# than the start period. Load balancers ask /actuator/health/readiness themselves.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["curl", "--fail", "--silent", "--output", "/dev/null", "--max-time", "4", "http://127.0.0.1:8169/actuator/health/liveness"]
# Exec form: java is PID 1 and gets SIGTERM itself, so a stop never lands mid-freeze without the
# agent's shutdown thawing first.
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dspring.aot.enabled=true", \
    "-Djdk.reflect.useNativeAccessorOnly=true", "-XX:AOTCache=/opt/snaptastic/app.aot", "-jar", "/opt/snaptastic/snaptastic.jar"]
