// The current state only (no assignment): what status displays need.
import type { XmlElement } from "../cib/xml.js";
import { unpackHistory } from "./history.js";
import type { Cluster } from "./types.js";
import { unpack } from "./unpack.js";

export function unpackStatus(cib: XmlElement, now: number): Cluster {
  const cluster = unpack(cib, now);
  unpackHistory(cib, cluster);
  return cluster;
}
