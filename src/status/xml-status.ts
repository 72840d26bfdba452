// crm_mon --one-shot --inactive --output-as xml (pcs status xml): the summary, nodes, resources, node
// attributes, failures, tickets and bans in Pacemaker 2.1.5's XML result format (not yet: node_history).
import { epochText } from "../cib/ctime.js";
import { clusterProperty } from "../cib/properties.js";
import { escapeAttr, type XmlElement } from "../cib/xml.js";
import type { Cluster, Resource, SchedNode } from "../scheduler/types.js";
import { firstNvpair, isDisabled, mixedVersion, nodeFeatureSet, resourceCounts } from "./cluster-summary.js";
import { nodeHealth, shownAttributeNames } from "./node-details.js";
import { ticketStates } from "./tickets.js";
import { shownFailures } from "./failed-actions.js";
import { execStatusText, ocfResultText } from "../agents/exec/texts.js";
import { printableId } from "./resource-filter.js";

export const CRM_MON = "/usr/sbin/crm_mon";
const API_VERSION = "2.25";

type Attrs = [string, string | number | boolean | undefined][];

const tag = (name: string, attrs: Attrs, close = true): string =>
  `<${name}${attrs
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join("")}${close ? "/" : ""}>`;

/** An element with children, or an empty one written short. */
function block(name: string, attrs: Attrs, children: string[]): string[] {
  if (!children.length) return [tag(name, attrs)];
  return [tag(name, attrs, false), ...children.map((l) => `  ${l}`), `</${name}>`];
}

const isTrue = (v: string | undefined): boolean => v !== undefined && /^(true|on|yes|y|1)$/i.test(v.trim());

/** crm_get_msec's reading of a duration: a number with an optional ms/s/m/h unit, seconds by default. */
function durationMs(text: string | undefined, fallback: number): number {
  const m = /^\s*(\d+)\s*(ms|msec|s|sec|m|min|h|hr)?\s*$/i.exec(text ?? "");
  if (!m) return fallback;
  const unit = (m[2] ?? "s").toLowerCase();
  const factor = unit.startsWith("ms") ? 1 : unit.startsWith("s") ? 1000 : unit.startsWith("m") ? 60000 : 3600000;
  return parseInt(m[1], 10) * factor;
}

function summary(cib: XmlElement, cluster: Cluster, now: number): string[] {
  const dcUuid = cib.attrs["dc-uuid"]?.toLowerCase();
  const dc = dcUuid === undefined ? undefined : cluster.nodes.find((n) => n.id.toLowerCase() === dcUuid);
  const counts = resourceCounts(cluster);
  const o = cluster.options;
  return block("summary", [], [
    tag("stack", [["type", firstNvpair(cib, "cluster-infrastructure") ?? "unknown"]]),
    dc
      ? tag("current_dc", [["present", true], ["version", firstNvpair(cib, "dc-version") ?? ""], ["name", dc.uname], ["id", dc.id], ["with_quorum", isTrue(cib.attrs["have-quorum"])], ["mixed_version", mixedVersion(cluster)]])
      : tag("current_dc", [["present", false]]),
    tag("last_update", [["time", epochText(Math.floor(now / 1000))]]),
    tag("last_change", [["time", cib.attrs["cib-last-written"] ?? ""], ["user", cib.attrs["update-user"] ?? ""], ["client", cib.attrs["update-client"] ?? ""], ["origin", cib.attrs["update-origin"] ?? ""]]),
    tag("nodes_configured", [["number", cluster.nodes.length]]),
    tag("resources_configured", [["number", counts.instances], ["disabled", counts.disabled], ["blocked", counts.blocked]]),
    tag("cluster_options", [
      ["stonith-enabled", o.stonithEnabled],
      ["symmetric-cluster", o.symmetric],
      ["no-quorum-policy", o.noQuorumPolicy],
      ["maintenance-mode", o.maintenanceMode],
      ["stop-all-resources", o.stopAllResources],
      ["stonith-timeout-ms", durationMs(clusterProperty(cib, "stonith-timeout"), 60000)],
      ["priority-fencing-delay-ms", durationMs(clusterProperty(cib, "priority-fencing-delay"), 0)],
    ]),
  ]);
}

