// The environment an agent runs in: the executor's own, cleaned of anything that looks like an
// earlier agent's input, plus what Pacemaker's services library sets for the standard.
import type { ExecRequest } from "./types.js";
import { EXIT_REASON_PREFIX } from "./types.js";

export const DEFAULT_OCF_ROOT = "/usr/lib/ocf";
export const DEFAULT_INIT_DIR = "/etc/init.d";
const SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

/** Names that would come from an earlier agent's environment, not from this request. */
const INHERITED_NOT = /^(OCF_RESKEY_|OCF_RESOURCE_|OCF_RA_VERSION_|OCF_EXIT_REASON_PREFIX$|OCF_CHECK_LEVEL$)/;

/** A name the kernel can pass as NAME=VALUE. */
const usableName = (name: string) => name !== "" && !name.includes("=") && !name.includes("\0");

export function ocfRootOf(req: ExecRequest): string {
  return req.env?.OCF_ROOT || process.env.OCF_ROOT || DEFAULT_OCF_ROOT;
}

export function initDirOf(req: ExecRequest): string {
  return req.env?.PCS_LITE_INIT_DIR || process.env.PCS_LITE_INIT_DIR || DEFAULT_INIT_DIR;
}

/** crm_meta_name: CRM_meta_<name> with '-' made '_' so that shells can read it. */
export function metaVariable(name: string): string {
  return `CRM_meta_${name}`.replace(/-/g, "_");
}

/** The environment every standard gets: inherited variables, the request's extras, a usable PATH. */
export function baseEnvironment(req: ExecRequest): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !INHERITED_NOT.test(k)) env[k] = v;
  // ocf-shellfuncs logs to stderr (which we keep) when no syslog facility is set
  env.HA_LOGFACILITY = "none";
  env.HA_debug = "0";
  for (const [k, v] of Object.entries(req.env ?? {})) if (usableName(k) && k !== "PATH") env[k] = v;
  const inherited = process.env.PATH || SYSTEM_PATH;
  const withSystem = inherited.split(":").includes("/usr/sbin") ? inherited : `${inherited}:${SYSTEM_PATH}`;
  env.PATH = req.env?.PATH ? `${req.env.PATH}:${withSystem}` : withSystem;
  return env;
}

/** Pacemaker's add_action_env_vars for an OCF agent: parameters (and CRM_meta_*) as OCF_RESKEY_*,
 * then the OCF variables, which win over any parameter of the same name. */
export function ocfEnvironment(req: ExecRequest): Record<string, string> {
  const env = baseEnvironment(req);
  for (const [name, value] of Object.entries(req.params)) {
    if (usableName(name)) env[name === "OCF_CHECK_LEVEL" ? name : `OCF_RESKEY_${name}`] = value;
  }
  for (const [name, value] of Object.entries(req.meta ?? {})) {
    if (usableName(name)) env[`OCF_RESKEY_${metaVariable(name)}`] = value;
  }
  env.OCF_RA_VERSION_MAJOR = "1";
  env.OCF_RA_VERSION_MINOR = "1";
  env.OCF_ROOT = ocfRootOf(req);
  env.OCF_EXIT_REASON_PREFIX = EXIT_REASON_PREFIX;
  env.OCF_RESOURCE_INSTANCE = req.rscId;
  env.OCF_RESOURCE_TYPE = req.agent.type;
  if (req.agent.provider) env.OCF_RESOURCE_PROVIDER = req.agent.provider;
  return env;
}
