// The logger shape the runtime reports through; the default writes one JSON line per entry.

export interface Logger {
  info(msg: string, data?: object): void;
  warn(msg: string, data?: object): void;
  error(msg: string, data?: object): void;
}

// LOG_LEVEL is the functions' setting too (DEBUG, INFO, WARN, ERROR): one knob quiets the whole run.
const quiet = () => /^(warn|error)$/i.test(process.env.LOG_LEVEL ?? '');

export const consoleLogger: Logger = {
  info: (msg, data) => {
    if (!quiet()) console.log(line('info', msg, data));
  },
  warn: (msg, data) => console.warn(line('warn', msg, data)),
  error: (msg, data) => console.error(line('error', msg, data)),
};

function line(level: string, msg: string, data?: object): string {
  return JSON.stringify({ level, msg, ...data });
}

/** Error details safe to log: name, message and stack, never the payload that caused it. */
export function describeError(error: unknown): { errorName: string; errorMessage: string; stack?: string } {
  if (error instanceof Error) {
    return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  }
  return { errorName: 'Error', errorMessage: String(error) };
}