const HEALTH = ["red", "yellow", "green"];

function nodes(cib: XmlElement, cluster: Cluster): string[] {
  const states = cib.children.find((c) => c.name === "status")?.children.filter((c) => c.name === "node_state") ?? [];
  const dcUuid = cib.attrs["dc-uuid"]?.toLowerCase();
  const running = (n: SchedNode) => cluster.primitives.filter((p) => p.running.some((r) => r.uname === n.uname)).length;
  return block(
    "nodes",
    [],
    cluster.nodes.map((n) =>
      tag("node", [
        ["name", n.uname],
        ["id", n.id],
        ["online", n.online],
        ["standby", n.standby],
        ["standby_onfail", false],
        ["maintenance", n.maintenance],
        ["pending", n.pending],
        ["unclean", n.unclean],
        ["health", HEALTH[nodeHealth(n, cluster) + 1]],
        ["feature_set", nodeFeatureSet(n)],
        ["shutdown", n.shutdown],
        ["expected_up", states.find((s) => s.attrs.id === n.id)?.attrs.expected === "member"],
        ["is_dc", n.id.toLowerCase() === dcUuid],
        ["resources_running", running(n)],
        ["type", n.type === "remote" ? "remote" : "member"],
      ]),
    ),
  );
}

function targetRole(rsc: Resource): string | undefined {
  return rsc.meta.get("target-role");
}

function primitive(rsc: Resource, promotable: boolean): string[] {
  const active = rsc.running.length > 0;
  const role = !active ? "Stopped" : promotable && rsc.role === "Started" ? "Unpromoted" : rsc.role;
  return block(
    "resource",
    [
      ["id", printableId(rsc)],
      ["resource_agent", rsc.agent],
      ["role", role],
      ["target_role", targetRole(rsc)],
      ["active", active],
      ["orphaned", !!rsc.orphan],
      ["blocked", rsc.blocked],
      ["managed", rsc.managed],
      ["failed", rsc.failed],
      ["failure_ignored", false],
      ["nodes_running_on", rsc.running.length],
    ],
    rsc.running.map((n) => tag("node", [["name", n.uname], ["id", n.id], ["cached", true]])),
  );
}

function resource(rsc: Resource, promotable = false): string[] {
  if (rsc.variant === "primitive") return primitive(rsc, promotable);
  if (rsc.variant === "group") {
    const attrs: Attrs = [["id", printableId(rsc)], ["number_resources", rsc.children.length], ["managed", rsc.managed], ["disabled", isDisabled(rsc)]];
    return block("group", attrs, rsc.children.flatMap((c) => resource(c, promotable)));
  }
  const info = rsc.clone;
  const instances = rsc.children.filter((c) => !c.orphan || c.running.length > 0 || c.children.some((m) => m.running.length > 0));
  const failed = rsc.children.some((c) => c.failed || c.children.some((m) => m.failed));
  const attrs: Attrs = [
    ["id", rsc.id],
    ["multi_state", !!info?.promotable],
    ["unique", !!info?.globallyUnique],
    ["managed", rsc.managed],
    ["disabled", isDisabled(rsc)],
    ["failed", failed],
    ["failure_ignored", false],
    ["target_role", targetRole(rsc)],
  ];
  return block("clone", attrs, instances.flatMap((c) => resource(c, !!info?.promotable)));
}

function nodeAttributes(cluster: Cluster): string[] {
  const perNode = cluster.nodes
    .filter((n) => n.online && shownAttributeNames(n).length)
    .map((n) => block("node", [["name", n.uname]], shownAttributeNames(n).map((name) => tag("attribute", [["name", name], ["value", n.attrs.get(name)]]))));
  return perNode.length ? block("node_attributes", [], perNode.flat()) : [];
}

const two = (n: number) => String(n).padStart(2, "0");

