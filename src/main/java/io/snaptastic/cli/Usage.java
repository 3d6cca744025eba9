package io.snaptastic.cli;

/** The help text of the {@code snaptastic} command. */
final class Usage {

    static final String TEXT = """
            usage: snaptastic COMMAND [NAME] [options]

            Commands (NAME is a snapshotter, such as solr):
              mount-snapshots NAME    restore NAME's volumes from their newest snapshots and mount them
                  [--userdata JSON] [--dry-run] [--ignore-mounted]
              make-snapshots NAME     freeze and snapshot NAME's volumes  [--userdata JSON]
                  [--jitter DURATION] first wait a random time below DURATION, so a fleet's crontabs spread out
              unmount-snapshots NAME  unmount and detach NAME's volumes
                  [--delete-volumes]  also delete them (no prompt: snapshot first)
              list-volumes NAME       show NAME's volumes, whether mounted, and their usage
              test                    check instance metadata, credentials, EC2 permissions and host tools
              check-backups NAME      fail unless every mount point has a completed snapshot
                  [--max-age AGE]     younger than AGE (default 1d; units s m h d w)
              clean NAME              delete NAME's expired snapshots and leaked volumes  [--dry-run]
              thaw                    thaw what the agent recorded as frozen; for when it is not running
                  [--state-dir DIR]   the agent's state dir (default /var/lib/snaptastic)
              help                    show this text

            Options:
              --url URL               the agent (default http://127.0.0.1:8168)
              --token-file FILE       the API token (default: $SNAPTASTIC_TOKEN, else /var/lib/snaptastic/token)
              --loglevel LEVEL        DEBUG INFO WARNING ERROR CRITICAL (default INFO; WARNING prints only problems)
              --timeout DURATION      how long to wait for the agent in all (default 1h; units s m h d w)

            Exit codes: 0 done, 1 failed, 2 bad usage, 3 agent unreachable.
            """;

    private Usage() {}
}
