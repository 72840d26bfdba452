// Which targets a device claims and how a target is named to its agent, by fenced's rules:
// pcmk_host_list, pcmk_host_map (node-to-port aliases), the pcmk_host_check default, the port and
// the pcmk_host_argument default. Pure: running list and status is eligibility.ts's job.
import type { AgentCapabilities } from "./agent-metadata.js";
import type { FenceDevice } from "./devices.js";

export type HostCheck = "static-list" | "dynamic-list" | "status" | "none";

/**
 * Names in a host list or in an agent's `list` output: one or more a line, separated by white
 * space, commas or semicolons, each cut at the first character outside [A-Za-z0-9_.-]; lines
 * mentioning "invalid" or "variable" (an agent's complaints) and on/off status words are skipped.
 */
export function parseTargetList(text: string | undefined): string[] {
  const out: string[] = [];
  for (const line of (text ?? "").split(/\n|\\n/)) {
    if (line.includes("invalid") || line.includes("variable")) continue;
    for (const field of line.split(/[\s,;]+/)) {
      const entry = /^[A-Za-z0-9_.-]+/.exec(field)?.[0];
      if (entry && !/^(on|off)$/i.test(entry)) out.push(entry);
    }
  }
  return out;
}

/**
 * pcmk_host_map: `node1:port1;node2:port2` (also `=`, and spaces or tabs between entries; a
 * comma stays inside a value, for several ports; a backslash escapes the next character).
 * Keys are matched without regard to case.
 */
export function parseHostMap(text: string | undefined): Map<string, string> {
  const aliases = new Map<string, string>();
  if (!text) return aliases;
  let name: string | undefined;
  let token = "";
  const flushValue = () => {
    if (name !== undefined && token) aliases.set(name.toLowerCase(), token);
    name = undefined;
    token = "";
  };
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) {
      token += text[++i];
    } else if (c === "=" || c === ":") {
      if (token) name = token;
      token = "";
    } else if (c === undefined || c === ";" || c === " " || c === "\t") {
      flushValue();
    } else token += c;
  }
  return aliases;
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** pcmk_host_check as configured, else fenced's default for the device. */
export function hostCheck(device: FenceDevice, caps: AgentCapabilities | undefined): string {
  const configured = device.pcmk.pcmk_host_check;
  if (configured !== undefined) return configured.toLowerCase();
  if (device.pcmk.pcmk_host_list || device.pcmk.pcmk_host_map) return "static-list";
  if (caps?.actions.has("list")) return "dynamic-list";
  if (caps?.actions.has("status")) return "status";
  return "none";
}

/** static-list: a name in pcmk_host_list, a pcmk_host_map key, or (as fenced has it) one of the map's ports. */
export function staticListHas(device: FenceDevice, target: string): boolean {
  const map = parseHostMap(device.pcmk.pcmk_host_map);
  if (map.has(target.toLowerCase())) return true;
  const listed = [...parseTargetList(device.pcmk.pcmk_host_list), ...map.values()];
  return listed.some((name) => sameName(name, target));
}

/** What the agent calls the target: its pcmk_host_map alias, else its name. */
export function portFor(device: FenceDevice, target: string): string {
  return parseHostMap(device.pcmk.pcmk_host_map).get(target.toLowerCase()) ?? target;
}

/** The parameter the target is passed in: pcmk_host_argument, else "port" or, for agents without port, "plug"; undefined for "none". */
export function hostArgument(device: FenceDevice, caps: AgentCapabilities | undefined): string | undefined {
  if (device.agent === "fence_legacy") return undefined;
  const configured = device.pcmk.pcmk_host_argument;
  if (configured !== undefined) return configured.toLowerCase() === "none" ? undefined : configured;
  if (caps && !caps.parameters.has("port") && caps.parameters.has("plug")) return "plug";
  return "port";
}

/** The agent action for a requested one: pcmk_<action>_action, else the same name. */
export function mappedAction(device: FenceDevice, action: string): string {
  return device.pcmk[`pcmk_${action}_action`] || action;
}

/**
 * The agent's stdin options for `action` (before mapping) against `target` (none for list and
 * monitor), as fenced builds them: action, nodename, nodeid when the agent has that parameter,
 * the host argument unless the device sets it itself (or sets it to "dynamic"), then the
 * device's own parameters.
 */
export function agentArguments(device: FenceDevice, caps: AgentCapabilities | undefined, action: string, target?: string, nodeId?: string): Record<string, string> {
  const args: Record<string, string> = { action: mappedAction(device, action) };
  if (target !== undefined) {
    args.nodename = target;
    if (nodeId && caps?.parameters.has("nodeid") && device.params.nodeid === undefined) args.nodeid = nodeId;
    const param = hostArgument(device, caps);
    const own = param === undefined ? undefined : device.params[param];
    if (param !== undefined && (own === undefined || own.toLowerCase() === "dynamic")) args[param] = portFor(device, target);
  }
  for (const [name, value] of Object.entries(device.params)) {
    if (name in args && name !== "nodename" && name !== "nodeid") continue;
    args[name] = value;
  }
  return args;
}
