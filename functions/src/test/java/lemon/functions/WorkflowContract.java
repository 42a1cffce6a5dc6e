package lemon.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lemon.run.Json;
import lemon.stage.StageCatalogue;
import lemon.workflow.AslStateMachine;

/**
 * What ties the stage catalogue to everything that names a stage: the ASL file calls every
 * catalogue function and nothing else, in catalogue order along its happy path; there is one Funqy function per stage;
 * Terraform deploys exactly those functions. Returns the problems, empty when all agree.
 */
final class WorkflowContract {
    private WorkflowContract() {}

    static List<String> problems(
            StageCatalogue catalogue, JsonNode asl, Set<String> funqFunctions, Set<String> terraformFunctions) {
        AslStateMachine machine = AslStateMachine.parse(asl.toString());
        List<String> problems = new ArrayList<>();
        Set<String> expected = new LinkedHashSet<>(catalogue.functions());
        compare(
                "the ASL file's Task states",
                new LinkedHashSet<>(machine.taskFunctions().values()),
                expected,
                problems);
        compare("the @Funq functions", funqFunctions, expected, problems);
        compare("Terraform's function list", terraformFunctions, expected, problems);
        compare(
                "the ASL file's container tasks",
                machine.containerFunctions(),
                new LinkedHashSet<>(catalogue.functions(lemon.stage.Placement.ENGINE_CONTAINER)),
                problems);
        List<String> inFile = happyPath(asl).stream()
                .map(machine.taskFunctions()::get)
                .filter(catalogue.names()::contains)
                .toList();
        List<String> inCatalogue =
                catalogue.names().stream().filter(inFile::contains).toList();
        if (!inFile.equals(inCatalogue)) {
            problems.add(
                    "the ASL file calls the stages in the order " + inFile + ", the catalogue's is " + inCatalogue);
        }
        return problems;
    }

    /** States from StartAt along Next, and a Choice's Default: the path of a run that goes well. */
    static List<String> happyPath(JsonNode asl) {
        List<String> path = new ArrayList<>();
        String state = asl.path("StartAt").asText();
        while (!state.isEmpty() && !path.contains(state)) {
            path.add(state);
            JsonNode s = asl.path("States").path(state);
            state = s.path("Type").asText().equals("Choice")
                    ? s.path("Default").asText()
                    : s.path("Next").asText();
        }
        return path;
    }

    static JsonNode shippedWorkflow() throws IOException {
        return Json.MAPPER.readTree(Files.readString(terraformDir().resolve("statemachine/lemon.asl.json")));
    }

    private static void compare(String what, Set<String> actual, Set<String> expected, List<String> problems) {
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new LinkedHashSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            problems.add(what + " lack " + missing);
        }
        if (!extra.isEmpty()) {
            problems.add(what + " name " + extra + ", which the catalogue does not have");
        }
    }

    /** What terraform/main.tf deploys: {@code local.lambda_functions} and {@code local.container_stages}. */
    static Set<String> terraformFunctions(Path terraform) throws IOException {
        String main = Files.readString(terraform.resolve("main.tf"));
        Set<String> deployed = new LinkedHashSet<>();
        for (String list : List.of("lambda_functions", "container_stages")) {
            Matcher m = Pattern.compile(list + "\\s*=\\s*\\[([^]]*)]").matcher(main);
            if (!m.find()) {
                throw new IllegalStateException("local." + list + " not found in main.tf");
            }
            Arrays.stream(m.group(1).split(","))
                    .map(s -> s.trim().replace("\"", ""))
                    .filter(s -> !s.isEmpty())
                    .forEach(deployed::add);
        }
        return deployed;
    }

    static Path terraformDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("terraform/statemachine"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("terraform/statemachine not found above the working directory");
        }
        return dir.resolve("terraform");
    }
}
