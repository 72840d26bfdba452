// The resources section as pcs's DTOs (what `resource config --output-format=json` prints and
// what the text and cmd renderings read): same fields, same order, same value rules.
import { isTrue } from "../../cib/resources.js";
import type { XmlElement } from "../../cib/xml.js";

export interface NvpairDto {
  id: string;
  name: string;
  value: string;
}
export interface NvsetDto {
  id: string;
  options: Record<string, string>;
  rule: null;
  nvpairs: NvpairDto[];
}
export interface AgentNameDto {
  standard: string;
  provider: string | null;
  type: string;
}
export interface OperationDto {
  id: string;
  name: string;
  interval: string;
  description: string | null;
  start_delay: string | null;
  interval_origin: string | null;
  timeout: string | null;
  enabled: boolean | null;
  record_pending: boolean | null;
  role: string | null;
  on_fail: string | null;
  meta_attributes: NvsetDto[];
  instance_attributes: NvsetDto[];
}
export interface PrimitiveDto {
  id: string;
  agent_name: AgentNameDto;
  description: string | null;
  operations: OperationDto[];
  meta_attributes: NvsetDto[];
  instance_attributes: NvsetDto[];
  utilization: NvsetDto[];
}
export interface CloneDto {
  id: string;
  description: string | null;
  member_id: string;
  meta_attributes: NvsetDto[];
  instance_attributes: NvsetDto[];
}
export interface GroupDto {
  id: string;
  description: string | null;
  member_ids: string[];
  meta_attributes: NvsetDto[];
  instance_attributes: NvsetDto[];
}
export interface BundleDto {
  id: string;
  description: string | null;
  member_id: string | null;
  container_type: string | null;
  container_options: {
    image: string;
    replicas: number | null;
    replicas_per_host: number | null;
    promoted_max: number | null;
    run_command: string | null;
    network: string | null;
    options: string | null;
  } | null;
  network: {
    ip_range_start: string | null;
    control_port: number | null;
    host_interface: string | null;
    host_netmask: number | null;
    add_host: boolean | null;
  } | null;
  port_mappings: { id: string; port: number | null; internal_port: number | null; range: string | null }[];
  storage_mappings: { id: string; source_dir: string | null; source_dir_root: string | null; target_dir: string; options: string | null }[];
  meta_attributes: NvsetDto[];
  instance_attributes: NvsetDto[];
}
export interface ResourcesDto {
  primitives: PrimitiveDto[];
  clones: CloneDto[];
  groups: GroupDto[];
  bundles: BundleDto[];
}

const opt = (e: XmlElement, name: string): string | null => e.attrs[name] ?? null;
const optInt = (e: XmlElement | undefined, name: string): number | null =>
  e && e.attrs[name] !== undefined && /^-?\d+$/.test(e.attrs[name]) ? Number(e.attrs[name]) : null;
const optBool = (e: XmlElement, name: string): boolean | null => (e.attrs[name] === undefined ? null : isTrue(e.attrs[name]));
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function nvsetToDto(set: XmlElement): NvsetDto {
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(set.attrs)) if (k !== "id") options[k] = v;
  return {
    id: set.attrs.id ?? "",
    options,
    rule: null,
    nvpairs: set.children
      .filter((c) => c.name === "nvpair")
      .map((p) => ({ id: p.attrs.id ?? "", name: p.attrs.name ?? "", value: p.attrs.value ?? "" }))
      .sort(byId),
  };
}

const nvsets = (e: XmlElement, tag: string): NvsetDto[] => e.children.filter((c) => c.name === tag).map(nvsetToDto);

const primaryRole = (role: string): string =>
  role === "Master" ? "Promoted" : role === "Slave" ? "Unpromoted" : role;

function operationToDto(op: XmlElement): OperationDto {
  return {
    id: op.attrs.id ?? "",
    name: op.attrs.name ?? "",
    interval: op.attrs.interval ?? "",
    description: opt(op, "description"),
    start_delay: opt(op, "start-delay"),
    interval_origin: opt(op, "interval-origin"),
    timeout: opt(op, "timeout"),
    enabled: optBool(op, "enabled"),
    record_pending: optBool(op, "record-pending"),
    role: op.attrs.role === undefined ? null : primaryRole(op.attrs.role),
    on_fail: opt(op, "on-fail"),
    meta_attributes: nvsets(op, "meta_attributes"),
    instance_attributes: nvsets(op, "instance_attributes"),
  };
}

