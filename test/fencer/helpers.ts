// Tiny fence agents of our own (POSIX sh), and CIB documents holding fence devices.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseXml } from "../../src/cib/xml-parse";
import type { XmlElement } from "../../src/cib/xml";

export function tempDir(prefix = "fencer-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const remove = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** For the tests of a describe block: a temporary PCS_LITE_FENCE_DIR holding the test agent `agent`. */
export function useFenceDir(agent: string): { dir(): string } {
  let dir = "";
  let saved: string | undefined;
  beforeAll(() => {
    dir = tempDir();
    saved = process.env.PCS_LITE_FENCE_DIR;
    process.env.PCS_LITE_FENCE_DIR = dir;
    writeFenceAgent(dir, agent);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.PCS_LITE_FENCE_DIR;
    else process.env.PCS_LITE_FENCE_DIR = saved;
    remove(dir);
  });
  return { dir: () => dir };
}

export interface AgentShape {
  /** Agent actions listed in its metadata (default: on off reboot status list monitor metadata). */
  actions?: string[];
  /** Parameters listed in its metadata (default: port). */
  parameters?: string[];
}

/**
 * A fence agent reading its options on stdin. Options it understands:
 *   log=FILE     appends every option it got, then a "---" line
 *   rcdir=DIR    exit status of ACTION from DIR/ACTION (default 0); DIR/ACTION.once is used once then removed;
 *                DIR/list-output is printed by the list action
 *   sleep=SECS   before exiting: a child sleeps that long (its pid in DIR/child.pid), TERM ignored when DIR/ignore-term exists
 */
export function writeFenceAgent(dir: string, name: string, shape: AgentShape = {}): string {
  const actions = shape.actions ?? ["on", "off", "reboot", "status", "list", "monitor", "metadata"];
  const parameters = shape.parameters ?? ["port"];
  const metadata = [
    `<?xml version="1.0" ?>`,
    `<resource-agent name="${name}" shortdesc="test agent">`,
    `<parameters>`,
    ...["action", ...parameters].map((p) => `<parameter name="${p}" unique="0" required="0"><content type="string"/></parameter>`),
    `</parameters>`,
    `<actions>`,
    ...actions.map((a) => `<action name="${a}"/>`),
    `</actions>`,
    `</resource-agent>`,
  ].join("\n");
  const script = `#!/bin/sh
META='${metadata}'
if [ "$1" = "-o" ] && [ "$2" = "metadata" ]; then printf '%s\\n' "$META"; exit 0; fi
args=$(cat)
get() { printf '%s\\n' "$args" | sed -n "s/^$1=//p" | tail -n 1; }
action=$(get action)
if [ "$action" = metadata ]; then printf '%s\\n' "$META"; exit 0; fi
log=$(get log)
if [ -n "$log" ]; then printf '%s\\n---\\n' "$args" >> "$log"; fi
rcdir=$(get rcdir)
rc=0
if [ -n "$rcdir" ]; then
  if [ -f "$rcdir/$action.once" ]; then rc=$(cat "$rcdir/$action.once"); rm -f "$rcdir/$action.once";
  elif [ -f "$rcdir/$action" ]; then rc=$(cat "$rcdir/$action"); fi
  if [ "$action" = list ] && [ -f "$rcdir/list-output" ]; then cat "$rcdir/list-output"; fi
fi
secs=$(get sleep)
if [ -n "$secs" ]; then
  if [ -f "$rcdir/ignore-term" ]; then trap '' TERM; fi
  sleep "$secs" &
  echo $! > "$rcdir/child.pid"
  wait
fi
if [ "$rc" != 0 ]; then echo "some detail" >&2; echo "$action failed for $(get nodename)" >&2; fi
exit "$rc"
`;
  const path = join(dir, name);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return path;
}

/** Every invocation an agent logged: one record of options each. */
export function invocations(log: string): Record<string, string>[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, "utf8")
    .split("---\n")
    .filter((block) => block.trim())
    .map((block) => {
      const record: Record<string, string> = {};
      for (const line of block.split("\n").filter(Boolean)) {
        const eq = line.indexOf("=");
        record[line.slice(0, eq)] = line.slice(eq + 1);
      }
      return record;
    });
}

export interface DeviceSpec {
  id: string;
  agent: string;
  attrs?: Record<string, string>;
  meta?: Record<string, string>;
}

const nvset = (tag: string, id: string, pairs: Record<string, string> = {}) =>
  Object.keys(pairs).length
    ? `<${tag} id="${id}">${Object.entries(pairs)
        .map(([k, v], i) => `<nvpair id="${id}-${i}" name="${k}" value="${v}"/>`)
        .join("")}</${tag}>`
    : "";

export const primitive = (d: DeviceSpec): string =>
  `<primitive id="${d.id}" class="stonith" type="${d.agent}">${nvset("instance_attributes", `${d.id}-ia`, d.attrs)}${nvset("meta_attributes", `${d.id}-ma`, d.meta)}</primitive>`;

export interface CibSpec {
  nodes?: string[];
  /** Raw XML for configuration/resources. */
  resources?: string;
  devices?: DeviceSpec[];
  constraints?: string;
  topology?: string;
  properties?: Record<string, string>;
  nodeAttributes?: Record<string, Record<string, string>>;
  status?: string;
}

export function cib(spec: CibSpec): XmlElement {
  const nodes = (spec.nodes ?? ["node1", "node2", "node3"])
    .map((n, i) => `<node id="${i + 1}" uname="${n}">${nvset("instance_attributes", `nodes-${i + 1}`, spec.nodeAttributes?.[n])}</node>`)
    .join("");
  const resources = spec.resources ?? (spec.devices ?? []).map(primitive).join("");
  return parseXml(
    `<cib epoch="1" num_updates="0" admin_epoch="0"><configuration>` +
      `<crm_config>${nvset("cluster_property_set", "cib-bootstrap-options", spec.properties)}</crm_config>` +
      `<nodes>${nodes}</nodes><resources>${resources}</resources>` +
      `<constraints>${spec.constraints ?? ""}</constraints>` +
      (spec.topology ? `<fencing-topology>${spec.topology}</fencing-topology>` : "") +
      `</configuration><status>${spec.status ?? ""}</status></cib>`,
  );
}
