// Small CIBs with a status section, built in code for the scheduler tests.
export interface NodeSpec {
  name: string;
  state?: "online" | "offline" | "lost" | "absent";
  attrs?: Record<string, string>;
  transient?: Record<string, string>;
  /** A Pacemaker Remote or guest node: no <node> entry, a node_state marked remote_node (its state
   * follows its connection resource). */
  remote?: boolean;
}

export interface OpSpec {
  rsc: string;
  node: string;
  op: string;
  rc?: number;
  expected?: number;
  interval?: number;
  /** Execution status (op-status), 0 unless given. */
  status?: number;
  /** More attributes of the lrm_rsc_op (digests, ...). */
  attrs?: Record<string, string>;
  /** The lrm_rsc_op id (e.g. "A_last_failure_0"). */
  id?: string;
  call: number;
  /** The agent the history records ("class=... provider=... type=..."), for resources not in `resources`. */
  agent?: string;
}

export interface CibSpec {
  nodes: NodeSpec[];
  options?: Record<string, string>;
  resources: string;
  constraints?: string;
  /** Children of rsc_defaults. */
  rscDefaults?: string;
  ops?: OpSpec[];
  /** Children of the status section's <tickets>. */
  tickets?: string;
}

const nv = (prefix: string, values: Record<string, string> = {}) =>
  Object.entries(values)
    .map(([k, v], i) => `<nvpair id="${prefix}-${i}" name="${k}" value="${v}"/>`)
    .join("");

/** The history records the configured agent (a Dummy for resources not configured). */
function agentOf(resources: string, rsc: string): string {
  const base = rsc.replace(/:\d+$/, "");
  const m = new RegExp(`<primitive id="${base}" class="([^"]+)"(?: provider="([^"]+)")? type="([^"]+)"`).exec(resources);
  // a guest node's implicit connection
  if (!m && resources.includes(`name="remote-node" value="${base}"`)) return `class="ocf" provider="pacemaker" type="remote"`;
  if (!m) return `class="ocf" provider="pacemaker" type="Dummy"`;
  return m[2] ? `class="${m[1]}" provider="${m[2]}" type="${m[3]}"` : `class="${m[1]}" type="${m[3]}"`;
}

export function buildCib(spec: CibSpec): string {
  const options = { "stonith-enabled": "false", ...spec.options };
  const nodes = spec.nodes
    .map((n, i) => n.remote ? "" : `<node id="${i + 1}" uname="${n.name}">${n.attrs ? `<instance_attributes id="na${i}">${nv(`na${i}`, n.attrs)}</instance_attributes>` : ""}</node>`)
    .join("");
  const states = spec.nodes
    .map((n, i) => {
      const state = n.state ?? "online";
      if (state === "absent") return "";
      const on = state === "online";
      const id = n.remote ? n.name : String(i + 1);
      const attrs = n.remote
        ? `remote_node="true"`
        : state === "lost"
          ? `in_ccm="false" crmd="offline" join="down" expected="member"`
          : `in_ccm="${on}" crmd="${on ? "online" : "offline"}" join="${on ? "member" : "down"}" expected="${on ? "member" : "down"}"`;
      const ops = (spec.ops ?? []).filter((o) => o.node === n.name);
      const byRsc = new Map<string, OpSpec[]>();
      for (const o of ops) byRsc.set(o.rsc, [...(byRsc.get(o.rsc) ?? []), o]);
      const lrm = [...byRsc]
        .map(
          ([rsc, list]) =>
            `<lrm_resource id="${rsc}" ${list.find((o) => o.agent)?.agent ?? agentOf(spec.resources, rsc)}>` +
            list
              .map((o) => {
                const expected = o.expected ?? (o.op === "monitor" && !o.interval ? 7 : 0);
                const key = `${o.call}:1:${expected}:test`;
                return (
                  `<lrm_rsc_op id="${o.id ?? `${rsc}_${o.op}_${o.interval ?? 0}_${o.call}`}" operation_key="${rsc.replace(/:\d+$/, "")}_${o.op}_${o.interval ?? 0}" operation="${o.op}" call-id="${o.call}" rc-code="${o.rc ?? 0}" ` +
                  `op-status="${o.status ?? 0}" interval="${o.interval ?? 0}" transition-key="${key}" transition-magic="0:${o.rc ?? 0};${key}" ` +
                  `crm_feature_set="3.0.7"` +
                  (o.attrs?.["op-digest"] ? "" : ` op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"`) +
                  Object.entries(o.attrs ?? {})
                    .map(([k, v]) => ` ${k}="${v}"`)
                    .join("") +
                  `/>`
                );
              })
              .join("") +
            "</lrm_resource>",
        )
        .join("");
      const transient = n.transient ? `<transient_attributes id="${id}"><instance_attributes id="ta${i}">${nv(`ta${i}`, n.transient)}</instance_attributes></transient_attributes>` : "";
      return `<node_state id="${id}" uname="${n.name}" ${attrs}>${transient}<lrm id="${id}"><lrm_resources>${lrm}</lrm_resources></lrm></node_state>`;
    })
    .join("");
  return (
    `<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9" have-quorum="1" dc-uuid="1"><configuration>` +
    `<crm_config><cluster_property_set id="cib-bootstrap-options">${nv("o", options)}</cluster_property_set></crm_config>` +
    `<nodes>${nodes}</nodes><resources>${spec.resources}</resources><constraints>${spec.constraints ?? ""}</constraints>` +
    (spec.rscDefaults ? `<rsc_defaults>${spec.rscDefaults}</rsc_defaults>` : "") +
    `</configuration><status>${states}${spec.tickets ? `<tickets>${spec.tickets}</tickets>` : ""}</status></cib>`
  );
}

export const dummy = (id: string, meta: Record<string, string> = {}, params: Record<string, string> = {}) =>
  `<primitive id="${id}" class="ocf" provider="pacemaker" type="Dummy">` +
  (Object.keys(params).length ? `<instance_attributes id="${id}-params">${nv(`${id}-params`, params)}</instance_attributes>` : "") +
  (Object.keys(meta).length ? `<meta_attributes id="${id}-meta">${nv(`${id}-meta`, meta)}</meta_attributes>` : "") +
  `</primitive>`;
