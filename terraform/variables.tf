variable "region" {
  description = "AWS region for every resource."
  type        = string
  default     = "eu-west-1"
}

variable "name_prefix" {
  description = "Prefix of the bucket, roles and state machine. Function names stay lemon-<stage>: the ASL file names them."
  type        = string
  default     = "lemon"
}

variable "lambda_zip_path" {
  description = "The Quarkus Lambda package (one zip for every stage; QUARKUS_FUNQY_EXPORT picks the function)."
  type        = string
  default     = "../functions/target/function.zip"
}

variable "default_memory_mb" {
  description = "Lambda memory for stages not listed in memory_mb."
  type        = number
  default     = 1024
}

variable "memory_mb" {
  description = "Lambda memory per stage, overriding default_memory_mb."
  type        = map(number)
  default = {
    "match-characters" = 2048
  }
}

variable "lambda_timeout_seconds" {
  description = "Lambda timeout; the state machine retries States.Timeout twice. Keep it above lemon.llm.stage-deadline (4 min by default), so an LLM stage stops with its own message first."
  type        = number
  default     = 300
}

variable "log_retention_days" {
  description = "CloudWatch log retention of the stage functions."
  type        = number
  default     = 14
}
