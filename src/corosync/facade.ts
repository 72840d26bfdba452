// What pcs reads from and changes in corosync.conf: cluster name and UUID, nodes, transport, totem,
// quorum and quorum device options (pcs's ConfigFacade). Changes edit the parsed tree in place.
import * as C from "./constants.js";
import type { Section } from "./parser.js";
import {
  attrValue,
  deleteAttrs,
  ensureSections,
  filterOptions,
  newSection,
  optionValue,
  removeEmptySections,
  removeSection,
  sectionsNamed,
  setAttr,
  setSectionOptions,
} from "./sections.js";

export interface CorosyncNodeAddr {
  addr: string;
  link: string;
}

export interface CorosyncNode {
  name?: string;
  nodeid?: string;
  addrs: CorosyncNodeAddr[];
}

export interface QuorumDevice {
  model: string;
  modelOptions: Map<string, string>;
  genericOptions: Map<string, string>;
  heuristicsOptions: Map<string, string>;
}

type Options = ReadonlyMap<string, string>;

export const clusterName = (root: Section): string => optionValue(root, "totem", "cluster_name", "");
export const clusterUuid = (root: Section): string | undefined => optionValue(root, "totem", "cluster_uuid");

export function setClusterUuid(root: Section, uuid: string): void {
  setSectionOptions(ensureSections(root, "totem"), new Map([["cluster_uuid", uuid]]));
  removeEmptySections(root);
}

export function transport(root: Section): string {
  return optionValue(root, "totem", "transport") || C.TRANSPORT_DEFAULT;
}

function nodeData(node: Section): Map<string, string> {
  return new Map(node.attrs.filter(([k]) => C.NODE_OPTIONS.includes(k)));
}

export function nodes(root: Section): CorosyncNode[] {
  const result: CorosyncNode[] = [];
  for (const list of sectionsNamed(root, "nodelist")) {
    for (const node of sectionsNamed(list, "node")) {
      const data = nodeData(node);
      if (!data.size) continue;
      const addrs: CorosyncNodeAddr[] = [];
      for (let i = 0; i < C.LINKS_MAX; i++) {
        const addr = data.get(`ring${i}_addr`);
        if (addr) addrs.push({ addr, link: String(i) });
      }
      result.push({ name: data.get("name"), nodeid: data.get("nodeid"), addrs });
    }
  }
  return result;
}

export const totemOptions = (root: Section): Map<string, string> => filterOptions(root, "totem", C.TOTEM_OPTIONS);

export function transportOptions(root: Section): Map<string, string> {
  const type = transport(root);
  if (C.TRANSPORTS_KNET.includes(type)) return filterOptions(root, "totem", C.KNET_GENERIC_OPTIONS);
  if (C.TRANSPORTS_UDP.includes(type)) return filterOptions(root, "totem", C.UDP_GENERIC_OPTIONS);
  return new Map();
}

export const compressionOptions = (root: Section): Map<string, string> =>
  filterOptions(root, "totem", C.KNET_COMPRESSION_OPTIONS, C.KNET_COMPRESSION_PREFIX);
export const cryptoOptions = (root: Section): Map<string, string> => filterOptions(root, "totem", C.KNET_CRYPTO_OPTIONS, C.KNET_CRYPTO_PREFIX);
export const quorumOptions = (root: Section): Map<string, string> => filterOptions(root, "quorum", C.QUORUM_OPTIONS);

/** Options of each link (by linknumber, in file order), with the names users give. */
export function linksOptions(root: Section): Map<string, Map<string, string>> {
  const type = transport(root);
  const udp = C.TRANSPORTS_UDP.includes(type);
  const allowed = udp ? C.UDP_LINK_OPTIONS : C.KNET_LINK_OPTION_NAMES.map(([, conf]) => conf);
  const raw = new Map<string, Map<string, string>>();
  for (const totem of sectionsNamed(root, "totem")) {
    for (const iface of sectionsNamed(totem, "interface")) {
      const linknumber = attrValue(iface, "linknumber", "0");
      if (!raw.has(linknumber)) raw.set(linknumber, new Map());
      const options = raw.get(linknumber)!;
      for (const [name, value] of iface.attrs) if (allowed.includes(name)) options.set(name, value);
      if (C.TRANSPORTS_KNET.includes(type)) options.set("linknumber", linknumber);
    }
  }
  const toUser = new Map(C.KNET_LINK_OPTION_NAMES.map(([user, conf]) => [conf, user]));
  const result = new Map<string, Map<string, string>>();
  for (const [linknumber, options] of raw) {
    const translated = new Map<string, string>();
    for (const [name, value] of options) translated.set(toUser.get(name) ?? name, value);
    if (translated.has("broadcast")) {
      if (translated.get("broadcast") === "yes") translated.set("broadcast", "1");
      else translated.delete("broadcast");
    }
    result.set(linknumber, translated);
  }
  return result;
}

export function setTotemOptions(root: Section, options: Options): void {
  setSectionOptions(ensureSections(root, "totem"), options);
  removeEmptySections(root);
}

const prefixed = (prefix: string, options: Options) => new Map([...options].map(([k, v]) => [prefix + k, v]));

export function setTransportOptions(root: Section, generic: Options, compression: Options, crypto: Options): void {
  const type = transport(root);
  const totem = ensureSections(root, "totem");
  if (C.TRANSPORTS_KNET.includes(type)) {
    setSectionOptions(totem, generic);
    setSectionOptions(totem, prefixed(C.KNET_COMPRESSION_PREFIX, compression));
    setSectionOptions(totem, prefixed(C.KNET_CRYPTO_PREFIX, crypto));
  } else if (C.TRANSPORTS_UDP.includes(type)) {
    setSectionOptions(totem, generic);
  }
  removeEmptySections(root);
}

