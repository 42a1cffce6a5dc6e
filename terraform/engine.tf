# ---------------------------------------------------------------- engine stages: ECS tasks of one image

resource "aws_ecr_repository" "engine" {
  name                 = "${var.name_prefix}-engine"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {
    scan_on_push = true
  }
  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.runs.arn
  }
}

resource "aws_ecs_cluster" "engine" {
  name = "${var.name_prefix}-engine"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

# EC2 capacity: GPU instances for the diffusion stages, small CPU ones for match-characters; both scale from zero.
locals {
  engine_capacity = {
    gpu = { instance_type = var.gpu_instance_type, ami_parameter = "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id", max = var.gpu_max_instances }
    cpu = { instance_type = var.cpu_instance_type, ami_parameter = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id", max = var.cpu_max_instances }
  }
}

data "aws_ssm_parameter" "engine_ami" {
  for_each = local.engine_capacity
  name     = each.value.ami_parameter
}

data "aws_iam_policy_document" "ec2_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "engine_instance" {
  name               = "${var.name_prefix}-engine-instance"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
}

resource "aws_iam_role_policy_attachment" "engine_instance" {
  role       = aws_iam_role.engine_instance.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_instance_profile" "engine" {
  name = "${var.name_prefix}-engine"
  role = aws_iam_role.engine_instance.name
}

resource "aws_security_group" "engine" {
  name_prefix = "${var.name_prefix}-engine-"
  description = "Engine instances: no inbound, outbound HTTPS (S3, ECR, logs)"
  vpc_id      = var.vpc_id
  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_launch_template" "engine" {
  for_each      = local.engine_capacity
  name_prefix   = "${var.name_prefix}-engine-${each.key}-"
  image_id      = data.aws_ssm_parameter.engine_ami[each.key].value
  instance_type = each.value.instance_type
  iam_instance_profile {
    arn = aws_iam_instance_profile.engine.arn
  }
  vpc_security_group_ids = [aws_security_group.engine.id]
  metadata_options {
    http_tokens = "required"
  }
  user_data = base64encode("#!/bin/bash\necho ECS_CLUSTER=${aws_ecs_cluster.engine.name} >> /etc/ecs/ecs.config\n")
}

resource "aws_autoscaling_group" "engine" {
  for_each              = local.engine_capacity
  name_prefix           = "${var.name_prefix}-engine-${each.key}-"
  min_size              = 0
  max_size              = each.value.max
  vpc_zone_identifier   = var.subnet_ids
  protect_from_scale_in = true
  launch_template {
    id      = aws_launch_template.engine[each.key].id
    version = "$Latest"
  }
  tag {
    key                 = "AmazonECSManaged"
    value               = "true"
    propagate_at_launch = true
  }
}

resource "aws_ecs_capacity_provider" "engine" {
  for_each = local.engine_capacity
  name     = "${var.name_prefix}-${each.key}"
  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.engine[each.key].arn
    managed_termination_protection = "ENABLED"
    managed_scaling {
      status          = "ENABLED"
      target_capacity = 100
    }
  }
}

resource "aws_ecs_cluster_capacity_providers" "engine" {
  cluster_name       = aws_ecs_cluster.engine.name
  capacity_providers = [for c in aws_ecs_capacity_provider.engine : c.name]
}

resource "aws_cloudwatch_log_group" "engine" {
  name              = "/ecs/${var.name_prefix}-engine"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# What the engine stages may do: the run artefacts and nothing else.
resource "aws_iam_role" "engine_task" {
  name               = "${var.name_prefix}-engine-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy" "engine_task" {
  name   = "runs-bucket"
  role   = aws_iam_role.engine_task.id
  policy = data.aws_iam_policy_document.runs_access.json
}

# What ECS needs to start them: pull the image, write the logs.
resource "aws_iam_role" "engine_execution" {
  name               = "${var.name_prefix}-engine-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "engine_execution" {
  statement {
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [aws_ecr_repository.engine.arn]
  }
  statement {
    # GetAuthorizationToken takes no narrower resource
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.runs.arn]
  }
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.engine.arn}:*"]
  }
}

resource "aws_iam_role_policy" "engine_execution" {
  name   = "pull-and-log"
  role   = aws_iam_role.engine_execution.id
  policy = data.aws_iam_policy_document.engine_execution.json
}

# One task definition per capacity: the GPU image (CUDA libtorch, onnxruntime_gpu) and the CPU variant.
resource "aws_ecs_task_definition" "engine" {
  for_each                 = local.engine_capacity
  family                   = "${var.name_prefix}-engine-${each.key}"
  requires_compatibilities = ["EC2"]
  network_mode             = "bridge"
  task_role_arn            = aws_iam_role.engine_task.arn
  execution_role_arn       = aws_iam_role.engine_execution.arn
  container_definitions = jsonencode([{
    name                 = "engine"
    image                = "${aws_ecr_repository.engine.repository_url}:${each.key == "gpu" ? var.engine_image_tag : "${var.engine_image_tag}-cpu"}"
    essential            = true
    memory               = each.key == "gpu" ? var.gpu_task_memory_mb : var.cpu_task_memory_mb
    resourceRequirements = each.key == "gpu" ? [{ type = "GPU", value = "1" }] : []
    environment = concat([
      { name = "LEMON_STORE", value = "s3://${aws_s3_bucket.runs.bucket}/runs" },
      { name = "OMP_WAIT_POLICY", value = "PASSIVE" },
      { name = "OMP_NUM_THREADS", value = "1" },
      { name = "MALLOC_ARENA_MAX", value = "2" },
      ], var.tenant_monthly_cap_usd == 0 ? [] : [
      { name = "LEMON_COST_TENANT_MONTHLY_CAP", value = tostring(var.tenant_monthly_cap_usd) },
    ])
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.engine.name
        awslogs-region        = var.region
        awslogs-stream-prefix = each.key
      }
    }
  }])
}
