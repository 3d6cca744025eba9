/**
 * The sandbox: an EC2-compatible endpoint and IMDSv2 inside the agent, on 127.0.0.1 only, so the
 * agent (and a user's AWS CLI) can be tried and tested without AWS.
 *
 * <p>Enabled by the {@code sandbox} profile or {@code snaptastic.sandbox.enabled=true}; nothing of it
 * exists otherwise. One port ({@code snaptastic.sandbox.port}, 8170) serves the EC2 Query API at
 * {@code POST /} and IMDS at {@code /latest/…}. The agent's EC2 and IMDS clients point at it through
 * {@link io.snaptastic.config.PlatformDefaults}, unless {@code snaptastic.aws.ec2-endpoint} or
 * {@code imds-endpoint} are set, which always win.
 *
 * <p>State lives in {@code <state-dir>/sandbox}: {@code state.json} (resources and tags),
 * {@code volumes/} and {@code snapshots/} (sparse images), {@code dev/} and {@code sys/} (the device
 * links and NVMe serials the device resolver reads). Volumes are attached as loop devices.
 */
package io.snaptastic.sandbox;
