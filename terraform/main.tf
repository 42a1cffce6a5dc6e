data "aws_caller_identity" "current" {}

locals {
  # Every Task of statemachine/lemon.asl.json, by function name (lemon-<name>); a test keeps them in step.
  functions = ["ingest", "analyze-story", "match-characters", "describe-characters", "generate-portraits", "personalize", "visualize", "validate", "refine", "publish", "record-failure"]
  # Artefacts live under runs/<runId>/ in the bucket.
  runs_prefix = "runs/"
}

# ---------------------------------------------------------------- storage

resource "aws_s3_bucket" "runs" {
  bucket_prefix = "${var.name_prefix}-runs-"
}

resource "aws_s3_bucket_public_access_block" "runs" {
  bucket                  = aws_s3_bucket.runs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ---------------------------------------------------------------- stage functions

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  name               = "${var.name_prefix}-lambda"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

resource "aws_iam_role_policy_attachment" "lambda_logs" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

# Read, write and list run artefacts; nothing else in the bucket, no other bucket.
data "aws_iam_policy_document" "runs_access" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.runs.arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.runs_prefix}*"]
    }
  }
  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.runs.arn}/${local.runs_prefix}*"]
  }
}

resource "aws_iam_role_policy" "lambda_runs" {
  name   = "runs-bucket"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.runs_access.json
}

resource "aws_cloudwatch_log_group" "stage" {
  for_each          = toset(local.functions)
  name              = "/aws/lambda/lemon-${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "stage" {
  for_each         = toset(local.functions)
  function_name    = "lemon-${each.key}"
  role             = aws_iam_role.lambda.arn
  filename         = var.lambda_zip_path
  source_code_hash = filebase64sha256(var.lambda_zip_path)
  runtime          = "java17"
  handler          = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  memory_size      = lookup(var.memory_mb, each.key, var.default_memory_mb)
  timeout          = var.lambda_timeout_seconds

  environment {
    variables = {
      QUARKUS_FUNQY_EXPORT = each.key
      LEMON_STORE          = "s3://${aws_s3_bucket.runs.bucket}/runs"
    }
  }

  depends_on = [aws_cloudwatch_log_group.stage, aws_iam_role_policy_attachment.lambda_logs]
}

# ---------------------------------------------------------------- state machine

data "aws_iam_policy_document" "sfn_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "sfn" {
  name               = "${var.name_prefix}-workflow"
  assume_role_policy = data.aws_iam_policy_document.sfn_assume.json
}

# Invoke exactly the stage functions, nothing else.
data "aws_iam_policy_document" "sfn_invoke" {
  statement {
    actions   = ["lambda:InvokeFunction"]
    resources = [for f in aws_lambda_function.stage : f.arn]
  }
}

resource "aws_iam_role_policy" "sfn_invoke" {
  name   = "invoke-stages"
  role   = aws_iam_role.sfn.id
  policy = data.aws_iam_policy_document.sfn_invoke.json
}

resource "aws_sfn_state_machine" "workflow" {
  name     = "${var.name_prefix}-workflow"
  role_arn = aws_iam_role.sfn.arn
  # The one workflow definition; the local runner reads the same file.
  definition = templatefile("${path.module}/statemachine/lemon.asl.json", {
    aws_region = var.region
    account_id = data.aws_caller_identity.current.account_id
  })

  depends_on = [aws_iam_role_policy.sfn_invoke]
}
