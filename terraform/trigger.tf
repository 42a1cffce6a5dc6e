# ---------------------------------------------------------------- upload trigger: S3 -> SQS (+DLQ) -> Lambda -> StartExecution

# S3 announces every object created under uploads/ (stories, and the run options the upload form keeps
# beside them; nothing a run writes is there, so runs cause no notifications); a message that the trigger cannot handle
# comes back and, after five tries, waits in the dead-letter queue (alarmed) instead of being lost.
resource "aws_sqs_queue" "uploads_dlq" {
  name                      = "${var.name_prefix}-uploads-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "uploads" {
  name = "${var.name_prefix}-uploads"
  # six times the function's timeout, as Lambda's event source mapping asks
  visibility_timeout_seconds = 6 * var.trigger_timeout_seconds
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.uploads_dlq.arn
    maxReceiveCount     = 5
  })
}

data "aws_iam_policy_document" "uploads_queue" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.uploads.arn]
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_s3_bucket.runs.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sqs_queue_policy" "uploads" {
  queue_url = aws_sqs_queue.uploads.id
  policy    = data.aws_iam_policy_document.uploads_queue.json
}

resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.runs.id
  queue {
    queue_arn     = aws_sqs_queue.uploads.arn
    events        = ["s3:ObjectCreated:*"]
    filter_prefix = "${local.runs_prefix}uploads/"
  }
  depends_on = [aws_sqs_queue_policy.uploads]
}

# The trigger reads from the bucket only the run options beside an upload (the notification carries key,
# size and ETag) and writes only why it refused an upload, beside it, and which execution it started (in the
# tenant's executions/); otherwise it may only take messages
# from its queue and start (or look up) executions of this workflow.
resource "aws_iam_role" "trigger" {
  name               = "${var.name_prefix}-fn-upload-trigger"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "trigger" {
  statement {
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.uploads.arn]
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.runs.arn}/${local.runs_prefix}uploads/*/run-options.json"]
  }
  statement {
    actions = ["s3:PutObject"]
    resources = [
      "${aws_s3_bucket.runs.arn}/${local.runs_prefix}uploads/*.failure.json",
      # the execution it started, for the runs API (lemon.upload.UploadExecution)
      "${aws_s3_bucket.runs.arn}/${local.runs_prefix}tenants/*/executions/*",
    ]
  }
  statement {
    # the bucket's objects are encrypted with its key (SSE-KMS)
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.runs.arn]
  }
  statement {
    actions   = ["states:StartExecution"]
    resources = [aws_sfn_state_machine.workflow.arn]
  }
  statement {
    actions = ["states:DescribeExecution"]
    resources = [
      "arn:${data.aws_partition.current.partition}:states:${var.region}:${data.aws_caller_identity.current.account_id}:execution:${aws_sfn_state_machine.workflow.name}:*"
    ]
  }
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.trigger.arn}:*"]
  }
}

resource "aws_iam_role_policy" "trigger" {
  name   = "upload-trigger"
  role   = aws_iam_role.trigger.id
  policy = data.aws_iam_policy_document.trigger.json
}

resource "aws_cloudwatch_log_group" "trigger" {
  name              = "/aws/lambda/${var.name_prefix}-upload-trigger"
  retention_in_days = var.log_retention_days
}

# The same artefact as the light stages; Quarkus runs the handler named upload-trigger.
resource "aws_lambda_function" "trigger" {
  function_name    = "${var.name_prefix}-upload-trigger"
  role             = aws_iam_role.trigger.arn
  filename         = var.lambda_zip_path
  source_code_hash = filebase64sha256(var.lambda_zip_path)
  runtime          = "java17"
  handler          = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  memory_size      = var.default_memory_mb
  timeout          = var.trigger_timeout_seconds

  environment {
    variables = {
      QUARKUS_LAMBDA_HANDLER           = "upload-trigger"
      LEMON_STORE                      = "s3://${aws_s3_bucket.runs.bucket}/runs"
      LEMON_S3_REGION                  = var.region
      LEMON_WORKFLOW_STATE_MACHINE_ARN = aws_sfn_state_machine.workflow.arn
    }
  }

  depends_on = [aws_cloudwatch_log_group.trigger, aws_iam_role_policy.trigger]
}

resource "aws_lambda_event_source_mapping" "uploads" {
  event_source_arn        = aws_sqs_queue.uploads.arn
  function_name           = aws_lambda_function.trigger.arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
}

resource "aws_cloudwatch_metric_alarm" "uploads_dlq" {
  alarm_name          = "${var.name_prefix}-uploads-dead-letters"
  alarm_description   = "An upload notification failed five times; it waits in the dead-letter queue."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.uploads_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
}
