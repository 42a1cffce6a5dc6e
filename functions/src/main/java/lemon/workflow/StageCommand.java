package lemon.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import lemon.run.Json;

/**
 * The stage an engine container's command names, as {@code lemon stage <function> <runId>
 * [--iteration K] [--tenant T]} reads it: the function and the stage input it gets. One reading for
 * the local runner's container tasks and for anything else that stands in for ECS.
 */
public record StageCommand(String function, ObjectNode input) {
    /**
     * @param at where the literal "stage" is in {@code command}
     * @return empty when the command has no function or run id after it
     */
    public static Optional<StageCommand> parse(JsonNode command, int at) {
        if (!command.isArray()
                || command.size() <= at + 2
                || !command.get(at + 2).isValueNode()) {
            return Optional.empty();
        }
        ObjectNode input =
                Json.MAPPER.createObjectNode().put("runId", command.get(at + 2).asText());
        for (int i = at + 3; i + 1 < command.size(); i++) {
            String flag = command.get(i).asText();
            if (flag.equals("--iteration")) {
                input.put("iteration", Integer.parseInt(command.get(i + 1).asText()));
            } else if (flag.equals("--tenant")) {
                input.put("tenant", command.get(i + 1).asText());
            }
        }
        return Optional.of(new StageCommand(command.get(at + 1).asText(), input));
    }

    /** The command's own "stage" position, for a caller that has only the command. */
    public static Optional<StageCommand> parse(JsonNode command) {
        for (int i = 0; command.isArray() && i < command.size(); i++) {
            if ("stage".equals(command.get(i).asText())) return parse(command, i);
        }
        return Optional.empty();
    }
}
