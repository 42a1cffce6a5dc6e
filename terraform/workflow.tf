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
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "sfn" {
  name               = "${var.name_prefix}-workflow"
  assume_role_policy = data.aws_iam_policy_document.sfn_assume.json
}

# Invoke exactly the light functions, run exactly the engine task definitions (and hand them only their two
# roles), and follow those tasks through the rule Step Functions manages for ecs:runTask.sync.
data "aws_iam_policy_document" "sfn" {
  statement {
    actions   = ["lambda:InvokeFunction"]
    resources = [for f in aws_lambda_function.stage : f.arn]
  }
  statement {
    actions   = ["ecs:RunTask"]
    resources = [for t in aws_ecs_task_definition.engine : "${t.arn_without_revision}:*"]
  }
  statement {
    actions   = ["ecs:StopTask", "ecs:DescribeTasks"]
    resources = ["arn:${data.aws_partition.current.partition}:ecs:${var.region}:${local.account_id}:task/${aws_ecs_cluster.engine.name}/*"]
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.engine_task.arn, aws_iam_role.engine_execution.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
  statement {
    actions   = ["events:PutTargets", "events:PutRule", "events:DescribeRule"]
    resources = ["arn:${data.aws_partition.current.partition}:events:${var.region}:${local.account_id}:rule/StepFunctionsGetEventsForECSTaskRule"]
  }
  statement {
    # log delivery and X-Ray: each takes no narrower resource
    actions = [
      "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
      "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "sfn" {
  name   = "run-stages"
  role   = aws_iam_role.sfn.id
  policy = data.aws_iam_policy_document.sfn.json
}

resource "aws_cloudwatch_log_group" "workflow" {
  name              = "/aws/vendedlogs/states/${var.name_prefix}-workflow"
  retention_in_days = var.log_retention_days
}

resource "aws_sfn_state_machine" "workflow" {
  name     = "${var.name_prefix}-workflow"
  role_arn = aws_iam_role.sfn.arn
  # The one workflow definition; the local runner reads the same file.
  definition = templatefile("${path.module}/statemachine/lemon.asl.json", {
    aws_region                     = var.region
    account_id                     = local.account_id
    name_prefix                    = var.name_prefix
    ecs_cluster_arn                = aws_ecs_cluster.engine.arn
    engine_gpu_task_definition_arn = aws_ecs_task_definition.engine["gpu"].arn
    engine_cpu_task_definition_arn = aws_ecs_task_definition.engine["cpu"].arn
    gpu_capacity_provider          = aws_ecs_capacity_provider.engine["gpu"].name
    cpu_capacity_provider          = aws_ecs_capacity_provider.engine["cpu"].name
  })

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.workflow.arn}:*"
    include_execution_data = false
    level                  = "ERROR"
  }

  tracing_configuration {
    enabled = true
  }

  depends_on = [aws_iam_role_policy.sfn]
}

resource "aws_cloudwatch_metric_alarm" "failed_executions" {
  alarm_name          = "${var.name_prefix}-failed-executions"
  alarm_description   = "A LeMon run failed; its manifest says which stage and why."
  namespace           = "AWS/States"
  metric_name         = "ExecutionsFailed"
  dimensions          = { StateMachineArn = aws_sfn_state_machine.workflow.arn }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
}
