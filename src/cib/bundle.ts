// Bundles (container + network + storage around at most one primitive): pcs's validation of the
// container/network/port-map/storage-map options and its way of building and updating the elements.
import { deprecation, error, errorOrForceable, fail, forceableError, type ReportItem } from "../report/index.js";
import { IdIndex, sanitizeId, validateId } from "./ids.js";
import { appendWhenUseful, arrangeFirstNvset, type NvPairs } from "./nvset.js";
import { createElement, detach, type XmlElement } from "./xml.js";

export const CONTAINER_TYPES = ["docker", "podman", "rkt"];
const CONTAINER_OPTIONS = ["image", "masters", "network", "options", "promoted-max", "run-command", "replicas", "replicas-per-host"];
const NETWORK_OPTIONS = ["control-port", "host-interface", "host-netmask", "ip-range-start"];
const PORT_MAP_OPTIONS = ["id", "internal-port", "port", "range"];
const STORAGE_MAP_OPTIONS = ["id", "options", "source-dir", "source-dir-root", "target-dir"];

export interface BundleMaps {
  portMaps: NvPairs[];
  storageMaps: NvPairs[];
}

const isInt = (v: string, min: number, max = Number.MAX_SAFE_INTEGER) => /^\s*[+-]?\d+\s*$/.test(v) && Number(v) >= min && Number(v) <= max;
const isPort = (v: string) => isInt(v, 1, 65535);

type Check = [name: string, ok: (v: string) => boolean, allowed: string, forceable?: boolean];

/** Value checks; with `emptyOk` an empty value (removal) passes. */
function checkValues(options: NvPairs, checks: Check[], emptyOk = false): ReportItem[] {
  const out: ReportItem[] = [];
  for (const [name, ok, allowed, forceable] of checks) {
    const value = options[name];
    if (value === undefined || (emptyOk && value === "") || ok(value)) continue;
    out.push(errorOrForceable(!!forceable, "INVALID_OPTION_VALUE", { name, value, allowed }));
  }
  return out;
}

function checkNames(options: NvPairs, allowed: readonly string[], optionType: string, extra: readonly string[] = []): ReportItem[] {
  const bad = Object.keys(options).filter((n) => !allowed.includes(n) && !extra.includes(n)).sort();
  if (!bad.length) return [];
  return [forceableError("INVALID_OPTIONS", { names: bad, allowed: [...allowed].sort(), optionType })];
}

const removed = (options: NvPairs) => Object.keys(options).filter((n) => options[n] === "");

function exclusive(options: NvPairs, names: string[], optionType: string): ReportItem[] {
  const given = names.filter((n) => n in options);
  return given.length > 1 ? [error("MUTUALLY_EXCLUSIVE_OPTIONS_TYPED", { options: given.sort(), optionType })] : [];
}

function containerChecks(options: NvPairs, update: boolean): ReportItem[] {
  const out = checkNames(options, CONTAINER_OPTIONS, "container", update ? removed(options) : []);
  if (!update && !("image" in options)) out.push(error("REQUIRED_OPTIONS_ARE_MISSING", { names: ["image"], optionType: "container" }));
  if ("image" in options && !options.image) out.push(error("INVALID_OPTION_VALUE_EMPTY", { name: "image name" }));
  out.push(
    ...checkValues(
      options,
      [
        ["masters", (v) => isInt(v, 0), "a non-negative integer"],
        ["promoted-max", (v) => isInt(v, 0), "a non-negative integer"],
        ["replicas", (v) => isInt(v, 1), "a positive integer"],
        ["replicas-per-host", (v) => isInt(v, 1), "a positive integer"],
      ],
      update,
    ),
  );
  if (!update || (options.masters && options["promoted-max"])) out.push(...exclusive(options, ["masters", "promoted-max"], "container"));
  if (update ? options.masters : "masters" in options) {
    out.push(deprecation("DEPRECATED_OPTION", { option: "masters", replacedBy: ["promoted-max"], optionType: "container" }));
  }
  return out;
}

