// The corosync.conf that `pcs -f CIB --corosync_conf FILE status` reads: parsed as pcs parses it (the
// same errors), for the cluster name and the node names.
import { readFileSync } from "node:fs";
import { clusterName, nodes } from "../../corosync/facade.js";
import { osReason } from "../../corosync/file.js";
import { CorosyncParseError, parseCorosyncConf } from "../../corosync/parser.js";
import { error, fail, type Reports } from "../../report/index.js";

export interface CorosyncFacts {
  clusterName: string;
  /** node names in the order of the nodelist (nodes without a name left out) */
  nodeNames: string[];
}

export function corosyncFacts(text: string): CorosyncFacts {
  const root = parseCorosyncConf(text);
  return { clusterName: clusterName(root), nodeNames: nodes(root).flatMap((n) => (n.name ? [n.name] : [])) };
}

/** Read and parse the file; pcs's errors when it cannot be read or parsed. */
export function readCorosyncFacts(file: string, reports: Reports): CorosyncFacts {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return fail("GENERIC", { text: `Unable to read ${file}: ${osReason(e)}` });
  }
  try {
    return corosyncFacts(text);
  } catch (e) {
    if (!(e instanceof CorosyncParseError)) throw e;
    reports.add(error("GENERIC", { text: e.message }));
    reports.throwIfErrors();
    throw e;
  }
}
