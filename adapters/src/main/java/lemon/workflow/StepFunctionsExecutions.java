package lemon.workflow;

import java.util.Optional;
import lemon.upload.DeployedRuns;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts, reads and stops the deployed workflow's executions. Step Functions answers a repeated StartExecution of one name with
 * the same input by returning the existing execution (and with other input by ExecutionAlreadyExists);
 * either way no second run starts, and this says whether the call started it.
 */
public final class StepFunctionsExecutions implements DeployedRuns.Workflow {
    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsExecutions(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public boolean start(String name, String inputJson) {
        try {
            if (exists(name)) return false;
            sfn.startExecution(
                    r -> r.stateMachineArn(stateMachineArn).name(name).input(inputJson));
            return true;
        } catch (ExecutionAlreadyExistsException e) {
            return false;
        }
    }

    private boolean exists(String name) {
        return status(name).isPresent();
    }

    @Override
    public Optional<String> status(String name) {
        try {
            return Optional.of(
                    sfn.describeExecution(r -> r.executionArn(arn(name))).statusAsString());
        } catch (software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException e) {
            return Optional.empty();
        }
    }

    @Override
    public void stop(String name, String cause) {
        sfn.stopExecution(r -> r.executionArn(arn(name)).error("Lemon.Stopped").cause(cause));
    }

    /** An execution's ARN: the state machine's, with its resource type and the execution's name. */
    private String arn(String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }
}