function networkChecks(options: NvPairs, update: boolean): ReportItem[] {
  return [
    ...checkNames(options, NETWORK_OPTIONS, "network", update ? removed(options) : []),
    ...checkValues(
      options,
      [
        ["control-port", isPort, "a port number (1..65535)"],
        ["host-netmask", (v) => isInt(v, 1, 32), "a number of bits of the mask (1..32)", true],
      ],
      update,
    ),
  ];
}

function mapIdChecks(options: NvPairs, ids: IdIndex, description: string): ReportItem[] {
  if (options.id === undefined) return [];
  const invalid = validateId(options.id, description);
  return invalid.length ? invalid : ids.book(options.id);
}

function portMapChecks(maps: NvPairs[], ids: IdIndex): ReportItem[] {
  const type = "port-map";
  return maps.flatMap((m) => {
    const out = [...checkNames(m, PORT_MAP_OPTIONS, type), ...mapIdChecks(m, ids, "port-map id")];
    if ("internal-port" in m && !("port" in m)) {
      out.push(error("PREREQUISITE_OPTION_IS_MISSING", { option: "internal-port", optionType: type, prerequisite: "port", prerequisiteType: type }));
    }
    if (!("port" in m) && !("range" in m)) out.push(error("REQUIRED_OPTION_OF_ALTERNATIVES_IS_MISSING", { names: ["port", "range"], deprecated: [], optionType: type }));
    out.push(...exclusive(m, ["port", "range"], type));
    const range = (v: string) => {
      const parts = /^(\d+)-(\d+)$/.exec(v);
      return !!parts && isPort(parts[1]) && isPort(parts[2]);
    };
    out.push(
      ...checkValues(
        m,
        [
          ["port", isPort, "a port number (1..65535)"],
          ["internal-port", isPort, "a port number (1..65535)"],
          ["range", range, "port-port", true],
        ],
      ),
    );
    return out;
  });
}

function storageMapChecks(maps: NvPairs[], ids: IdIndex): ReportItem[] {
  const type = "storage-map";
  return maps.flatMap((m) => {
    const out = [...checkNames(m, STORAGE_MAP_OPTIONS, type), ...mapIdChecks(m, ids, "storage-map id")];
    if (!("source-dir" in m) && !("source-dir-root" in m)) {
      out.push(error("REQUIRED_OPTION_OF_ALTERNATIVES_IS_MISSING", { names: ["source-dir", "source-dir-root"], deprecated: [], optionType: type }));
    }
    out.push(...exclusive(m, ["source-dir", "source-dir-root"], type));
    if (!("target-dir" in m)) out.push(error("REQUIRED_OPTIONS_ARE_MISSING", { names: ["target-dir"], optionType: type }));
    return out;
  });
}

export interface NewBundle extends BundleMaps {
  id: string;
  containerType: string;
  container: NvPairs;
  network: NvPairs;
  meta: NvPairs;
}

export function validateNewBundle(spec: NewBundle, ids: IdIndex): ReportItem[] {
  const idReports = validateId(spec.id, "bundle name");
  const out = idReports.length ? idReports : ids.book(spec.id);
  if (!CONTAINER_TYPES.includes(spec.containerType)) {
    out.push(error("INVALID_OPTION_VALUE", { name: "container type", value: spec.containerType, allowed: CONTAINER_TYPES }));
  } else out.push(...containerChecks(spec.container, false));
  return [...out, ...networkChecks(spec.network, false), ...portMapChecks(spec.portMaps, ids), ...storageMapChecks(spec.storageMaps, ids)];
}

function setAttrs(element: XmlElement, options: NvPairs): void {
  for (const [name, value] of Object.entries(options)) {
    if (value === "") delete element.attrs[name];
    else element.attrs[name] = value;
  }
}

function appendPortMap(network: XmlElement, ids: IdIndex, bundleId: string, options: NvPairs): void {
  const suffix = options.port ?? options.range;
  const attrs: NvPairs = options.id === undefined && suffix ? { id: ids.allocate(sanitizeId(`${bundleId}-port-map-${suffix}`)) } : {};
  setAttrs(createElement("port-mapping", attrs, network), options);
}

