package io.snaptastic.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed command line.
 *
 * @param command the command, such as {@code mount-snapshots}, or {@code help}
 * @param snapshotter the snapshotter's name; null for {@code test} and {@code help}
 * @param userdata --userdata, replacing the instance's userdata; null when not given
 * @param dryRun --dry-run: only report what would be done
 * @param ignoreMounted --ignore-mounted: skip mount points something else is mounted on
 * @param deleteVolumes --delete-volumes: delete the volumes after unmounting (no prompt)
 * @param maxAge --max-age for check-backups
 * @param logLevel --loglevel: how much is printed
 * @param url --url: where the agent listens
 * @param tokenFile --token-file when given; null means SNAPTASTIC_TOKEN, then the default file
 * @param timeout --timeout: how long the client waits for the agent in all
 * @param stateDir --state-dir for thaw: the agent's {@code snaptastic.state-dir}
 * @param jitter --jitter for make-snapshots: the longest random wait before calling the agent; null for none
 */
record CliArguments(
        String command,
        String snapshotter,
        ObjectNode userdata,
        boolean dryRun,
        boolean ignoreMounted,
        boolean deleteVolumes,
        Duration maxAge,
        LogLevel logLevel,
        URI url,
        Path tokenFile,
        Duration timeout,
        Path stateDir,
        Duration jitter) {

    static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8168");
    // The agent's default snaptastic.state-dir (application.yml), where it keeps the token and freeze records.
    static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/snaptastic");
    static final Path DEFAULT_TOKEN_FILE = DEFAULT_STATE_DIR.resolve("token");
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);
}
