import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { TaskCompleter, TaskCompletion, WorkflowStarter } from '#ports';

/** Errors that mean the wait is over already: the workflow moved on and reads the decision from the data. */
const GONE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

let client: SFNClient | undefined;

/** One Step Functions client per process, created on first use (the endpoint comes from the environment). */
export function stepFunctionsClient(): SFNClient {
  client ??= new SFNClient({});
  return client;
}

/** Starts executions of the issue lifecycle state machine (locally through the embedded endpoint). */
export class StepFunctionsWorkflowStarter implements WorkflowStarter {
  constructor(private readonly stateMachineArn: string) {}

  async start(issueId: string, input: object): Promise<void> {
    try {
      await stepFunctionsClient().send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: issueId,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      // The execution name is the issue id: a second start of the same issue means the first one got through.
      if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return;
      throw error;
    }
  }
}

/** Completes callback tasks of any state machine: the token names the execution and the wait. */
export class StepFunctionsTaskCompleter implements TaskCompleter {
  async complete(token: string, output: object): Promise<TaskCompletion> {
    try {
      await stepFunctionsClient().send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }),
      );
      return 'delivered';
    } catch (error) {
      if (error instanceof Error && GONE.has(error.name)) return 'gone';
      throw error;
    }
  }
}
