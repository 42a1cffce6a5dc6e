# ---------------------------------------------------------------- runs API: GET/POST/DELETE /runs… behind the same JWT authoriser

# The page's view of a tenant's runs on AWS: the list, one run with signed links to its files, stop, resume,
# zip and delete. Same API, authoriser and tenant claim as POST /upload-url; the function reads and writes only
# under runs/ (it scopes every call to the caller's tenants/<tenant>/ and uploads/<tenant>/ itself) and touches
# only this workflow's executions. Made only when an issuer is set.

resource "aws_iam_role" "runs_api" {
  count              = local.upload_api
  name               = "${var.name_prefix}-fn-runs"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "runs_api" {
  count = local.upload_api
  statement {
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.runs.arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.runs_prefix}tenants/*", "${local.runs_prefix}uploads/*"]
    }
  }
  # reading a run and signing links to its files; the zip it writes (exports/), deleting a run and its upload
  statement {
    actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = [
      "${aws_s3_bucket.runs.arn}/${local.runs_prefix}tenants/*",
      "${aws_s3_bucket.runs.arn}/${local.runs_prefix}uploads/*",
    ]
  }
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.runs.arn]
  }
  statement {
    actions   = ["states:StartExecution"]
    resources = [aws_sfn_state_machine.workflow.arn]
  }
  statement {
    actions = ["states:DescribeExecution", "states:StopExecution"]
    resources = [
      "arn:${data.aws_partition.current.partition}:states:${var.region}:${data.aws_caller_identity.current.account_id}:execution:${aws_sfn_state_machine.workflow.name}:*"
    ]
  }
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.runs_api[0].arn}:*"]
  }
}

resource "aws_iam_role_policy" "runs_api" {
  count  = local.upload_api
  name   = "runs-api"
  role   = aws_iam_role.runs_api[0].id
  policy = data.aws_iam_policy_document.runs_api[0].json
}

resource "aws_cloudwatch_log_group" "runs_api" {
  count             = local.upload_api
  name              = "/aws/lambda/${var.name_prefix}-runs"
  retention_in_days = var.log_retention_days
}

# The same artefact as the light stages; Quarkus runs the handler named runs.
resource "aws_lambda_function" "runs_api" {
  count            = local.upload_api
  function_name    = "${var.name_prefix}-runs"
  role             = aws_iam_role.runs_api[0].arn
  filename         = var.lambda_zip_path
  source_code_hash = filebase64sha256(var.lambda_zip_path)
  runtime          = "java17"
  handler          = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  memory_size      = var.default_memory_mb
  timeout          = 30

  environment {
    variables = {
      QUARKUS_LAMBDA_HANDLER           = "runs"
      LEMON_STORE                      = "s3://${aws_s3_bucket.runs.bucket}/runs"
      LEMON_S3_REGION                  = var.region
      LEMON_UPLOAD_TENANT_CLAIM        = var.upload_tenant_claim
      LEMON_WORKFLOW_STATE_MACHINE_ARN = aws_sfn_state_machine.workflow.arn
    }
  }

  depends_on = [aws_cloudwatch_log_group.runs_api, aws_iam_role_policy.runs_api]
}

resource "aws_apigatewayv2_integration" "runs_api" {
  count                  = local.upload_api
  api_id                 = aws_apigatewayv2_api.uploads[0].id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.runs_api[0].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "runs_api" {
  for_each = local.upload_api == 1 ? toset([
    "GET /runs",
    "GET /runs/{runId}",
    "DELETE /runs/{runId}",
    "POST /runs/{runId}/stop",
    "POST /runs/{runId}/resume",
    "POST /runs/{runId}/zip",
  ]) : toset([])
  api_id             = aws_apigatewayv2_api.uploads[0].id
  route_key          = each.value
  target             = "integrations/${aws_apigatewayv2_integration.runs_api[0].id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.uploads[0].id
}

# The page itself (the same files ./lemon serve serves): public, it holds nothing of anyone's; its config.json
# switches it to this API, and it asks for the caller's token before anything else.
resource "aws_apigatewayv2_route" "page" {
  for_each  = local.upload_api == 1 ? toset(["GET /", "GET /index.html", "GET /app.js", "GET /app.css", "GET /config.json"]) : toset([])
  api_id    = aws_apigatewayv2_api.uploads[0].id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.runs_api[0].id}"
}

resource "aws_lambda_permission" "runs_api" {
  count         = local.upload_api
  statement_id  = "api-gateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.runs_api[0].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.uploads[0].execution_arn}/*/*/*"
}
