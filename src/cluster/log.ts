// Structured logs: one JSON object a line on stderr.
export type Logger = (event: string, fields?: Record<string, unknown>) => void;

export function makeLogger(base: Record<string, unknown> = {}, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  return (event, fields = {}) => {
    write(JSON.stringify({ ts: new Date().toISOString(), event, ...base, ...fields }) + "\n");
  };
}
