import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WakeResult, WorkflowEngine } from '#ports';

/** Errors that mean the wait is over already: the workflow moved on and reads the decision from the data. */
const GONE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

let client: SFNClient | undefined;

/** One Step Functions client per process, created on first use (the endpoint comes from the environment). */
export function stepFunctionsClient(): SFNClient {
  client ??= new SFNClient({});
  return client;
}

/** The issue lifecycle state machine, driven through the Step Functions API (locally the embedded endpoint). */
export class StepFunctionsWorkflow implements WorkflowEngine {
  constructor(private readonly stateMachineArn: string | undefined) {}

  private get sfn(): SFNClient {
    return stepFunctionsClient();
  }

  async start(issueId: string, input: object): Promise<void> {
    if (!this.stateMachineArn) throw new Error('Invalid configuration: STATE_MACHINE_ARN is required');
    try {
      await this.sfn.send(
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

  async wake(token: string, output: object): Promise<WakeResult> {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      return 'delivered';
    } catch (error) {
      if (error instanceof Error && GONE.has(error.name)) return 'gone';
      throw error;
    }
  }
}
