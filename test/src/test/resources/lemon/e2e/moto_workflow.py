# A local AWS whose Step Functions runs our workflow file with moto's own ASL interpreter.
# moto cannot run a Lambda without Docker nor an ECS container at all, so its Lambda invoke and
# ECS RunTask hand the work to the test JVM (argv[2]), which runs the stage the function name or the
# container command names. Everything else (S3, SQS, the state machine, Retry/Catch, the execution
# history) is moto's. Serves on 127.0.0.1:argv[1] until stdin closes.
import json
import os
import sys
import urllib.request

PORT, HOST = int(sys.argv[1]), sys.argv[2]
os.environ["MOTO_PORT"] = str(PORT)  # where moto's interpreter calls Lambda and ECS

import copy  # noqa: E402

import boto3  # noqa: E402
import botocore.session  # noqa: E402
from moto.awslambda_simple.models import LambdaSimpleBackend  # noqa: E402
from moto.ecs.models import EC2ContainerServiceBackend  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402
from moto.stepfunctions.models import StateMachine  # noqa: E402
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_ecs import (  # noqa: E402
    StateTaskServiceEcs,
)
from moto.stepfunctions.parser.api import HistoryEventType, TaskFailedEventDetails  # noqa: E402
from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (  # noqa: E402
    FailureEvent,
    FailureEventException,
)
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName  # noqa: E402
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (  # noqa: E402
    StatesErrorNameType,
)
from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails  # noqa: E402


def post(path, body):
    request = urllib.request.Request(HOST + path, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=1800) as reply:
        return reply.headers.get("X-Amz-Function-Error"), reply.read()


def invoke(self, function_name, qualifier, body, headers, response_headers):
    name = function_name.split(":function:")[-1].split(":")[0]
    error, payload = post("/lambda/" + name, body if isinstance(body, bytes) else body.encode())
    if error:  # as Lambda answers a function that threw: 200, the error type in the payload
        response_headers["x-amz-function-error"] = error
    return payload


original_run_task = EC2ContainerServiceBackend.run_task


def run_task(self, cluster_str, task_definition_str, count, overrides, started_by, tags, launch_type, *rest):
    # no container instances in moto: placed as Fargate; the container runs to its end before this returns
    tasks = original_run_task(
        self, cluster_str, task_definition_str, count, overrides, started_by, tags, launch_type or "FARGATE", *rest
    )
    _, body = post("/ecs/run-task", json.dumps({"overrides": overrides or {}}).encode())
    exited = json.loads(body)
    for task in tasks:
        task.last_status = "STOPPED"
        task.desired_status = "STOPPED"
        task.stopped_reason = "Essential container in task exited"
        for container in task.containers:
            container.last_status = "STOPPED"
            container.exitCode = exited["exitCode"]
            container.reason = exited.get("reason")
    return tasks


original_resolver = StateTaskServiceEcs._build_sync_resolver


def build_sync_resolver(self, env, resource_runtime_part, normalised_parameters, state_credentials):
    resolve = original_resolver(self, env, resource_runtime_part, normalised_parameters, state_credentials)

    # as on AWS, a runTask.sync whose essential container exits non-zero fails as States.TaskFailed,
    # its cause the stopped task; moto's resolver returns any stopped task as a success
    def resolved():
        task = resolve()
        if task and any(c.get("ExitCode", 0) != 0 for c in task.get("Containers", [])):
            failed = TaskFailedEventDetails(
                resourceType="ecs", resource="runTask.sync", error="States.TaskFailed",
                cause=json.dumps(task, default=str))
            raise FailureEventException(FailureEvent(
                env=env, error_name=StatesErrorName(typ=StatesErrorNameType.StatesTaskFailed),
                event_type=HistoryEventType.TaskFailed, event_details=EventDetails(taskFailedEventDetails=failed)))
        return task

    return resolved


ECS_MODEL = botocore.session.get_session().get_service_model("ecs")


def ecs_operation(self, action):
    name = action or self.resource.api_action  # runTask, run_task, describe_tasks
    return ECS_MODEL.operation_model("".join(p[:1].upper() + p[1:] for p in name.split("_")))


# moto's port of the interpreter leaves out the ECS integration's translation between the state's
# PascalCase fields and the API's camelCase (it sends "Cluster" and reads "Tasks"); Step Functions does it
def normalise_parameters(self, parameters, boto_service_name=None, service_action_name=None):
    self._to_boto_request(parameters, ecs_operation(self, service_action_name).input_shape)


def normalise_response(self, response, boto_service_name=None, service_action_name=None):
    self._from_boto_response(response, ecs_operation(self, service_action_name).output_shape)


# moto clones a state machine for each execution, with its backend and past executions; once one has run,
# they hold locks that cannot be copied and every later StartExecution fails (HTTP 500). The clone shares
# what cannot be copied.
def state_machine_deepcopy(self, memo):
    clone = copy.copy(self)
    memo[id(self)] = clone
    for name, value in vars(self).items():
        try:
            setattr(clone, name, copy.deepcopy(value, memo))
        except TypeError:
            setattr(clone, name, value)
    return clone


StateMachine.__deepcopy__ = state_machine_deepcopy
StateTaskServiceEcs._normalise_parameters = normalise_parameters
StateTaskServiceEcs._normalise_response = normalise_response
LambdaSimpleBackend.invoke = invoke
EC2ContainerServiceBackend.run_task = run_task
StateTaskServiceEcs._build_sync_resolver = build_sync_resolver

server = ThreadedMotoServer(ip_address="127.0.0.1", port=PORT, verbose=False)
server.start()
endpoint = "http://127.0.0.1:%d" % PORT
config = json.dumps({"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}})
urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/config", data=config.encode(), method="POST"))

# what Terraform makes for the engine stages: a cluster and the GPU and CPU task definitions
ecs = boto3.client("ecs", region_name="us-east-1", endpoint_url=endpoint,
                   aws_access_key_id="testing", aws_secret_access_key="testing")
cluster = ecs.create_cluster(clusterName="lemon-moto")["cluster"]["clusterArn"]
definitions = {}
for kind in ("gpu", "cpu"):
    definitions[kind] = ecs.register_task_definition(
        family="lemon-moto-engine-" + kind,
        containerDefinitions=[{"name": "engine", "image": "lemon-engine:" + kind, "memory": 4096, "essential": True}],
    )["taskDefinition"]["taskDefinitionArn"]
print("moto ready " + json.dumps({"cluster": cluster, "gpu": definitions["gpu"], "cpu": definitions["cpu"]}),
      flush=True)
sys.stdin.read()
server.stop()
