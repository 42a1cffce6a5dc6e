output "runs_bucket" {
  description = "Bucket holding runs/<runId>/ artefacts."
  value       = aws_s3_bucket.runs.bucket
}

output "state_machine_arn" {
  description = "Start executions here with {\"runId\": \"...\"}."
  value       = aws_sfn_state_machine.workflow.arn
}

output "function_arns" {
  description = "Stage name → Lambda ARN."
  value       = { for name, f in aws_lambda_function.stage : name => f.arn }
}
