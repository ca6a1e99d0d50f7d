// The logger shape the runtime reports through. The default writes one JSON line per entry in the shape the
// functions' Powertools logger writes (level in capitals, message, timestamp, service), so the console of a
// local run carries one log format whichever side wrote the line.

export interface Logger {
  info(msg: string, data?: object): void;
  warn(msg: string, data?: object): void;
  error(msg: string, data?: object): void;
}

/** The `service` of the runtime's own lines; the functions' lines carry the app's service name. */
const SERVICE = 'local-runtime';

// LOG_LEVEL is the functions' setting too (DEBUG, INFO, WARN, ERROR): one knob quiets the whole run.
const quiet = () => /^(warn|error)$/i.test(process.env.LOG_LEVEL ?? '');

export const consoleLogger: Logger = {
  info: (msg, data) => {
    if (!quiet()) console.log(line('INFO', msg, data));
  },
  warn: (msg, data) => console.warn(line('WARN', msg, data)),
  error: (msg, data) => console.error(line('ERROR', msg, data)),
};

function line(level: string, message: string, data?: object): string {
  return JSON.stringify({ level, message, timestamp: new Date().toISOString(), service: SERVICE, ...data });
}

/** Error details safe to log: name, message and stack, never the payload that caused it. */
export function describeError(error: unknown): { errorName: string; errorMessage: string; stack?: string } {
  if (error instanceof Error) {
    return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  }
  return { errorName: 'Error', errorMessage: String(error) };
}
