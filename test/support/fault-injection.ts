import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** An SDK v3 client; only its middleware stack is used, whose types differ by client. */
type Client = DynamoDBDocumentClient | SFNClient;
type AnyStack = {
  add(
    middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => unknown,
    options: object,
  ): void;
  remove(name: string): boolean;
};

/**
 * Makes the next `times` calls of one SDK command fail with the given AWS error, in this process's shared
 * client: a dependency fault that cannot be produced for real on demand. Returns a function that removes it.
 */
export function failNextCalls(
  client: Client,
  command: string,
  times: number,
  errorName: string,
  /** Calls this picks out pass untouched (and are not counted). */
  spare: (input: unknown) => boolean = () => false,
): { remove: () => void; failures: () => number } {
  let failures = 0;
  const name = `inject-${errorName}-${command}-${Math.random()}`;
  const stack = client.middlewareStack as unknown as AnyStack;
  stack.add(
    (next, context) => async (args: unknown) => {
      const input = (args as { input?: unknown }).input;
      if (context.commandName === command && failures < times && !spare(input)) {
        failures++;
        const error = Object.assign(new Error(`Injected ${errorName}`), {
          name: errorName,
          $fault: 'server',
          $metadata: { httpStatusCode: 400, attempts: 1 },
        });
        throw error;
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { remove: () => stack.remove(name), failures: () => failures };
}
