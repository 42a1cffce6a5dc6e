package lemon.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lemon.config.LemonConfig;
import lemon.storage.BlobStores;
import lemon.storage.PresignedPost;
import lemon.upload.RunStarter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The upload trigger (the function Terraform names {@code <prefix>-upload-trigger}, handler
 * {@code upload-trigger}): S3's notifications arrive in batches from SQS, and each upload starts one
 * execution of the workflow ({@link RunStarter}). A refused upload is logged, its reason written beside
 * it ({@code <upload>.failure.json}) and its message consumed; a message that could not be handled (Step Functions unreachable or throttling) is
 * handed back as a batch item failure, so SQS delivers it again and, after the queue's limit, moves
 * it to the dead-letter queue.
 */
@Named("upload-trigger")
public class UploadTriggerLambda implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final System.Logger LOG = System.getLogger(UploadTriggerLambda.class.getName());

    private final RunStarter starter;

    @Inject
    public UploadTriggerLambda(
            LemonConfig config, @ConfigProperty(name = "lemon.workflow.state-machine-arn") Optional<String> machine) {
        this(starter(config.store(), config.ingest().maxBytes(), machine));
    }

    UploadTriggerLambda(RunStarter starter) {
        this.starter = starter;
    }

    private static RunStarter starter(String store, long maxBytes, Optional<String> machine) {
        Deployment d = Deployment.of("the upload trigger", store, machine);
        PresignedPost.Bucket bucket = d.bucket();
        // the store: the uploader's run options beside each upload, and why a refused one was refused
        return new RunStarter(bucket.name(), bucket.prefix(), maxBytes, d.workflow(), BlobStores.fromUri(store));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            try {
                for (RunStarter.Outcome o : starter.handle(m.getBody())) {
                    LOG.log(
                            o.status() == RunStarter.Status.REFUSED
                                    ? System.Logger.Level.WARNING
                                    : System.Logger.Level.INFO,
                            o.key() + ": " + o.message());
                }
            } catch (IllegalArgumentException e) {
                // not a notification at all: delivering it again cannot help
                LOG.log(System.Logger.Level.WARNING, "message " + m.getMessageId() + " dropped: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "message " + m.getMessageId() + " will be retried: " + e);
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
