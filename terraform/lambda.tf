# ---------------------------------------------------------------- light stages: one Lambda per function

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# A role per function: its log group, the run artefacts, and Bedrock or SageMaker only where the LLM is called.
resource "aws_iam_role" "function" {
  for_each           = toset(local.lambda_functions)
  name               = "${var.name_prefix}-fn-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "function" {
  for_each                = toset(local.lambda_functions)
  source_policy_documents = [data.aws_iam_policy_document.runs_access.json]
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }
  statement {
    # X-Ray takes no narrower resource
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = contains(local.llm_functions, each.key) && var.llm_provider == "bedrock" ? [1] : []
    content {
      actions   = ["bedrock:InvokeModel"]
      resources = ["arn:${data.aws_partition.current.partition}:bedrock:${var.region}::foundation-model/${var.llm_model}"]
    }
  }
  dynamic "statement" {
    # SageMaker keeps endpoint names lower-case in its ARNs
    for_each = contains(local.llm_functions, each.key) && var.llm_provider == "sagemaker" ? [1] : []
    content {
      actions   = ["sagemaker:InvokeEndpoint"]
      resources = ["arn:${data.aws_partition.current.partition}:sagemaker:${var.region}:${local.account_id}:endpoint/${lower(var.llm_model)}"]
    }
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = toset(local.lambda_functions)
  name     = "stage"
  role     = aws_iam_role.function[each.key].id
  policy   = data.aws_iam_policy_document.function[each.key].json
}

resource "aws_cloudwatch_log_group" "function" {
  for_each          = toset(local.lambda_functions)
  name              = "/aws/lambda/${var.name_prefix}-${each.key}"
  retention_in_days = var.log_retention_days
}

# The key of an OpenAI-compatible server, kept in Secrets Manager and handed to the LLM functions only.
data "aws_secretsmanager_secret_version" "llm_key" {
  count     = var.llm_api_key_secret_arn == "" ? 0 : 1
  secret_id = var.llm_api_key_secret_arn
}

resource "aws_lambda_function" "stage" {
  for_each         = toset(local.lambda_functions)
  function_name    = "${var.name_prefix}-${each.key}"
  role             = aws_iam_role.function[each.key].arn
  filename         = var.lambda_zip_path
  source_code_hash = filebase64sha256(var.lambda_zip_path)
  runtime          = "java17"
  # Quarkus' handler hands the event to StageLambda, which runs the stage this function's name ends with.
  handler     = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  memory_size = lookup(var.memory_mb, each.key, var.default_memory_mb)
  timeout     = var.lambda_timeout_seconds
  kms_key_arn = aws_kms_key.runs.arn

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = merge(
      {
        LEMON_STORE        = "s3://${aws_s3_bucket.runs.bucket}/runs"
        LEMON_LAMBDA_STAGE = each.key
        LEMON_LLM_PROVIDER = var.llm_provider
        LEMON_LLM_REGION   = var.region
      },
      var.llm_model == "" ? {} : { LEMON_LLM_MODEL = var.llm_model },
      var.llm_base_url == "" ? {} : { LEMON_LLM_BASE_URL = var.llm_base_url },
      var.llm_provider == "sagemaker" ? { LEMON_LLM_SAGEMAKER_FORMAT = var.llm_sagemaker_format } : {},
      var.tenant_monthly_cap_usd == 0 ? {} : { LEMON_COST_TENANT_MONTHLY_CAP = tostring(var.tenant_monthly_cap_usd) },
      contains(local.llm_functions, each.key) && var.llm_api_key_secret_arn != "" ? {
        LEMON_LLM_API_KEY = data.aws_secretsmanager_secret_version.llm_key[0].secret_string
      } : {}
    )
  }

  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function]
}
