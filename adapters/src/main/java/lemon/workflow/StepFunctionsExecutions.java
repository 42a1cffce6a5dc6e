package lemon.workflow;

import lemon.upload.RunStarter;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts the deployed workflow. Step Functions answers a repeated StartExecution of one name with
 * the same input by returning the existing execution (and with other input by ExecutionAlreadyExists);
 * either way no second run starts, and this says whether the call started it.
 */
public final class StepFunctionsExecutions implements RunStarter.Executions {
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
        String arn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        try {
            sfn.describeExecution(r -> r.executionArn(arn));
            return true;
        } catch (software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException e) {
            return false;
        }
    }
}