export function primitiveToDto(p: XmlElement): PrimitiveDto {
  return {
    id: p.attrs.id ?? "",
    agent_name: { standard: p.attrs.class ?? "", provider: p.attrs.provider ?? null, type: p.attrs.type ?? "" },
    description: opt(p, "description"),
    operations: p.children.filter((c) => c.name === "operations").flatMap((ops) => ops.children.filter((o) => o.name === "op").map(operationToDto)),
    meta_attributes: nvsets(p, "meta_attributes"),
    instance_attributes: nvsets(p, "instance_attributes"),
    utilization: nvsets(p, "utilization"),
  };
}

function cloneToDto(c: XmlElement): CloneDto {
  const dto: CloneDto = {
    id: c.attrs.id ?? "",
    description: opt(c, "description"),
    member_id: c.children.find((x) => x.name === "primitive" || x.name === "group")?.attrs.id ?? "",
    meta_attributes: nvsets(c, "meta_attributes"),
    instance_attributes: nvsets(c, "instance_attributes"),
  };
  if (c.name === "master") {
    const promotable = { id: "", name: "promotable", value: "true" };
    if (dto.meta_attributes.length) dto.meta_attributes[0].nvpairs.push(promotable);
    else dto.meta_attributes = [{ id: "", options: {}, rule: null, nvpairs: [promotable] }];
  }
  return dto;
}

const groupToDto = (g: XmlElement): GroupDto => ({
  id: g.attrs.id ?? "",
  description: opt(g, "description"),
  member_ids: g.children.filter((c) => c.name === "primitive").map((c) => c.attrs.id ?? ""),
  meta_attributes: nvsets(g, "meta_attributes"),
  instance_attributes: nvsets(g, "instance_attributes"),
});

const CONTAINER_TYPES = ["docker", "podman", "rkt"];

function bundleToDto(b: XmlElement): BundleDto {
  const container = b.children.find((c) => CONTAINER_TYPES.includes(c.name));
  const network = b.children.find((c) => c.name === "network");
  const storage = b.children.find((c) => c.name === "storage");
  return {
    id: b.attrs.id ?? "",
    description: opt(b, "description"),
    member_id: b.children.find((c) => c.name === "primitive")?.attrs.id ?? null,
    container_type: container?.name ?? null,
    container_options: container
      ? {
          image: container.attrs.image ?? "",
          replicas: optInt(container, "replicas"),
          replicas_per_host: optInt(container, "replicas-per-host"),
          promoted_max: optInt(container, "promoted-max") ?? optInt(container, "masters"),
          run_command: opt(container, "run-command"),
          network: opt(container, "network"),
          options: opt(container, "options"),
        }
      : null,
    network: network
      ? {
          ip_range_start: opt(network, "ip-range-start"),
          control_port: optInt(network, "control-port"),
          host_interface: opt(network, "host-interface"),
          host_netmask: optInt(network, "host-netmask"),
          add_host: optBool(network, "add-host"),
        }
      : null,
    port_mappings: (network?.children ?? [])
      .filter((c) => c.name === "port-mapping")
      .map((m) => ({ id: m.attrs.id ?? "", port: optInt(m, "port"), internal_port: optInt(m, "internal-port"), range: opt(m, "range") })),
    storage_mappings: (storage?.children ?? [])
      .filter((c) => c.name === "storage-mapping")
      .map((m) => ({
        id: m.attrs.id ?? "",
        source_dir: opt(m, "source-dir"),
        source_dir_root: opt(m, "source-dir-root"),
        target_dir: m.attrs["target-dir"] ?? "",
        options: opt(m, "options"),
      })),
    meta_attributes: nvsets(b, "meta_attributes"),
    instance_attributes: nvsets(b, "instance_attributes"),
  };
}

function all(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      visit(c);
    }
  };
  visit(root);
  return out;
}

/** pcs's get_configured_resources: primitives and groups anywhere, clones then masters and bundles at the top. */
export function resourcesToDto(resources: XmlElement): ResourcesDto {
  return {
    primitives: all(resources, "primitive").map(primitiveToDto),
    clones: [...resources.children.filter((c) => c.name === "clone"), ...resources.children.filter((c) => c.name === "master")].map(cloneToDto),
    groups: all(resources, "group").map(groupToDto),
    bundles: resources.children.filter((c) => c.name === "bundle").map(bundleToDto),
  };
}

/** Python's json.dumps (default separators, ensure_ascii). */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  }
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`)
    .join(", ")}}`;
}
