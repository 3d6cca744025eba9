package io.snaptastic.cli;

/** One of the seed's commands, run against the agent; answers the exit code. */
interface CliCommand {

    int run(CliArguments args, AgentClient agent, Console console);
}
