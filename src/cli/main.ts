// pcs: the program behind bin/pcs. The shell-completion and connection-multiplexer modes belong to the
// process; a command line is run by runPcs (run.ts), and its result becomes the exit code.
import { runPcs } from "./run.js";

const out = (text: string) => process.stdout.write(text.endsWith("\n") ? text : text + "\n");

async function main(argv: readonly string[]): Promise<number> {
  if (process.env.PCS_LITE_COMPLETE) return (await import("./completion.js")).complete(argv, out);
  if (process.env.PCS_LITE_MUX_SERVE) {
    await (await import("../transport/mux.js")).serveMux(process.env.PCS_LITE_MUX_SERVE);
    return 0;
  }
  return runPcs(argv);
}

// a reader that went away (`pcs cluster cib | head -1`): stop at once and quietly, as pcs does when
// SIGPIPE kills it (a shell sees 141); node ignores SIGPIPE and would throw EPIPE at the next write
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => process.exit(e.code === "EPIPE" ? 141 : 1));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`Error: internal error: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
