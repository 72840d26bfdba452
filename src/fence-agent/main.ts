// fence_pcslite: a fence agent (fence-agents' protocol: options on stdin, or on the command line when
// it has any) that powers pcs-lite nodes of this host off and on. See docs/fence-agent.md.
import { EXIT, NAME, runFenceAgent } from "./agent.js";

const line = (stream: NodeJS.WriteStream) => (text: string) => stream.write(text.endsWith("\n") ? text : text + "\n");

runFenceAgent(process.argv.slice(2), process.stdin, {
  out: (text) => process.stdout.write(text),
  warn: line(process.stderr),
  debug: line(process.stderr),
  error: line(process.stderr),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`ERROR: ${NAME}: ${(e as Error).message}\n`);
    process.exitCode = EXIT.ERROR;
  },
);
