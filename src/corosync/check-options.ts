// Validation of the options pcs lets users set in corosync.conf: quorum, quorum device, totem and
// transport options (pcs's config_validators), in pcs's order of reports.
import type { ReportItem } from "../report/index.js";
import * as C from "./constants.js";
import {
  all,
  corosyncSafe,
  errorText,
  firstError,
  integerInRange,
  namesIn,
  nonNegativeInteger,
  notEmpty,
  portNumber,
  positiveInteger,
  prerequisiteMustBeEnabled,
  requiredAll,
  valueIn,
  type Options,
  type Severity,
} from "./validators.js";

const BOOL = ["0", "1"];

export function checkQuorumOptionsUpdate(options: Options, hasQdevice: boolean, current: Options): ReportItem[] {
  const o = { emptyValid: true };
  const items = all(
    namesIn(C.QUORUM_OPTIONS, "quorum"),
    corosyncSafe(options, "quorum"),
    valueIn("auto_tie_breaker", BOOL, o),
    valueIn("last_man_standing", BOOL, o),
    positiveInteger("last_man_standing_window", o),
    valueIn("wait_for_all", BOOL, o),
  )(options);
  if (hasQdevice) {
    const incompatible = [...options.keys()].filter((n) => C.QUORUM_OPTIONS_INCOMPATIBLE_WITH_QDEVICE.includes(n)).sort();
    if (incompatible.length) {
      items.push(errorText(`These options cannot be set when the cluster uses a quorum device: ${incompatible.map((n) => `'${n}'`).join(", ")}`));
    }
  }
  const lms = options.get("last_man_standing") ?? current.get("last_man_standing") ?? "0";
  if ((options.get("last_man_standing_window") ?? "0") !== "0" && lms === "0") {
    items.push(prerequisiteMustBeEnabled("last_man_standing_window", "last_man_standing", "quorum"));
  }
  return items;
}

function genericDeviceOptions(options: Options, severity: Severity, emptyValid: boolean): ReportItem[] {
  return all(
    namesIn(C.QDEVICE_GENERIC_OPTIONS, "quorum device", severity),
    corosyncSafe(options, "quorum device"),
    positiveInteger("sync_timeout", { severity, emptyValid }),
    positiveInteger("timeout", { severity, emptyValid }),
  )(options);
}

function heuristicsOptions(options: Options, severity: Severity, update: boolean): ReportItem[] {
  const exec = new Map([...options].filter(([n]) => n.startsWith("exec_")));
  const nonExec = new Map([...options].filter(([n]) => !n.startsWith("exec_")));
  const emptyValid = update;
  return [
    ...corosyncSafe(options, "heuristics")(options),
    ...all(
      namesIn(C.HEURISTICS_OPTIONS, "heuristics", severity, ["exec_NAME"]),
      valueIn("mode", ["off", "on", "sync"], { severity, emptyValid }),
      positiveInteger("interval", { severity, emptyValid }),
      positiveInteger("sync_timeout", { severity, emptyValid }),
      positiveInteger("timeout", { severity, emptyValid }),
    )(nonExec),
    // an empty exec_ value on update removes the command
    ...(update ? [] : all(...[...exec.keys()].map((n) => notEmpty(n, "a command to be run")))(exec)),
  ];
}

function netModelOptions(options: Options, nodeIds: readonly string[], severity: Severity, add: boolean): ReportItem[] {
  const emptyValid = !add;
  const algorithms = ["ffsplit", "lms"];
  return all(
    ...(add ? [requiredAll(C.QDEVICE_NET_REQUIRED_OPTIONS, "quorum device model")] : []),
    namesIn([...C.QDEVICE_NET_REQUIRED_OPTIONS, ...C.QDEVICE_NET_OPTIONAL_OPTIONS], "quorum device model", severity),
    firstError(notEmpty("algorithm", algorithms), valueIn("algorithm", algorithms, { severity })),
    notEmpty("host", "a qdevice host address"),
    integerInRange("connect_timeout", 1000, 120000, { severity, emptyValid }),
    valueIn("force_ip_version", ["0", "4", "6"], { severity, emptyValid }),
    portNumber("port", { severity, emptyValid }),
    valueIn("tie_breaker", ["lowest", "highest", ...nodeIds], { severity, emptyValid }),
  )(options);
}

