package lemon.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import lemon.stage.StageErrors;
import lemon.stage.StageInput;
import lemon.stage.StageResult;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every light stage behind one handler: each deployed function runs the stage its name ends with
 * ({@code <prefix>-describe-characters}), or the one {@code lemon.lambda.stage} names. A failure
 * leaves as {@code Lemon.Transient} or {@code Lemon.Permanent} (the class's name is the error type
 * Lambda reports and Step Functions matches), never as a framework wrapper.
 */
@jakarta.inject.Named("stage")
public class StageLambda implements RequestHandler<StageInput, StageResult> {
    private final LightPipeline pipelines;
    private final Optional<String> configuredStage;

    @Inject
    public StageLambda(LightPipeline pipelines, @ConfigProperty(name = "lemon.lambda.stage") Optional<String> stage) {
        this.pipelines = pipelines;
        this.configuredStage = stage;
    }

    @Override
    public StageResult handleRequest(StageInput input, Context context) {
        try {
            List<String> functions = pipelines.get().catalogue().functions();
            String stage = stageOf(configuredStage, context == null ? null : context.getFunctionName(), functions);
            if (input == null) {
                throw new IllegalArgumentException("the " + stage + " function was invoked without an input");
            }
            return pipelines.get().call(stage, input);
        } catch (RuntimeException e) {
            throw StageErrors.asThrown(e);
        }
    }

    /**
     * The function a deployed Lambda runs: the configured one, else the longest function name its own
     * name ends with after a '-' (Terraform names them {@code <name_prefix>-<function>}).
     */
    static String stageOf(Optional<String> configured, String functionName, List<String> functions) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            String s = configured.get().strip();
            if (!functions.contains(s)) {
                throw new IllegalArgumentException("lemon.lambda.stage is '" + s + "'; the functions are " + functions);
            }
            return s;
        }
        if (functionName != null) {
            Optional<String> bySuffix = functions.stream()
                    .filter(f -> functionName.equals(f) || functionName.endsWith("-" + f))
                    .max(Comparator.comparingInt(String::length));
            if (bySuffix.isPresent()) {
                return bySuffix.get();
            }
        }
        throw new IllegalArgumentException("cannot tell which stage the function '" + functionName
                + "' runs: name it <prefix>-<stage> or set LEMON_LAMBDA_STAGE to one of " + functions);
    }
}
