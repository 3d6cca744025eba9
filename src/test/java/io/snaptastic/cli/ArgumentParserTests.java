package io.snaptastic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class ArgumentParserTests {

    private final ArgumentParser parser = new ArgumentParser(JsonMapper.builder().build());

    private CliArguments parse(String... args) {
        return parser.parse(List.of(args));
    }

    @Test
    void mountSnapshotsTakesTheNameAndItsOptionsInEitherForm() {
        CliArguments args = parse("mount-snapshots", "solr", "--userdata", "{\"role\":\"solr\"}", "--dry-run",
                "--ignore-mounted", "--loglevel=debug", "--url=http://10.0.0.1:9000", "--token-file", "/tmp/t",
                "--timeout", "15m");

        assertThat(args.command()).isEqualTo("mount-snapshots");
        assertThat(args.snapshotter()).isEqualTo("solr");
        assertThat(args.userdata().get("role").asString()).isEqualTo("solr");
        assertThat(args.dryRun()).isTrue();
        assertThat(args.ignoreMounted()).isTrue();
        assertThat(args.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(args.url()).isEqualTo(URI.create("http://10.0.0.1:9000"));
        assertThat(args.tokenFile()).isEqualTo(Path.of("/tmp/t"));
        assertThat(args.timeout()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void defaultsAreTheLocalAgentInfoAnHourAndADay() {
        CliArguments args = parse("check-backups", "solr");

        assertThat(args.url()).isEqualTo(URI.create("http://127.0.0.1:8168"));
        assertThat(args.tokenFile()).isNull();
        assertThat(args.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(args.timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(args.maxAge()).isEqualTo(Duration.ofDays(1));
        assertThat(args.userdata()).isNull();
        assertThat(args.dryRun()).isFalse();
    }

    @Test
    void everyCommandParsesWithItsOwnOptions() {
        assertThat(parse("make-snapshots", "solr", "--userdata={}").userdata()).isEmpty();
        assertThat(parse("make-snapshots", "solr", "--jitter", "15m").jitter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(parse("make-snapshots", "solr").jitter()).as("no --jitter: no wait").isNull();
        assertThat(parse("unmount-snapshots", "solr", "--delete-volumes").deleteVolumes()).isTrue();
        assertThat(parse("list-volumes", "solr").snapshotter()).isEqualTo("solr");
        assertThat(parse("test").snapshotter()).isNull();
        assertThat(parse("check-backups", "--max-age", "2w", "solr").maxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(parse("clean", "solr", "--dry-run").dryRun()).isTrue();
        assertThat(parse("thaw").stateDir()).as("the agent's default state dir").isEqualTo(Path.of("/var/lib/snaptastic"));
        assertThat(parse("thaw", "--state-dir", "/srv/state/").stateDir()).isEqualTo(Path.of("/srv/state"));
        assertThatThrownBy(() -> parse("thaw", "solr")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("test", "--state-dir", "/srv")).isInstanceOf(UsageException.class);
        assertThat(parse("help").command()).isEqualTo("help");
        assertThat(parse("--help").command()).isEqualTo("help");
        assertThat(parse().command()).isEqualTo("help");
    }

    @ParameterizedTest
    @CsvSource({"30,PT30S", "30s,PT30S", "5m,PT5M", "2h,PT2H", "1d,PT24H", "1w,PT168H"})
    void agesTakeTheSeedsUnits(String value, Duration expected) {
        assertThat(parse("check-backups", "solr", "--max-age", value).maxAge()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "frobnicate solr|unknown command 'frobnicate'",
        "mount-snapshots|mount-snapshots needs the snapshotter's name",
        "mount-snapshots solr cassandra|takes one snapshotter name; unexpected 'cassandra'",
        "test solr|test takes no name",
        "mount-snapshots ../etc|'../etc' is not a snapshotter name",
        "make-snapshots solr --dry-run|make-snapshots does not take --dry-run",
        "make-snapshots solr --jitter soon|--jitter must be a number with an optional unit s m h d w",
        "make-snapshots solr --jitter 0s|--jitter must be longer than 0",
        "make-snapshots solr --jitter|--jitter needs a value",
        "mount-snapshots solr --jitter 5m|mount-snapshots does not take --jitter",
        "list-volumes solr --delete-volumes|list-volumes does not take --delete-volumes",
        "unmount-snapshots solr --ignore-mounted|does not take --ignore-mounted",
        "check-backups solr --max-age|--max-age needs a value",
        "check-backups solr --max-age 1y|--max-age must be a number with an optional unit s m h d w",
        "check-backups solr --max-age 0d|--max-age must be longer than 0",
        "mount-snapshots solr --userdata [1]|--userdata must be a JSON object",
        "mount-snapshots solr --userdata {nope|--userdata must be a JSON object",
        "mount-snapshots solr --dry-run=yes|--dry-run takes no value",
        "mount-snapshots solr --dry-run --dry-run|--dry-run is given twice",
        "test --loglevel LOUD|--loglevel must be one of DEBUG INFO WARNING ERROR CRITICAL",
        "test --url ftp://host|--url must be an http(s) URL",
        "test --timeout soon|--timeout must be a number",
        "test --token-file=|--token-file needs a value",
        "test --frobnicate|test does not take --frobnicate"})
    void badUsageIsRefusedWithAMessage(String line, String message) {
        assertThatThrownBy(() -> parser.parse(List.of(line.split(" "))))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mount-snapshots", "frobnicate", "check-backups solr --max-age 1y"})
    void badUsageExitsWithTwoAndSaysWhyWithoutCallingTheAgent(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Port 9 (discard) on loopback: were the agent called, the exit code would be 3, not 2.
        String[] args = (line + " --url http://127.0.0.1:9").split(" ");
        int code = new Cli(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC()).run(args);

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("snaptastic: ").contains("snaptastic help");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void recognisesTheClientsCommandsSoEverythingElseStartsTheAgent() {
        assertThat(Cli.handles(new String[] {"mount-snapshots", "solr"})).isTrue();
        assertThat(Cli.handles(new String[] {"test"})).isTrue();
        assertThat(Cli.handles(new String[] {"thaw"})).isTrue();
        assertThat(Cli.handles(new String[] {"--help"})).isTrue();
        assertThat(Cli.handles(new String[] {"--spring.profiles.active=sandbox"})).isFalse();
        assertThat(Cli.handles(new String[] {})).isFalse();
    }
}
