// Checks on StartExecution/StopExecution arguments, with the errors AWS answers with.
import { InvalidArnError, InvalidExecutionInputError, InvalidNameError } from './api-errors.ts';

const NAME_PATTERN = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]{1,80}$/u;
const MAX_INPUT_BYTES = 256 * 1024;

export function checkName(name: string): string {
  if (!NAME_PATTERN.test(name)) throw new InvalidNameError(name);
  return name;
}

export function validateInput(input: string): void {
  if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
    throw new InvalidExecutionInputError('input exceeds 256 KiB');
  }
  try {
    JSON.parse(input);
  } catch (error) {
    throw new InvalidExecutionInputError((error as Error).message);
  }
}

export function parseOr(text: string | undefined, fallback: unknown): unknown {
  try {
    return text === undefined ? fallback : JSON.parse(text);
  } catch {
    return fallback;
  }
}

export function sameJson(a: string, b: string): boolean {
  return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
}

export function checkArn(arn: unknown, kind: string): string {
  if (typeof arn !== 'string' || !arn.startsWith('arn:') || !arn.includes(kind)) {
    throw new InvalidArnError(arn);
  }
  return arn;
}
