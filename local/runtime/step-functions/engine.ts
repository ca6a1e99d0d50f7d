import { StateMachine } from 'aws-local-stepfunctions';

export type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
export { StateMachine };

type ErrorFactory = () => Error;
let timeoutErrorFactory: Promise<ErrorFactory> | undefined;

/**
 * Returns a factory for the library's own `States.Timeout` error class. The library keeps that
 * class private, yet only an instance of it is excluded from `States.TaskFailed` in Retry/Catch
 * (as on AWS). A one-state machine whose task times out after 1 ms hands us an instance.
 */
export function statesTimeoutErrorFactory(): Promise<ErrorFactory> {
  timeoutErrorFactory ??= probeTimeoutErrorClass();
  return timeoutErrorFactory;
}

async function probeTimeoutErrorClass(): Promise<ErrorFactory> {
  const probe = new StateMachine(
    {
      StartAt: 'Probe',
      States: {
        Probe: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe',
          TimeoutSeconds: 0.001,
          End: true,
        },
      },
    },
    { validationOptions: { noValidate: true } },
  );
  const { result } = probe.run(null, {
    overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => {}) } },
  });
  const failure = await result.then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.cause : undefined),
  );
  if (!(failure instanceof Error) || failure.name !== 'States.Timeout') {
    throw new Error('Could not obtain the States.Timeout error class from aws-local-stepfunctions');
  }
  const TimeoutError = failure.constructor as new () => Error;
  return () => new TimeoutError();
}
