// Bundles as Pacemaker 2.1.5 unpacks them (lib/pengine/bundle.c): each replica of a <bundle> is a
// container primitive (ocf:heartbeat:docker, podman or rkt) with generated parameters, an optional
// ocf:heartbeat:IPaddr2 primitive from ip-range-start, and, when the bundle holds a primitive, an
// implicit ocf:pacemaker:remote connection (guest node "<bundle>-<n>") running that primitive as a
// clone instance. The expansion rewrites each <bundle> into one holding those generated resources.
import { childElements, createElement, firstChild, type XmlElement } from "../cib/xml.js";

const REMOTE_PORT = "3121";
const AGENTS = ["docker", "rkt", "podman"] as const;
type Agent = (typeof AGENTS)[number];

interface Mount {
  source: string;
  target: string;
  options?: string;
  subdir: boolean;
}

interface BundleSpec {
  id: string;
  agent: Agent;
  el: XmlElement;
  replicas: number;
  perHost: number;
  promotedMax: number;
  ipStart?: string;
  netmask?: string;
  nic?: string;
  controlPort?: string;
  addHost: boolean;
  mounts: Mount[];
  ports: { source: string; target: string }[];
  child?: XmlElement;
}

const minInt = (v: string | undefined, min: number): number => {
  const n = parseInt(v ?? "", 10);
  return Number.isNaN(n) ? min : Math.max(n, min);
};

function nextIp(last: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)/.exec(last);
  if (!m) return undefined;
  const [a, b, c, d] = m.slice(1).map(Number);
  if (c > 253) return undefined;
  return d > 253 ? `${a}.${b}.${c + 1}.1` : `${a}.${b}.${c}.${d + 1}`;
}

function parseSpec(e: XmlElement): BundleSpec | undefined {
  const agent = AGENTS.find((a) => firstChild(e, a));
  if (!agent) return undefined;
  const c = firstChild(e, agent) as XmlElement;
  const promotedMax = minInt(c.attrs["promoted-max"] ?? c.attrs.masters, 0);
  const replicas = c.attrs.replicas === undefined && promotedMax > 0 ? promotedMax : minInt(c.attrs.replicas, 1);
  const net = firstChild(e, "network");
  const spec: BundleSpec = { id: e.attrs.id, agent, el: c, replicas, perHost: minInt(c.attrs["replicas-per-host"], 1), promotedMax, addHost: true, mounts: [], ports: [] };
  if (net) {
    spec.ipStart = net.attrs["ip-range-start"];
    spec.netmask = net.attrs["host-netmask"];
    spec.nic = net.attrs["host-interface"];
    spec.controlPort = net.attrs["control-port"];
    const add = (net.attrs["add-host"] ?? "").toLowerCase();
    if (["false", "no", "off", "0", "n", "f"].includes(add)) spec.addHost = false;
    for (const p of net.children) {
      const source = p.attrs.port ?? p.attrs.range;
      if (!source) continue;
      spec.ports.push({ source, target: (p.attrs.port !== undefined ? p.attrs["internal-port"] : undefined) ?? source });
    }
  }
  let logMount = true;
  const storage = firstChild(e, "storage");
  for (const m of storage ? storage.children : []) {
    const dir = m.attrs["source-dir"];
    const source = dir ?? m.attrs["source-dir-root"];
    const target = m.attrs["target-dir"];
    if (!source || !target) continue;
    spec.mounts.push({ source, target, options: m.attrs.options, subdir: dir === undefined });
    if (target === "/var/log") logMount = false;
  }
  const child = firstChild(e, "primitive");
  if (child && (spec.ipStart || spec.controlPort)) {
    spec.child = child;
    if (!spec.ipStart) spec.perHost = 1;
    spec.mounts.push({ source: "/etc/pacemaker/authkey", target: "/etc/pacemaker/authkey", subdir: false });
    if (logMount) spec.mounts.push({ source: "/var/log/pacemaker/bundles", target: "/var/log", subdir: true });
    spec.ports.push({ source: spec.controlPort ?? REMOTE_PORT, target: spec.controlPort ?? REMOTE_PORT });
  } else if (child) return undefined;
  return spec;
}

function paramSet(parent: XmlElement, setName: string, id: string, pairs: [string, string | undefined][]): void {
  const set = createElement(setName, { id }, parent);
  for (const [name, value] of pairs) if (value !== undefined) createElement("nvpair", { id: `${id}-${name}`, name, value }, set);
}

function op(parent: XmlElement, prefix: string, name: string, interval: string, timeout?: string): void {
  const ops = firstChild(parent, "operations") ?? createElement("operations", {}, parent);
  createElement("op", { id: `${prefix}-${name}-interval-${interval}`, name, interval, ...(timeout ? { timeout } : {}) }, ops);
}

/** The container agent's run_opts, as create_container_resource assembles them. */
function runOptions(spec: BundleSpec, i: number, ip: string | undefined, hostOptions: string): { runOpts: string; mountPoints: string } {
  const docker = spec.agent !== "rkt";
  const env = docker ? "-e " : "--environment=";
  let s = spec.agent === "docker" ? " --restart=no" : "";
  if (spec.ipStart) s += ` ${docker ? "-h " : "--hostname="}${spec.id}-${i}`;
  s += ` ${env}PCMK_stderr=1`;
  const network = spec.el.attrs.network;
  if (network !== undefined) s += ` --net=${network}`;
  s += ` ${env}PCMK_remote_port=${spec.controlPort ?? REMOTE_PORT}`;
  const dirs: string[] = [];
  spec.mounts.forEach((m, vol) => {
    const source = m.subdir ? `${m.source}/${spec.id}-${i}` : m.source;
    if (m.subdir) dirs.push(source);
    if (docker) s += ` -v ${source}:${m.target}${m.options !== undefined ? `:${m.options}` : ""}`;
    else s += ` --volume vol${vol},kind=host,source=${source}${m.options !== undefined ? "," : ""}${m.options ?? ""} --mount volume=vol${vol},target=${m.target}`;
  });
  for (const p of spec.ports) {
    if (docker) {
      if (ip) s += ` -p ${ip}:${p.source}:${p.target}`;
      else if (network !== "host") s += ` -p ${p.source}:${p.target}`;
    } else s += ip ? ` --port=${p.target}:${ip}:${p.source}` : ` --port=${p.target}:${p.source}`;
  }
  if (spec.el.attrs.options !== undefined) s += ` ${spec.el.attrs.options}`;
  s += ` ${hostOptions}`;
  return { runOpts: s, mountPoints: dirs.join(",") };
}

