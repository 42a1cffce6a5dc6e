output "runs_bucket" {
  description = "Bucket holding the runs (runs/tenants/<tenant>/<runId>/) and the uploads (runs/uploads/<tenant>/<id>/<file>)."
  value       = aws_s3_bucket.runs.bucket
}

output "state_machine_arn" {
  description = "Start executions here with {\"runId\": \"...\", \"uploadKey\": \"uploads/<file>\"}."
  value       = aws_sfn_state_machine.workflow.arn
}

output "function_arns" {
  description = "Function name → Lambda ARN."
  value       = { for name, f in aws_lambda_function.stage : name => f.arn }
}

output "engine_repository_url" {
  description = "Push the engine images here (<tag> GPU, <tag>-cpu CPU)."
  value       = aws_ecr_repository.engine.repository_url
}

output "uploads_queue_url" {
  description = "Where S3 announces uploaded stories to the upload trigger."
  value       = aws_sqs_queue.uploads.url
}

output "uploads_dead_letter_queue_url" {
  description = "Upload notifications the trigger failed on five times (alarmed)."
  value       = aws_sqs_queue.uploads_dlq.url
}

output "upload_url_endpoint" {
  description = "POST {\"fileName\": ..., \"options\": {...}} here with the caller's token (Authorization: Bearer …) for an upload form; null without upload_jwt_issuer."
  value       = local.upload_api == 1 ? "${aws_apigatewayv2_stage.uploads[0].invoke_url}/upload-url" : null
}

output "runs_endpoint" {
  description = "The runs API (GET /runs, GET /runs/{runId}, POST …/stop|resume|zip, DELETE /runs/{runId}) with the caller's token; the page's API base is this without /runs. Null without upload_jwt_issuer."
  value       = local.upload_api == 1 ? "${aws_apigatewayv2_stage.uploads[0].invoke_url}/runs" : null
}

output "page_url" {
  description = "The web page on AWS: sign in with a token from the identity provider, drop a story, follow its run. Null without upload_jwt_issuer."
  value       = local.upload_api == 1 ? "${aws_apigatewayv2_stage.uploads[0].invoke_url}/" : null
}
