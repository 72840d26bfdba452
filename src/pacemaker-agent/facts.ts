// What a Pacemaker node says about its cluster: its own name (`crm_node --name`), the cluster's name
// (corosync.conf, as pcs reads it), the nodes and their membership (`crm_node --list`), quorum
// (`crm_node --quorum`) and, from the CIB, the DC and the configuration's version.
import { readFileSync } from "node:fs";
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import { COROSYNC_CONF, pacemakerClusterName } from "../env/pacemaker/env.js";
import { CRM_EX, type Tools } from "../env/pacemaker/tools.js";
import { corosyncFacts } from "../transport/corosync-conf.js";

export interface PacemakerNode {
  name: string;
  nodeid: number;
  /** crm_node's membership state: "member", "lost", ... */
  state: string;
}

/** `crm_node --list`: "ID NAME STATE" a line. */
export function parseNodeList(text: string): PacemakerNode[] {
  return text
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words.length >= 2 && /^\d+$/.test(words[0]))
    .map(([id, name, state = ""]) => ({ name, nodeid: Number(id), state }));
}

const TOOL_MS = 10000;

async function toolText(tools: Tools, tool: "crm_node", args: string[], timeoutMs: number): Promise<string | undefined> {
  const result = await tools.run(tool, args, { timeoutMs: Math.min(timeoutMs, TOOL_MS) });
  return result.code === CRM_EX.OK && !result.timedOut ? result.stdout : undefined;
}

export const localNodeName = async (tools: Tools, timeoutMs: number): Promise<string | undefined> =>
  (await toolText(tools, "crm_node", ["--name"], timeoutMs))?.trim() || undefined;

export async function clusterNodes(tools: Tools, timeoutMs: number): Promise<PacemakerNode[]> {
  return parseNodeList((await toolText(tools, "crm_node", ["--list"], timeoutMs)) ?? "");
}

export async function isQuorate(tools: Tools, timeoutMs: number): Promise<boolean> {
  return (await toolText(tools, "crm_node", ["--quorum"], timeoutMs))?.trim() === "1";
}

export const clusterName = (cib?: XmlElement): string | undefined => pacemakerClusterName(cib);

export const corosyncConfPath = (): string => process.env.PCS_LITE_COROSYNC_CONF || COROSYNC_CONF;

export function corosyncText(): string | undefined {
  try {
    return readFileSync(corosyncConfPath(), "utf8");
  } catch {
    return undefined;
  }
}

/** totem.token of corosync.conf: the bound pcs-lite's CLI waits for nodes with. */
export function totemToken(): number | null {
  const text = corosyncText();
  if (!text) return null;
  try {
    return corosyncFacts(text).token;
  } catch {
    return null;
  }
}

/** The DC the CIB names (`dc-uuid`, a node id of the nodes section). */
export function dcOf(cib: XmlElement): string | null {
  const uuid = cib.attrs["dc-uuid"];
  if (!uuid) return null;
  const nodes = firstChild(firstChild(cib, "configuration") ?? cib, "nodes");
  const node = (nodes ? childElements(nodes, "node") : []).find((n) => n.attrs.id === uuid);
  return node?.attrs.uname ?? null;
}

export const versionOf = (cib: XmlElement) => ({
  adminEpoch: Number(cib.attrs.admin_epoch ?? 0),
  epoch: Number(cib.attrs.epoch ?? 0),
  numUpdates: Number(cib.attrs.num_updates ?? 0),
});