/** The resources of one bundle, in Pacemaker's order: per replica its container, address and
 * connection, then the clone of the inner primitive. */
function expandBundle(e: XmlElement, spec: BundleSpec): XmlElement {
  const out = createElement("bundle", { ...e.attrs, replicas: String(spec.replicas), "replicas-per-host": String(spec.perHost), "promoted-max": String(spec.promotedMax), agent: spec.agent });
  for (const m of childElements(e, "meta_attributes")) out.children.push({ ...m, parent: out });
  const ips: (string | undefined)[] = [];
  let hostOptions = "";
  let last: string | undefined;
  for (let i = 0; i < spec.replicas; i++) {
    if (!spec.ipStart) break;
    const ip = last ? nextIp(last) : spec.ipStart;
    last = ip;
    ips.push(ip);
    if (!ip) continue;
    hostOptions += spec.agent !== "rkt" && spec.addHost ? ` --add-host=${spec.id}-${i}:${ip}` : ` --hosts-entry=${ip}=${spec.id}-${i}`;
  }
  for (let i = 0; i < spec.replicas; i++) {
    const ip = ips[i];
    const containerId = `${spec.id}-${spec.agent}-${i}`;
    const container = createElement("primitive", { id: containerId, class: "ocf", provider: "heartbeat", type: spec.agent }, out);
    const { runOpts, mountPoints } = runOptions(spec, i, ip, hostOptions);
    const command = spec.el.attrs["run-command"] ?? (spec.child ? "/usr/sbin/pacemaker-remoted" : undefined);
    paramSet(container, "instance_attributes", `${spec.id}-attributes-${i}`, [
      ["image", spec.el.attrs.image ?? ""], ["allow_pull", "true"], ["force_kill", "false"], ["reuse", "false"],
      ["run_opts", runOpts], ["mount_points", mountPoints], ["run_cmd", command], ["monitor_cmd", "/bin/true"],
    ]);
    op(container, containerId, "monitor", "60s");
    if (ip) {
      const ipId = `${spec.id}-ip-${ip}`;
      const addr = createElement("primitive", { id: ipId, class: "ocf", provider: "heartbeat", type: "IPaddr2" }, out);
      paramSet(addr, "instance_attributes", `${spec.id}-attributes-${i}`, [["ip", ip], ["nic", spec.nic], ["cidr_netmask", spec.netmask ?? "32"]]);
      op(addr, ipId, "monitor", "60s");
    }
    if (!spec.child) continue;
    const name = `${spec.id}-${i}`;
    const remote = createElement("primitive", { id: name, class: "ocf", provider: "pacemaker", type: "remote" }, out);
    paramSet(remote, "meta_attributes", `${name}-meta_attributes`, [["internal_rsc", "true"], ["container", containerId]]);
    paramSet(remote, "instance_attributes", `${name}-instance_attributes`, [["addr", ip ?? "#uname"], ["port", spec.controlPort ?? REMOTE_PORT]]);
    op(remote, name, "monitor", "30s", "30s");
  }
  if (spec.child) {
    const clone = createElement("clone", { id: `${spec.id}-${spec.promotedMax ? "master" : "clone"}` }, out);
    paramSet(clone, "meta_attributes", `${spec.id}-clone-meta`, [
      ["ordered", "true"], ["clone-max", String(spec.replicas)], ["clone-node-max", String(spec.perHost)],
      ["globally-unique", String(spec.perHost > 1)], ["promotable", spec.promotedMax ? "true" : undefined],
      ["promoted-max", spec.promotedMax ? String(spec.promotedMax) : undefined],
    ]);
    clone.children.push({ ...spec.child, parent: clone });
  }
  return out;
}

/** The CIB with each <bundle> replaced by its generated resources (a new tree; the input is kept). */
export function expandBundles(cib: XmlElement): XmlElement {
  const config = firstChild(cib, "configuration");
  const resources = config && firstChild(config, "resources");
  if (!config || !resources || !resources.children.some((c) => c.name === "bundle")) return cib;
  const root: XmlElement = { ...cib, children: [] };
  const newConfig: XmlElement = { ...config, parent: root, children: [] };
  const newResources: XmlElement = { ...resources, parent: newConfig, children: [] };
  for (const c of cib.children) root.children.push(c === config ? newConfig : c);
  for (const c of config.children) newConfig.children.push(c === resources ? newResources : c);
  for (const c of resources.children) {
    const spec = c.name === "bundle" ? parseSpec(c) : undefined;
    if (c.name !== "bundle") newResources.children.push(c);
    else if (spec) {
      const b = expandBundle(c, spec);
      b.parent = newResources;
      newResources.children.push(b);
    }
  }
  return root;
}

/** Generated bundle elements hold their resources; the connections among them define guest nodes. */
export const bundleConnections = (e: XmlElement): XmlElement[] => (e.name === "bundle" && e.attrs.agent ? e.children : []);