export const autoTieBreakerEnabled = (root: Section): boolean => optionValue(root, "quorum", "auto_tie_breaker", "0") === "1";

export function setQuorumOptions(root: Section, options: Options): void {
  setSectionOptions(ensureSections(root, "quorum"), options);
  updateTwoNode(root);
  removeEmptySections(root);
}

const devices = (root: Section): Section[] => sectionsNamed(root, "quorum").flatMap((q) => sectionsNamed(q, "device"));

export function quorumDeviceModel(root: Section): string | undefined {
  const models = devices(root)
    .map((d) => d.attrs.filter(([k]) => k === "model"))
    .filter((list) => list.length)
    .map((list) => list[list.length - 1][1]);
  return models[models.length - 1];
}

export function quorumDevice(root: Section): QuorumDevice | undefined {
  const model = quorumDeviceModel(root);
  if (model === undefined) return undefined;
  const perModel = new Map<string, Map<string, string>>();
  const genericOptions = new Map<string, string>();
  const heuristicsOptions = new Map<string, string>();
  for (const device of devices(root)) {
    for (const [name, value] of device.attrs) if (name !== "model") genericOptions.set(name, value);
    for (const sub of device.sections) {
      const target = sub.name === "heuristics" ? heuristicsOptions : perModel.get(sub.name) ?? perModel.set(sub.name, new Map()).get(sub.name)!;
      for (const [name, value] of sub.attrs) target.set(name, value);
    }
  }
  return { model, modelOptions: perModel.get(model) ?? new Map(), genericOptions, heuristicsOptions };
}

/** Heuristics switched on (mode on or sync) without any exec_NAME command. */
export function heuristicsEnabledWithNoExec(root: Section): boolean {
  const device = quorumDevice(root);
  if (!device) return false;
  const hasExec = [...device.heuristicsOptions].some(([name, value]) => value && C.HEURISTICS_EXEC_NAME.test(name));
  const mode = device.heuristicsOptions.get("mode");
  return !hasExec && (mode === "on" || mode === "sync");
}

/** Adds a quorum device; the caller has checked there is none. */
export function addQuorumDevice(root: Section, model: string, modelOptions: Options, generic: Options, heuristics: Options): void {
  const quorums = ensureSections(root, "quorum");
  for (const quorum of quorums) for (const device of sectionsNamed(quorum, "device")) removeSection(quorum, device);
  const conflicting = new Map<string, string>([
    ["allow_downscale", ""],
    ["two_node", ""],
    ...C.QUORUM_OPTIONS_INCOMPATIBLE_WITH_QDEVICE.map((n): [string, string] => [n, ""]),
  ]);
  setSectionOptions(quorums, conflicting);
  for (const list of sectionsNamed(root, "nodelist")) for (const node of sectionsNamed(list, "node")) deleteAttrs(node, "quorum_votes");

  const device = newSection("device", quorums[quorums.length - 1]);
  setSectionOptions([device], generic);
  setAttr(device, "model", model);
  setSectionOptions([newSection(model, device)], modelOptions);
  setSectionOptions([newSection("heuristics", device)], heuristics);
  updateQdeviceVotes(root);
  updateTwoNode(root);
  removeEmptySections(root);
}

/** Changes the options of the quorum device; the caller has checked there is one. */
export function updateQuorumDevice(root: Section, modelOptions: Options, generic: Options, heuristics: Options): void {
  const model = quorumDeviceModel(root)!;
  const deviceSections = devices(root);
  const modelSections = deviceSections.flatMap((d) => sectionsNamed(d, model));
  const heuristicsSections = deviceSections.flatMap((d) => sectionsNamed(d, "heuristics"));
  const lastDevice = deviceSections[deviceSections.length - 1];
  if (!modelSections.length) modelSections.push(newSection(model, lastDevice));
  if (!heuristicsSections.length) heuristicsSections.push(newSection("heuristics", lastDevice));
  setSectionOptions(deviceSections, generic);
  setSectionOptions(modelSections, modelOptions);
  setSectionOptions(heuristicsSections, heuristics);
  updateQdeviceVotes(root);
  updateTwoNode(root);
  removeEmptySections(root);
}

export function removeQuorumDeviceHeuristics(root: Section): void {
  for (const device of devices(root)) for (const h of sectionsNamed(device, "heuristics")) removeSection(device, h);
  removeEmptySections(root);
}

export function removeQuorumDevice(root: Section): void {
  for (const quorum of sectionsNamed(root, "quorum")) for (const device of sectionsNamed(quorum, "device")) removeSection(quorum, device);
  updateTwoNode(root);
  removeEmptySections(root);
}

/** Two nodes without auto_tie_breaker and without a quorum device need two_node: 1; others must not have it. */
function updateTwoNode(root: Section): void {
  const needed = nodes(root).length === 2 && !autoTieBreakerEnabled(root) && quorumDeviceModel(root) === undefined;
  if (needed) setSectionOptions(ensureSections(root, "quorum"), new Map([["two_node", "1"]]));
  else for (const quorum of sectionsNamed(root, "quorum")) deleteAttrs(quorum, "two_node");
}

/** Model net with algorithm ffsplit needs votes: 1; other algorithms must not set votes. */
function updateQdeviceVotes(root: Section): void {
  let model: string | undefined;
  let algorithm: string | undefined;
  const deviceSections = devices(root);
  for (const device of deviceSections) model = attrValue(device, "model", model as string);
  for (const device of deviceSections) {
    for (const sub of sectionsNamed(device, model)) algorithm = attrValue(sub, "algorithm", algorithm as string);
  }
  if (model === "net") setSectionOptions(deviceSections, new Map([["votes", algorithm === "ffsplit" ? "1" : ""]]));
}
