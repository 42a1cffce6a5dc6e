variable "region" {
  description = "AWS region for every resource."
  type        = string
  default     = "eu-west-1"
}

variable "name_prefix" {
  description = "Prefix of every name: bucket, keys, roles, functions (<prefix>-<function>, which the ASL file names), cluster, state machine."
  type        = string
  default     = "lemon"
}

variable "lambda_zip_path" {
  description = "The light stages' Lambda artefact (one zip for every function; each runs the stage its name ends with)."
  type        = string
  default     = "../lambda/target/function.zip"
}

variable "default_memory_mb" {
  description = "Lambda memory for functions not listed in memory_mb."
  type        = number
  default     = 1024
}

variable "memory_mb" {
  description = "Lambda memory per function, overriding default_memory_mb."
  type        = map(number)
  default     = {}
}

variable "lambda_timeout_seconds" {
  description = "Lambda timeout; the state machine retries States.Timeout twice. Keep it above lemon.llm.stage-deadline (4 min by default), so an LLM stage stops with its own message first."
  type        = number
  default     = 300
}

variable "log_retention_days" {
  description = "CloudWatch log retention of the functions, the engine tasks and the workflow."
  type        = number
  default     = 14
}

variable "upload_expiry_days" {
  description = "Days an uploaded story is kept (ingest copies it into its run)."
  type        = number
  default     = 7
}

variable "tenant_monthly_cap_usd" {
  description = "USD one tenant's runs started in a calendar month (UTC) may cost, checked before every stage; 0 for no cap."
  type        = number
  default     = 0
  validation {
    condition     = var.tenant_monthly_cap_usd >= 0
    error_message = "tenant_monthly_cap_usd is 0 (no cap) or a positive amount of USD."
  }
}

variable "noncurrent_expiry_days" {
  description = "Days a replaced or deleted artefact's old version is kept."
  type        = number
  default     = 30
}

variable "upload_origins" {
  description = "Web origins allowed to POST uploads straight to the bucket (CORS); empty for none."
  type        = list(string)
  default     = []
}

variable "upload_jwt_issuer" {
  description = "OIDC issuer whose tokens the upload API accepts (e.g. https://cognito-idp.REGION.amazonaws.com/POOL_ID); empty: no upload API."
  type        = string
  default     = ""
}

variable "upload_jwt_audience" {
  description = "Audiences (client ids) the upload API's tokens must carry."
  type        = list(string)
  default     = []
}

variable "upload_tenant_claim" {
  description = "The token claim that names the caller's tenant (Cognito: custom:tenant for a custom attribute named tenant)."
  type        = string
  default     = "custom:tenant"
}

variable "llm_provider" {
  description = "The analyst's and describer's LLM: offline | openai | bedrock | sagemaker (gguf runs only in the CLI)."
  type        = string
  default     = "bedrock"
}

variable "llm_model" {
  description = "The model id (Bedrock), served model name (openai) or endpoint name (sagemaker); empty for the provider's default."
  type        = string
  default     = "meta.llama2-13b-chat-v1"
}

variable "llm_base_url" {
  description = "openai provider: the server's base URL; sagemaker: an optional runtime URL (a VPC endpoint's)."
  type        = string
  default     = ""
}

variable "llm_sagemaker_format" {
  description = "sagemaker provider: the endpoint's payload, messages (TGI/LMI Messages API) or tgi (a Llama-2 prompt)."
  type        = string
  default     = "messages"

  validation {
    condition     = contains(["messages", "tgi"], var.llm_sagemaker_format)
    error_message = "llm_sagemaker_format must be messages or tgi."
  }
}

variable "llm_api_key_secret_arn" {
  description = "openai provider: the Secrets Manager secret holding the API key; empty for none."
  type        = string
  default     = ""
}

variable "vpc_id" {
  description = "VPC of the engine instances."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the engine instances (with a route to S3, ECR and CloudWatch)."
  type        = list(string)
}

variable "engine_image_tag" {
  description = "Tag of the engine image in the ECR repository (the CPU variant is <tag>-cpu)."
  type        = string
  default     = "latest"
}

variable "gpu_instance_type" {
  description = "Instance type of the GPU capacity provider."
  type        = string
  default     = "g5.xlarge"
}

variable "cpu_instance_type" {
  description = "Instance type of the CPU capacity provider (match-characters)."
  type        = string
  default     = "c7i.large"
}

variable "gpu_max_instances" {
  description = "Most GPU instances at once."
  type        = number
  default     = 2
}

variable "cpu_max_instances" {
  description = "Most CPU instances at once."
  type        = number
  default     = 2
}

variable "gpu_task_memory_mb" {
  description = "Memory of a GPU engine task."
  type        = number
  default     = 14336
}

variable "cpu_task_memory_mb" {
  description = "Memory of a CPU engine task."
  type        = number
  default     = 3072
}

variable "alarm_topic_arn" {
  description = "SNS topic told of failed executions; empty for none."
  type        = string
  default     = ""
}

variable "trigger_timeout_seconds" {
  description = "Timeout of the upload trigger function (a batch of ten StartExecution calls)."
  type        = number
  default     = 60
}
