data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  # Where each function of the stage catalogue runs (StageSpec.placement); a test keeps these lists, the ASL
  # file and the catalogue in step. Light functions: one Lambda each, from the lambda module's function.zip.
  lambda_functions = ["ingest", "analyze-story", "describe-characters", "publish", "next-pass", "record-failure"]
  # Engine stages: ECS tasks of the engine image (lemon stage <function> <runId> [--iteration K]).
  container_stages = ["match-characters", "generate-portraits", "personalize", "visualize", "validate", "refine"]
  # Lambdas that call the LLM (the analyst and the describer).
  llm_functions = ["analyze-story", "describe-characters"]
  # Artefacts live under runs/<runId>/ in the bucket, uploads under runs/uploads/.
  runs_prefix = "runs/"
  # where pages upload from and read runs' files: the origins set, and the page the API serves
  page_origins = concat(var.upload_origins, local.upload_api == 1 ? [aws_apigatewayv2_api.uploads[0].api_endpoint] : [])
}

# ---------------------------------------------------------------- storage

resource "aws_kms_key" "runs" {
  description         = "${var.name_prefix}: run artefacts and logs"
  enable_key_rotation = true
}

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

resource "aws_s3_bucket_server_side_encryption_configuration" "runs" {
  bucket = aws_s3_bucket.runs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.runs.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "runs" {
  bucket = aws_s3_bucket.runs.id
  versioning_configuration {
    status = "Enabled"
  }
}

# Uploads are read once by ingest (which copies the story into the run); replaced artefacts are kept a while.
resource "aws_s3_bucket_lifecycle_configuration" "runs" {
  bucket = aws_s3_bucket.runs.id
  rule {
    id     = "uploads"
    status = "Enabled"
    filter {
      prefix = "${local.runs_prefix}uploads/"
    }
    expiration {
      days = var.upload_expiry_days
    }
  }
  rule {
    id     = "replaced-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_expiry_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 2
    }
  }
}

data "aws_iam_policy_document" "runs_bucket" {
  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.runs.arn, "${aws_s3_bucket.runs.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "runs" {
  bucket = aws_s3_bucket.runs.id
  policy = data.aws_iam_policy_document.runs_bucket.json
}

resource "aws_s3_bucket_cors_configuration" "runs" {
  count  = length(local.page_origins) > 0 ? 1 : 0
  bucket = aws_s3_bucket.runs.id
  cors_rule {
    # POST: the upload form; GET: the page reading a run's files through the runs API's signed links
    allowed_methods = ["GET", "POST"]
    allowed_origins = local.page_origins
    allowed_headers = ["*"]
    max_age_seconds = 300
  }
}

# Read, write and list run artefacts with the bucket's key; nothing else in the bucket, no other bucket.
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
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.runs.arn]
  }
}