function appendStorageMap(storage: XmlElement, ids: IdIndex, bundleId: string, options: NvPairs): void {
  const attrs: NvPairs = options.id === undefined ? { id: ids.allocate(`${bundleId}-storage-map`) } : {};
  const mapping = createElement("storage-mapping", attrs, storage);
  setAttrs(mapping, options);
  // pcs's validation lets `target-dir=` (empty: not set) through, then the schema refuses the map
  const { "source-dir": source, "source-dir-root": sourceRoot, "target-dir": target } = mapping.attrs;
  if ((source === undefined && sourceRoot === undefined) || target === undefined) fail("CIB_UPDATE_SCHEMA_INVALID", {});
}

export function appendNewBundle(resources: XmlElement, ids: IdIndex, spec: NewBundle): XmlElement {
  const bundle = createElement("bundle", { id: spec.id }, resources);
  setAttrs(createElement(spec.containerType, {}, bundle), spec.container);
  if (Object.keys(spec.network).length || spec.portMaps.length) {
    const network = createElement("network", {}, bundle);
    setAttrs(network, spec.network);
    for (const m of spec.portMaps) appendPortMap(network, ids, spec.id, m);
  }
  if (spec.storageMaps.length) {
    const storage = createElement("storage", {}, bundle);
    for (const m of spec.storageMaps) appendStorageMap(storage, ids, spec.id, m);
  }
  if (Object.keys(spec.meta).length) {
    const set = createElement("meta_attributes", { id: ids.subelementId(bundle, "meta_attributes") }, bundle);
    for (const name of Object.keys(spec.meta).sort()) createElement("nvpair", { id: ids.subelementId(set, name), name, value: spec.meta[name] }, set);
  }
  return bundle;
}

export const containerElement = (bundle: XmlElement): XmlElement | undefined => bundle.children.find((c) => CONTAINER_TYPES.includes(c.name));
export const bundleInner = (bundle: XmlElement): XmlElement | undefined => bundle.children.find((c) => c.name === "primitive");

/** pacemaker-remote inside the bundle is reachable when the network has a control-port or an ip-range-start. */
export function remoteAccessible(bundle: XmlElement): boolean {
  const network = bundle.children.find((c) => c.name === "network");
  return !!network && !!(network.attrs["control-port"] || network.attrs["ip-range-start"]);
}

export interface BundleUpdate {
  container: NvPairs;
  network: NvPairs;
  portMapAdd: NvPairs[];
  portMapRemove: string[];
  storageMapAdd: NvPairs[];
  storageMapRemove: string[];
  meta: NvPairs;
}

function unsupportedContainer(bundle: XmlElement): ReportItem {
  return error("RESOURCE_BUNDLE_UNSUPPORTED_CONTAINER_TYPE", { bundleId: bundle.attrs.id ?? "", types: CONTAINER_TYPES });
}

function stillAccessible(network: XmlElement, options: NvPairs): boolean {
  const port = network.attrs["control-port"];
  const ip = network.attrs["ip-range-start"];
  const removing = (o: string) => options[o] === "";
  const notAdding = (o: string) => options[o] === undefined;
  if (port && !ip && removing("control-port") && notAdding("ip-range-start")) return false;
  if (!port && ip && notAdding("control-port") && removing("ip-range-start")) return false;
  return !(port && ip && removing("control-port") && removing("ip-range-start"));
}

function mapIdsExist(bundle: XmlElement, tag: string, label: string, idList: string[]): ReportItem[] {
  const present = new Set<string>();
  const visit = (e: XmlElement) => {
    if (e.name === tag && e.attrs.id) present.add(e.attrs.id);
    e.children.forEach(visit);
  };
  visit(bundle);
  return idList
    .filter((id) => !present.has(id))
    .map((id) => error("ID_NOT_FOUND", { id, expectedTypes: [label], contextType: "bundle", contextId: bundle.attrs.id ?? "" }));
}

