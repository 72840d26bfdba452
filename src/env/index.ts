import type { Env, EnvOptions } from "./types.js";
import { useLocalPacemaker } from "./pacemaker/detect.js";
import { readLocalCluster } from "../transport/config-dir.js";

export type { Env, EnvOptions } from "./types.js";
export type { Runner, RunResult, RunOptions } from "../host/runner.js";

/**
 * The one place that decides where the CIB lives: the -f file; else, on a host running Pacemaker with
 * no pcs-lite cluster configured, that Pacemaker (as pcs on a cluster node); else the pcs-lite cluster
 * over SSH. Each environment's code is loaded only when chosen.
 */
export async function createEnv(options: EnvOptions): Promise<Env> {
  if (options.file !== undefined) {
    const { FileEnv } = await import("./file.js");
    return new FileEnv(options.file);
  }
  if (!readLocalCluster() && useLocalPacemaker()) {
    const { createPacemakerEnv } = await import("./pacemaker/env.js");
    return createPacemakerEnv({ requestTimeoutSeconds: options.requestTimeoutSeconds, debug: options.debug });
  }
  const { createLiveEnv } = await import("./live.js");
  return createLiveEnv(options);
}
