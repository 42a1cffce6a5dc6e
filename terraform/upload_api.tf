# ---------------------------------------------------------------- upload API: POST /upload-url behind a JWT authoriser

# The page (or any client) asks here for a presigned upload form. API Gateway checks the caller's token
# against the identity provider (a Cognito user pool or any OIDC issuer) before the function runs; the
# function takes the tenant from the token's claim, never from the request. Made only when an issuer is set.
locals {
  upload_api = var.upload_jwt_issuer == "" ? 0 : 1
}

resource "aws_iam_role" "upload_url" {
  count              = local.upload_api
  name               = "${var.name_prefix}-fn-upload-url"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

# The form is signed with this role's credentials, so the role may put exactly what forms allow: objects
# under uploads/ (the stories, and the run options beside them), with the bucket's key.
data "aws_iam_policy_document" "upload_url" {
  count = local.upload_api
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.runs.arn}/${local.runs_prefix}uploads/*"]
  }
  statement {
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [aws_kms_key.runs.arn]
  }
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.upload_url[0].arn}:*"]
  }
}

resource "aws_iam_role_policy" "upload_url" {
  count  = local.upload_api
  name   = "upload-url"
  role   = aws_iam_role.upload_url[0].id
  policy = data.aws_iam_policy_document.upload_url[0].json
}

resource "aws_cloudwatch_log_group" "upload_url" {
  count             = local.upload_api
  name              = "/aws/lambda/${var.name_prefix}-upload-url"
  retention_in_days = var.log_retention_days
}

# The same artefact as the light stages; Quarkus runs the handler named upload-url.
resource "aws_lambda_function" "upload_url" {
  count            = local.upload_api
  function_name    = "${var.name_prefix}-upload-url"
  role             = aws_iam_role.upload_url[0].arn
  filename         = var.lambda_zip_path
  source_code_hash = filebase64sha256(var.lambda_zip_path)
  runtime          = "java17"
  handler          = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  memory_size      = var.default_memory_mb
  timeout          = 30

  environment {
    variables = {
      QUARKUS_LAMBDA_HANDLER    = "upload-url"
      LEMON_STORE               = "s3://${aws_s3_bucket.runs.bucket}/runs"
      LEMON_S3_REGION           = var.region
      LEMON_UPLOAD_TENANT_CLAIM = var.upload_tenant_claim
    }
  }

  depends_on = [aws_cloudwatch_log_group.upload_url, aws_iam_role_policy.upload_url]
}

resource "aws_apigatewayv2_api" "uploads" {
  count         = local.upload_api
  name          = "${var.name_prefix}-uploads"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins = var.upload_origins
    allow_methods = ["GET", "POST", "DELETE"]
    allow_headers = ["authorization", "content-type"]
    max_age       = 300
  }
}

resource "aws_apigatewayv2_authorizer" "uploads" {
  count            = local.upload_api
  api_id           = aws_apigatewayv2_api.uploads[0].id
  name             = "${var.name_prefix}-jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = var.upload_jwt_issuer
    audience = var.upload_jwt_audience
  }
}

resource "aws_apigatewayv2_integration" "upload_url" {
  count                  = local.upload_api
  api_id                 = aws_apigatewayv2_api.uploads[0].id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.upload_url[0].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "upload_url" {
  count              = local.upload_api
  api_id             = aws_apigatewayv2_api.uploads[0].id
  route_key          = "POST /upload-url"
  target             = "integrations/${aws_apigatewayv2_integration.upload_url[0].id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.uploads[0].id
}

resource "aws_apigatewayv2_stage" "uploads" {
  count       = local.upload_api
  api_id      = aws_apigatewayv2_api.uploads[0].id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    throttling_burst_limit = 20
    throttling_rate_limit  = 10
  }
}

resource "aws_lambda_permission" "upload_url" {
  count         = local.upload_api
  statement_id  = "api-gateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.upload_url[0].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.uploads[0].execution_arn}/*/*/upload-url"
}