export interface DeviceOptions {
  model: Options;
  generic: Options;
  heuristics: Options;
}

export function checkQuorumDeviceAdd(model: string, options: DeviceOptions, nodeIds: readonly string[]): ReportItem[] {
  const severity: Severity = "forceable";
  const modelAsOption = new Map([["model", model]]);
  const modelItems =
    model === "net"
      ? netModelOptions(options.model, nodeIds, severity, true)
      : all(valueIn("model", ["net"], { severity }), corosyncSafe(modelAsOption))(modelAsOption);
  return [
    ...modelItems,
    ...corosyncSafe(options.model, "quorum device model")(options.model),
    ...genericDeviceOptions(options.generic, severity, false),
    ...heuristicsOptions(options.heuristics, severity, false),
  ];
}

export function checkQuorumDeviceUpdate(model: string, options: DeviceOptions, nodeIds: readonly string[]): ReportItem[] {
  const severity: Severity = "forceable";
  return [
    ...(model === "net" ? netModelOptions(options.model, nodeIds, severity, false) : []),
    ...corosyncSafe(options.model, "quorum device model")(options.model),
    ...genericDeviceOptions(options.generic, severity, true),
    ...heuristicsOptions(options.heuristics, severity, true),
  ];
}

export function checkTotemUpdate(options: Options): ReportItem[] {
  const o = { emptyValid: true };
  return all(
    namesIn(C.TOTEM_OPTIONS, "totem"),
    corosyncSafe(options, "totem"),
    valueIn("block_unlisted_ips", ["yes", "no"], o),
    ...C.TOTEM_OPTIONS.filter((n) => n !== "block_unlisted_ips").map((n) => nonNegativeInteger(n, o)),
  )(options);
}

export interface TransportOptions {
  generic: Options;
  compression: Options;
  crypto: Options;
}

export function checkKnetTransportUpdate(options: TransportOptions, currentCrypto: Options): ReportItem[] {
  const o = { emptyValid: true };
  const items = [
    ...all(
      namesIn(C.KNET_GENERIC_OPTIONS, "knet transport"),
      corosyncSafe(options.generic, "knet transport"),
      valueIn("ip_version", C.IP_VERSIONS, o),
      nonNegativeInteger("knet_pmtud_interval", o),
      valueIn("link_mode", ["active", "passive", "rr"], o),
    )(options.generic),
    ...all(
      namesIn(C.KNET_COMPRESSION_OPTIONS, "compression"),
      corosyncSafe(options.compression, "compression"),
      nonNegativeInteger("level", o),
      notEmpty("model", "a compression model e.g. zlib, lz4 or bzip2", o),
      nonNegativeInteger("threshold", o),
    )(options.compression),
    ...all(
      namesIn(C.KNET_CRYPTO_OPTIONS, "crypto"),
      corosyncSafe(options.crypto, "crypto"),
      valueIn("cipher", ["none", "aes256", "aes192", "aes128"], o),
      valueIn("hash", ["none", "md5", "sha1", "sha256", "sha384", "sha512"], o),
      valueIn("model", ["nss", "openssl"], o),
    )(options.crypto),
  ];
  const cipher = options.crypto.get("cipher") ?? currentCrypto.get("cipher") ?? "none";
  const hash = options.crypto.get("hash") ?? currentCrypto.get("hash") ?? "none";
  if (!["none", ""].includes(cipher) && ["none", ""].includes(hash)) items.push(prerequisiteMustBeEnabled("cipher", "hash", "crypto"));
  return items;
}

export function checkUdpTransportUpdate(options: TransportOptions): ReportItem[] {
  const o = { emptyValid: true };
  const items = all(
    namesIn(C.UDP_GENERIC_OPTIONS, "udp/udpu transport"),
    corosyncSafe(options.generic, "udp/udpu transport"),
    valueIn("ip_version", C.IP_VERSIONS, o),
    positiveInteger("netmtu", o),
  )(options.generic);
  const unsupported = (type: string) => errorText(`The udp/udpu transport does not support '${type}' options, use 'knet' transport`);
  if (options.compression.size) items.push(unsupported("compression"));
  if (options.crypto.size) items.push(unsupported("crypto"));
  return items;
}
