package lemon.lambda;

import java.util.Optional;
import lemon.storage.BlobStores;
import lemon.storage.PresignedPost;
import lemon.workflow.StepFunctionsExecutions;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What the functions that work beside the workflow (the upload trigger, the runs API) need from their
 * settings: the S3 bucket of the store and the deployed state machine, each refused with the setting to
 * fix when missing.
 */
record Deployment(PresignedPost.Bucket bucket, StepFunctionsExecutions workflow) {
    /** @param who the function, for the messages ("the upload trigger") */
    static Deployment of(String who, String store, Optional<String> machine) {
        PresignedPost.Bucket bucket = BlobStores.s3Bucket(store)
                .orElseThrow(() -> new IllegalStateException(
                        who + " needs an S3 store (LEMON_STORE=s3://bucket/prefix), not '" + store + "'"));
        String arn = machine.filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        who + " needs the workflow's ARN in LEMON_WORKFLOW_STATE_MACHINE_ARN"));
        SfnClient sfn = SfnClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(bucket.region()))
                .build();
        return new Deployment(bucket, new StepFunctionsExecutions(sfn, arn));
    }
}
