// Where agents live on this host, overridable for tests (OCF_ROOT, PCS_LITE_FENCE_DIR, ...).
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { processRunner, type Runner } from "../env/runner.js";

export interface AgentSources {
  runner: Runner;
  ocfRoot: string;
  fenceDir: string;
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
    fenceDir: env.PCS_LITE_FENCE_DIR || "/usr/sbin",
    initDir: env.PCS_LITE_INIT_DIR || "/etc/init.d",
    glueDir: env.PCS_LITE_GLUE_DIR || "/usr/lib/stonith/plugins",
    fencedBinary: env.PCS_LITE_FENCED || "/usr/lib/pacemaker/pacemaker-fenced",
    crmResource: env.PCS_LITE_CRM_RESOURCE || "crm_resource",
    timeoutMs: 30000,
  };
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
