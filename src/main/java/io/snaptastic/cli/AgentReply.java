package io.snaptastic.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** One answer of the agent: its status and its body read as JSON (a missing node when it was not JSON). */
record AgentReply(int status, JsonNode body) {

    AgentReply {
        body = body == null ? MissingNode.getInstance() : body;
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
