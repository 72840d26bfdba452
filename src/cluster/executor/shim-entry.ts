// dist/pcs-shim.js: the shims' own small program (`pcs-shim.js shim <tool> [args...]`), so that an
// agent calling crm_attribute does not pay for loading the whole node agent.
import { runShim } from "./shim-main.js";

runShim(process.argv.slice(3)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  },
);