export function validateBundleUpdate(bundle: XmlElement, change: BundleUpdate, ids: IdIndex): ReportItem[] {
  const out: ReportItem[] = [];
  if (Object.keys(change.container).length) {
    const container = containerElement(bundle);
    if (!container) out.push(unsupportedContainer(bundle));
    else {
      out.push(...containerChecks(change.container, true));
      const c = change.container;
      if (c.masters && container.attrs["promoted-max"] && c["promoted-max"] !== "") {
        out.push(error("PREREQUISITE_OPTION_MUST_NOT_BE_SET", { option: "masters", optionType: "container", prerequisite: "promoted-max", prerequisiteType: "container" }));
      }
      if (c["promoted-max"] && container.attrs.masters && c.masters !== "") {
        out.push(error("PREREQUISITE_OPTION_MUST_NOT_BE_SET", { option: "promoted-max", optionType: "container", prerequisite: "masters", prerequisiteType: "container" }));
      }
    }
  }
  const network = bundle.children.find((c) => c.name === "network");
  if (!network) out.push(...networkChecks(change.network, false));
  else {
    const inner = bundleInner(bundle);
    if (inner && !stillAccessible(network, change.network)) {
      out.push(forceableError("RESOURCE_IN_BUNDLE_NOT_ACCESSIBLE", { bundleId: bundle.attrs.id ?? "", resourceId: inner.attrs.id ?? "" }));
    }
    out.push(...networkChecks(change.network, true));
  }
  return [
    ...out,
    ...portMapChecks(change.portMapAdd, ids),
    ...storageMapChecks(change.storageMapAdd, ids),
    ...mapIdsExist(bundle, "port-mapping", "port-map", change.portMapRemove),
    ...mapIdsExist(bundle, "storage-mapping", "storage-map", change.storageMapRemove),
  ];
}

export function updateBundle(bundle: XmlElement, change: BundleUpdate, ids: IdIndex): void {
  const bundleId = bundle.attrs.id ?? "";
  const container = containerElement(bundle);
  if (container) setAttrs(container, change.container);
  const network = bundle.children.find((c) => c.name === "network") ?? createElement("network", {});
  setAttrs(network, change.network);
  // (removed first: the ids of removed maps are free for the added ones, as in pcs)
  for (const m of network.children.filter((c) => c.name === "port-mapping")) if (change.portMapRemove.includes(m.attrs.id ?? "")) ids.release(detach(m));
  for (const m of change.portMapAdd) appendPortMap(network, ids, bundleId, m);
  appendWhenUseful(bundle, network);
  const storage = bundle.children.find((c) => c.name === "storage") ?? createElement("storage", {});
  for (const m of storage.children.filter((c) => c.name === "storage-mapping")) if (change.storageMapRemove.includes(m.attrs.id ?? "")) ids.release(detach(m));
  for (const m of change.storageMapAdd) appendStorageMap(storage, ids, bundleId, m);
  appendWhenUseful(bundle, storage);
  arrangeFirstNvset("meta_attributes", bundle, change.meta, ids);
}

/** bundle reset: the container options are given anew (image required), network as for a new bundle. */
export function validateBundleReset(change: BundleUpdate, ids: IdIndex): ReportItem[] {
  return [
    ...containerChecks(change.container, false),
    ...networkChecks(change.network, false),
    ...portMapChecks(change.portMapAdd, ids),
    ...storageMapChecks(change.storageMapAdd, ids),
  ];
}

const SCHEMA_ATTRIBUTES: Record<string, readonly string[]> = {
  network: [...NETWORK_OPTIONS, "add-host"],
  "port-mapping": PORT_MAP_OPTIONS,
  "storage-mapping": STORAGE_MAP_OPTIONS,
  ...Object.fromEntries(CONTAINER_TYPES.map((t) => [t, CONTAINER_OPTIONS])),
};

/** Whether pacemaker's schema accepts the bundle's own elements (options forced past validation are rejected). */
export function bundleConformsToSchema(bundle: XmlElement): boolean {
  const ok = (e: XmlElement): boolean => {
    const allowed = SCHEMA_ATTRIBUTES[e.name];
    if (allowed && Object.keys(e.attrs).some((a) => !allowed.includes(a))) return false;
    return e.name === "primitive" || e.name === "meta_attributes" || e.children.every(ok);
  };
  return bundle.children.every(ok);
}
