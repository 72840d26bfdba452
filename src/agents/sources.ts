// Where agents live on this host, overridable for tests (OCF_ROOT, PCS_LITE_FENCE_DIR, ...).
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { processRunner, type Runner } from "../host/runner.js";

export interface AgentSources {
  runner: Runner;
  ocfRoot: string;
  /** PCS_LITE_FENCE_DIR (colon-separated, searched in order), else /usr/sbin. */
  fenceDirs: string[];
  initDir: string;
  /** cluster-glue stonith plugins (listed; their metadata comes through crm_resource). */
  glueDir: string;
  /** pacemaker-fenced, whose metadata lists the pcmk_* stonith parameters. */
  fencedBinary: string;
  /** crm_resource, used only for the standards pcs-lite does not read itself (lsb, systemd, ...). */
  crmResource: string;
  timeoutMs: number;
}

export function agentSources(runner: Runner = processRunner, env: NodeJS.ProcessEnv = process.env): AgentSources {
  return {
    runner,
    ocfRoot: env.OCF_ROOT || "/usr/lib/ocf",
    fenceDirs: (env.PCS_LITE_FENCE_DIR ?? "").split(":").filter(Boolean).concat(env.PCS_LITE_FENCE_DIR ? [] : ["/usr/sbin"]),
    initDir: env.PCS_LITE_INIT_DIR || "/etc/init.d",
    glueDir: env.PCS_LITE_GLUE_DIR || "/usr/lib/stonith/plugins",
    fencedBinary: env.PCS_LITE_FENCED || "/usr/lib/pacemaker/pacemaker-fenced",
    crmResource: env.PCS_LITE_CRM_RESOURCE || "crm_resource",
    timeoutMs: 30000,
  };
}

/** Where a fence agent's program is: the first fence directory holding it, then /usr/sbin (as the fencer
 * looks); the first directory's path when none has it, for the error to name. */
export function fenceAgentPath(sources: AgentSources, type: string): string {
  for (const dir of [...sources.fenceDirs, "/usr/sbin"]) if (isExecutableFile(join(dir, type))) return join(dir, type);
  return join(sources.fenceDirs[0] ?? "/usr/sbin", type);
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Executable files of a directory (names not starting with '.'), unsorted. */
export function executablesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith(".") && isExecutableFile(join(dir, n)));
}

export function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => !d.name.startsWith(".") && (d.isDirectory() || (d.isSymbolicLink() && statSync(join(dir, d.name)).isDirectory())))
      .map((d) => d.name);
  } catch {
    return [];
  }
}