/** crm_time_as_string with date, time and time zone, in local time: "2023-11-14 22:13:20Z". */
function isoLocal(seconds: number): string {
  const d = new Date(seconds * 1000);
  const offset = -d.getTimezoneOffset();
  const zone = offset === 0 ? "Z" : `${offset > 0 ? "+" : "-"}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}${zone}`;
}

function failures(cib: XmlElement, cluster: Cluster): string[] {
  const online = new Set(cluster.nodes.filter((n) => n.online).map((n) => n.uname));
  const rows = shownFailures(cib, (n) => online.has(n)).map(({ op, node }) => {
    const rc = parseInt(op.attrs["rc-code"] ?? "0", 10) || 0;
    const key = op.attrs.operation_key;
    const attrs: Attrs = [
      [key === undefined ? "id" : "op_key", key ?? op.attrs.id],
      ["node", node],
      ["exitstatus", ocfResultText(rc)],
      ["exitreason", op.attrs["exit-reason"] ?? "none"],
      ["exitcode", rc],
      ["call", op.attrs["call-id"]],
      ["status", execStatusText(parseInt(op.attrs["op-status"] ?? "0", 10) || 0)],
    ];
    const change = parseInt(op.attrs["last-rc-change"] ?? "", 10);
    if (change > 0) {
      attrs.push(["last-rc-change", isoLocal(change)], ["queued", op.attrs["queue-time"]], ["exec", op.attrs["exec-time"]], ["interval", parseInt(op.attrs.interval ?? "0", 10) || 0], ["task", op.attrs.operation]);
    }
    return tag("failure", attrs);
  });
  return rows.length ? block("failures", [], rows) : [];
}

function tickets(cib: XmlElement): string[] {
  const states = ticketStates(cib).map((t) => tag("ticket", [["id", t.id], ["status", t.granted ? "granted" : "revoked"], ["standby", t.standby], ["last-granted", t.lastGranted]]));
  return states.length ? block("tickets", [], states) : [];
}

const SCORE = (v: string | undefined): number => {
  const s = (v ?? "0").trim().toLowerCase();
  if (s === "-infinity") return -1000000;
  if (s === "infinity" || s === "+infinity") return 1000000;
  return parseInt(s, 10) || 0;
};

/** Location constraints that keep a resource off a node (a negative score on a node, not a rule). */
function bans(cib: XmlElement): string[] {
  const configuration = cib.children.find((c) => c.name === "configuration");
  const constraints = configuration?.children.find((c) => c.name === "constraints");
  const rows = (constraints?.children ?? [])
    .filter((c) => c.name === "rsc_location" && c.attrs.rsc && c.attrs.node && SCORE(c.attrs.score) < 0)
    .map((c) => {
      const promoted = c.attrs.role === "Promoted" || c.attrs.role === "Master";
      return tag("ban", [["id", c.attrs.id], ["resource", c.attrs.rsc], ["node", c.attrs.node], ["weight", SCORE(c.attrs.score)], ["promoted-only", promoted], ["master_only", promoted]]);
    });
  return rows.length ? block("bans", [], rows) : [];
}

/** The whole result document, without a trailing newline (pcs strips it). */
export function crmMonXml(cib: XmlElement, cluster: Cluster, now: number): string {
  const resources = cluster.resources.filter((r) => !r.orphan || r.running.length > 0);
  const body = [
    ...summary(cib, cluster, now),
    ...nodes(cib, cluster),
    ...(resources.length ? block("resources", [], resources.flatMap((r) => resource(r))) : []),
    ...nodeAttributes(cluster),
    ...failures(cib, cluster),
    ...tickets(cib),
    ...bans(cib),
    tag("status", [["code", 0], ["message", "OK"]]),
  ];
  const request = `${CRM_MON} --one-shot --inactive --output-as xml`;
  return [tag("pacemaker-result", [["api-version", API_VERSION], ["request", request]], false), ...body.map((l) => `  ${l}`), "</pacemaker-result>"].join("\n");
}
