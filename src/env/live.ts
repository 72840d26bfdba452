// Live mode: the CIB of a running pcs-lite cluster, reached over SSH (issue 4).
import { fail } from "../report/index.js";
import type { EnvOptions } from "./index.js";
import type { Env } from "./types.js";

export async function createLiveEnv(_options: EnvOptions): Promise<Env> {
  fail("GENERIC", { text: "Unable to reach a cluster: no authenticated node is known, run 'pcs host auth' and 'pcs cluster setup' first, or use -f FILE" });
}
