// resource bundle create | update | reset: command-line parsing and the CIB edit.
import {
  appendNewBundle,
  bundleConformsToSchema,
  bundleInner,
  containerElement,
  CONTAINER_TYPES,
  updateBundle,
  validateBundleReset,
  validateBundleUpdate,
  validateNewBundle,
  type BundleUpdate,
} from "../../cib/bundle.js";
import { section } from "../../cib/document.js";
import { IdIndex } from "../../cib/ids.js";
import type { NvPairs } from "../../cib/nvset.js";
import { disableResource } from "../../cib/primitive.js";
import { searchElement } from "../../cib/resource-lookup.js";
import { appendChild, detach, type XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { error, fail, forceableError, ReportedError, type Reports } from "../../report/index.js";
import { cmdlineError, groupByKeywords, prepareOptions } from "./create-args.js";
import { UsageError } from "./usage-error.js";
import { refuseWaitWithFile } from "./wait.js";

const SINGLE = ["meta", "container", "network"];
const REPEATED = ["port-map", "storage-map"];

interface BundleGroups {
  single: Map<string, string[]>;
  repeated: Map<string, string[][]>;
}

function bundleGroups(args: readonly string[]): BundleGroups {
  const keywords = [...SINGLE, ...REPEATED];
  if (args.length && !keywords.includes(args[0])) throw new UsageError();
  const groups = groupByKeywords(args, keywords, REPEATED);
  for (const keyword of keywords) {
    const lists = REPEATED.includes(keyword) ? (groups.repeated.get(keyword) ?? []) : groups.single.has(keyword) ? [groups.single.get(keyword)!] : [];
    if (lists.some((l) => !l.length)) cmdlineError(`No ${keyword} options specified`);
  }
  return groups;
}

const optionsOf = (groups: BundleGroups, keyword: string): NvPairs => prepareOptions(groups.single.get(keyword) ?? []);
const mapsOf = (groups: BundleGroups, keyword: string): NvPairs[] => (groups.repeated.get(keyword) ?? []).map((l) => prepareOptions(l));

/** A missing or wrong-type bundle stops the command at once, without pcs's closing summary line. */
function findBundle(cib: XmlElement, id: string, reports: Reports): XmlElement {
  reports.throwIfErrors();
  const { element, report } = searchElement(cib, ["bundle"], id);
  if (!element) throw new ReportedError([report!], false);
  return element;
}

/** Options forced past validation that pacemaker's schema does not know make the CIB push fail. */
function checkSchema(bundle: XmlElement): void {
  if (!bundleConformsToSchema(bundle)) fail("CIB_SCHEMA_REJECTED", {});
}

function startCommand(ctx: CommandContext): string[] {
  if (!ctx.args.length) throw new UsageError();
  refuseWaitWithFile(ctx);
  return ctx.args;
}

export async function bundleCreateCommand(ctx: CommandContext): Promise<void> {
  const [id, ...rest] = startCommand(ctx);
  const groups = bundleGroups(rest);
  const containerArgs = [...(groups.single.get("container") ?? [])];
  const containerType = containerArgs.length && !containerArgs[0].includes("=") ? containerArgs.shift()! : "";
  const spec = {
    id,
    containerType,
    container: prepareOptions(containerArgs),
    network: optionsOf(groups, "network"),
    portMaps: mapsOf(groups, "port-map"),
    storageMaps: mapsOf(groups, "storage-map"),
    meta: optionsOf(groups, "meta"),
  };
  await (await ctx.env()).editCib((cib, reports) => {
    const ids = new IdIndex(cib);
    reports.add(...validateNewBundle(spec, ids));
    reports.throwIfErrors();
    if (containerType === "podman") upgradeForPodman(cib);
    const bundle = appendNewBundle(section(cib, "resources"), ids, spec);
    if (ctx.has("--disabled")) disableResource(bundle, ids);
    checkSchema(bundle);
  }, ctx.reports);
}

/** podman bundles need schema pacemaker-3.2: pcs upgrades an older CIB to the newest schema first. */
function upgradeForPodman(cib: XmlElement): void {
  const match = /^pacemaker-(\d+)\.(\d+)$/.exec(cib.attrs["validate-with"] ?? "");
  if (!match || Number(match[1]) > 3 || (Number(match[1]) === 3 && Number(match[2]) >= 2)) return;
  cib.attrs["validate-with"] = "pacemaker-3.9";
  cib.attrs.admin_epoch = String(Number(cib.attrs.admin_epoch ?? 0) + 1);
  cib.attrs.epoch = "1";
  cib.attrs.num_updates = "0";
}

function mapChange(lists: string[][], name: string): { add: NvPairs[]; remove: string[] } {
  const out = { add: [] as NvPairs[], remove: [] as string[] };
  for (const list of lists) {
    const invalid = `When using '${name}' you must specify either 'add' and options or either of 'delete' or 'remove' and id(s)`;
    if (list.length < 2) cmdlineError(invalid);
    const [op, ...options] = list;
    if (op === "add") out.add.push(prepareOptions(options));
    else if (op === "delete" || op === "remove") out.remove.push(...options);
    else cmdlineError(invalid);
  }
  return out;
}

export async function bundleUpdateCommand(ctx: CommandContext): Promise<void> {
  const [id, ...rest] = startCommand(ctx);
  const groups = bundleGroups(rest);
  const portMap = mapChange(groups.repeated.get("port-map") ?? [], "port-map");
  const storageMap = mapChange(groups.repeated.get("storage-map") ?? [], "storage-map");
  const change: BundleUpdate = {
    container: optionsOf(groups, "container"),
    network: optionsOf(groups, "network"),
    portMapAdd: portMap.add,
    portMapRemove: portMap.remove,
    storageMapAdd: storageMap.add,
    storageMapRemove: storageMap.remove,
    meta: optionsOf(groups, "meta"),
  };
  await (await ctx.env()).editCib((cib, reports) => {
    const ids = new IdIndex(cib);
    const bundle = findBundle(cib, id, reports);
    reports.add(...validateBundleUpdate(bundle, change, ids));
    reports.throwIfErrors();
    updateBundle(bundle, change, ids);
    checkSchema(bundle);
  }, ctx.reports);
}

/** Strip a bundle to its container element with only the image (network, storage, meta kept empty). */
function resetToMinimal(bundle: XmlElement): void {
  for (const child of bundle.children) {
    if (child.name === "network" || child.name === "storage") {
      [...child.children].forEach(detach);
      for (const a of Object.keys(child.attrs)) delete child.attrs[a];
    } else if (child.name === "meta_attributes") {
      [...child.children].forEach(detach);
      for (const a of Object.keys(child.attrs)) if (a !== "id") delete child.attrs[a];
    } else if (CONTAINER_TYPES.includes(child.name)) {
      for (const a of Object.keys(child.attrs)) if (a !== "image") delete child.attrs[a];
    }
  }
}

export async function bundleResetCommand(ctx: CommandContext): Promise<void> {
  const [id, ...rest] = startCommand(ctx);
  const groups = bundleGroups(rest);
  const change: BundleUpdate = {
    container: optionsOf(groups, "container"),
    network: optionsOf(groups, "network"),
    portMapAdd: mapsOf(groups, "port-map"),
    portMapRemove: [],
    storageMapAdd: mapsOf(groups, "storage-map"),
    storageMapRemove: [],
    meta: optionsOf(groups, "meta"),
  };
  await (await ctx.env()).editCib((cib, reports) => {
    const bundle = findBundle(cib, id, reports);
    if (!containerElement(bundle)) {
      reports.add(error("RESOURCE_BUNDLE_UNSUPPORTED_CONTAINER_TYPE", { bundleId: id, types: CONTAINER_TYPES }));
      reports.throwIfErrors();
    }
    resetToMinimal(bundle);
    const ids = new IdIndex(cib);
    reports.add(...validateBundleReset(change, ids));
    reports.throwIfErrors();
    updateBundle(bundle, change, ids);
    if (ctx.has("--disabled")) disableResource(bundle, ids);
    checkSchema(bundle);
  }, ctx.reports);
}

/** resource create ... bundle <id>: move the new primitive into the bundle (at most one resource). */
export function putIntoBundle(cib: XmlElement, bundleId: string, primitive: XmlElement, reports: Reports): void {
  const bundle = findBundle(cib, bundleId, reports);
  if (!bundle.children.some((c) => c.name === "network" && (c.attrs["control-port"] || c.attrs["ip-range-start"]))) {
    reports.add(forceableError("RESOURCE_IN_BUNDLE_NOT_ACCESSIBLE", { bundleId, resourceId: primitive.attrs.id ?? "" }));
  }
  reports.throwIfErrors();
  const inner = bundleInner(bundle);
  if (inner) fail("RESOURCE_BUNDLE_ALREADY_CONTAINS_A_RESOURCE", { bundleId, resourceId: inner.attrs.id ?? "" });
  appendChild(bundle, primitive);
}
