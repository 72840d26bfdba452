// pcs's clean-up of parsed metadata: role names, stonith-only tweaks, pacemaker daemons' quirks,
// and the trace parameters pcs adds to heartbeat/pacemaker agents.
import { isStonithName } from "./name.js";
import { primaryRole } from "../cib/roles.js";
import type { AgentMetadata, AgentParameter } from "./types.js";

export const FAKE_AGENT_STANDARD = "__pcmk_internal";
export const STONITH_ACTION_REPLACED_BY = ["pcmk_off_action", "pcmk_reboot_action"];

const param = (p: Partial<AgentParameter> & { name: string }): AgentParameter => ({
  type: "string",
  required: false,
  advanced: false,
  deprecated: false,
  deprecatedBy: [],
  reloadable: false,
  ...p,
});

export function traceParameters(existing: AgentParameter[]): AgentParameter[] {
  const names = new Set(existing.map((p) => p.name.toLowerCase()));
  const result: AgentParameter[] = [];
  if (!names.has("trace_ra")) {
    const shortdesc = "Set to 1 to turn on resource agent tracing (expect large output)";
    result.push(
      param({
        name: "trace_ra",
        shortdesc,
        longdesc:
          shortdesc +
          " The trace output will be saved to trace_file, if set, or by default to $HA_VARRUN/ra_trace/<type>/<id>.<action>.<timestamp> e.g. $HA_VARRUN/ra_trace/oracle/db.start.2012-11-27.08:37:08",
        type: "integer",
        default: "0",
        advanced: true,
      }),
    );
  }
  if (!names.has("trace_file")) {
    const shortdesc = "Path to a file to store resource agent tracing log";
    result.push(param({ name: "trace_file", shortdesc, longdesc: shortdesc, type: "string", default: "", advanced: true }));
  }
  return result;
}

function enumFromDesc(p: AgentParameter): { values: string[]; longdesc?: string } {
  const parts = p.longdesc ? p.longdesc.split("  Allowed values: ") : [];
  if (parts.length === 2) return { values: parts[1].split(", "), longdesc: parts[0] };
  return { values: [], longdesc: p.longdesc };
}

function pacemakerDaemonParameter(p: AgentParameter): AgentParameter {
  let result = { ...p };
  if (result.type === "enum") {
    const { values, longdesc } = enumFromDesc(result);
    if (result.default !== undefined && !values.includes(result.default)) values.push(result.default);
    result = { ...result, type: "select", longdesc, enumValues: values };
  } else if (result.type === "select") {
    result = { ...result, longdesc: enumFromDesc(result).longdesc };
  }
  if (result.shortdesc === result.longdesc) result = { ...result, longdesc: undefined };
  if (result.shortdesc !== undefined && result.longdesc !== undefined) {
    result = { ...result, longdesc: `${result.shortdesc}\n${result.longdesc}`.trim() };
  }
  if (result.shortdesc && ["Advanced use only: ", "*** Advanced Use Only *** "].some((s) => result.shortdesc!.startsWith(s))) {
    result = { ...result, advanced: true };
  }
  return result;
}

function stonithParameters(parameters: AgentParameter[]): AgentParameter[] {
  let result = parameters.filter((p) => p.name !== "help" && p.name !== "version");
  result = result.map((p) =>
    p.name === "action"
      ? { ...p, required: false, advanced: true, deprecated: true, deprecatedBy: [...STONITH_ACTION_REPLACED_BY, ...p.deprecatedBy] }
      : p,
  );
  // 'port' (and what replaces it) is filled in by pacemaker from pcmk_host_map / pcmk_host_list
  const portRelated = new Set<string>();
  let next = new Set(["port"]);
  while (next.size) {
    const current = next;
    next = new Set();
    for (const p of result) {
      if (current.has(p.name) && !portRelated.has(p.name)) {
        portRelated.add(p.name);
        p.deprecatedBy.forEach((n) => next.add(n));
      }
    }
  }
  return result.map((p) => (portRelated.has(p.name) ? { ...p, required: false } : p));
}

/** Metadata as pcs uses it for validation, defaults and description. */
export function toPcsMetadata(metadata: AgentMetadata): AgentMetadata {
  let result: AgentMetadata = {
    ...metadata,
    actions: metadata.actions.map((a) => (a.role === undefined ? a : { ...a, role: primaryRole(a.role) })),
  };
  if (metadata.name.standard === FAKE_AGENT_STANDARD) {
    result = { ...result, parameters: result.parameters.map(pacemakerDaemonParameter) };
  }
  if (isStonithName(metadata.name)) result = { ...result, parameters: stonithParameters(result.parameters) };
  return result;
}
