/** Structured log lines (JSON), one per event; fields never include raw LINE user ids. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

type Level = 'info' | 'warn' | 'error';

/** A logger writing JSON lines to stdout (info) and stderr (warn, error). */
export function jsonLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: Level, message: string, fields: Record<string, unknown> = {}) => {
    const time = new Date().toISOString();
    let line: string;
    try {
      line = JSON.stringify({ time, level, message, ...base, ...fields }, errorReplacer);
    } catch (error) {
      // Logging must never throw into the caller: fields taken from a request (an event's type, say)
      // can be nested deeper than the stack, and a throw here would turn a skipped event into a failed request.
      line = JSON.stringify({ time, level, message, ...base, unloggableFields: Object.keys(fields), reason: String(error) });
    }
    (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** A logger that keeps lines in memory: tests assert on what was logged. */
export function memoryLogger(): Logger & { lines: Array<{ level: Level; message: string; fields: Record<string, unknown> }> } {
  const lines: Array<{ level: Level; message: string; fields: Record<string, unknown> }> = [];
  return {
    lines,
    info: (message, fields = {}) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields = {}) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields = {}) => lines.push({ level: 'error', message, fields }),
  };
}

// Error objects stringify to {}; keep what helps an operator.
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, ...('status' in value ? { status: value.status } : {}) };
  return value;
}
