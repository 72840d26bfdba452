import type { Env } from "./types.js";

export type { Env } from "./types.js";
export type { Runner, RunResult, RunOptions } from "../host/runner.js";

export interface EnvOptions {
  file?: string;
  requestTimeoutSeconds?: number;
  debug?: boolean;
}

/** The one place that decides file vs live; live-mode code (SSH) is loaded only when needed. */
export async function createEnv(options: EnvOptions): Promise<Env> {
  if (options.file !== undefined) {
    const { FileEnv } = await import("./file.js");
    return new FileEnv(options.file);
  }
  const { createLiveEnv } = await import("./live.js");
  return createLiveEnv(options);
}
