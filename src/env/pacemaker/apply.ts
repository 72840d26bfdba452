// One edited CIB onto the running Pacemaker: the configuration change as a format-2 patch carrying
// its source version (the whole document where the CIB manager cannot apply the patch), then what the
// edit did to the status section as requests to the daemons owning it (status-requests.ts). Shared by
// the local environment and by pcs-agent's Pacemaker backend.
import { bumpEpoch } from "../../cib/document.js";
import { createPatch } from "../../cib/diff.js";
import { cloneElement, firstChild, serializeXml, type XmlElement } from "../../cib/xml.js";
import { fail } from "../../report/index.js";
import { pushPatch, replaceWholeCib, type PushOutcome } from "./cib.js";
import { crmResourceArgs, statusChanges } from "./status-requests.js";
import { CRM_EX, failIfNotRun, joinedOutput, type Tools } from "./tools.js";

export interface PacemakerSink {
  tools: Tools;
  /** the deadline left for the next tool run, in ms */
  remaining(): number;
  trace(text: string): void;
}

const configurationText = (cib: XmlElement): string => {
  const config = firstChild(cib, "configuration");
  return config ? serializeXml(config) : "";
};

/** `edited` with the status section of `original`: what goes into the patch when the daemons take the status change. */
function withStatusOf(edited: XmlElement, original: XmlElement): XmlElement {
  const result = cloneElement(edited);
  const status = firstChild(original, "status");
  const copies = status ? [cloneElement(status, result)] : [];
  const index = result.children.findIndex((c) => c.name === "status");
  if (index >= 0) result.children.splice(index, 1, ...copies);
  else result.children.push(...copies);
  return result;
}

/** The change as a patch; where the CIB manager cannot apply it, the whole document (version-checked). */
async function push(sink: PacemakerSink, original: XmlElement, target: XmlElement, configChanged: boolean): Promise<PushOutcome> {
  const wanted = cloneElement(target);
  if (configChanged) bumpEpoch(wanted);
  else wanted.attrs.num_updates = String(Number(original.attrs.num_updates ?? 0) + 1);
  const patch = serializeXml(createPatch(original, wanted));
  sink.trace(`cibadmin --patch:\n${patch}`);
  const outcome = await pushPatch(sink.tools, patch, sink.remaining());
  if (outcome !== "not-applicable") return outcome;
  sink.trace("patch not applicable: replacing the document");
  return replaceWholeCib(sink.tools, serializeXml(wanted), sink.remaining());
}

export async function runCrmResource(sink: PacemakerSink, args: string[], timeoutMs = sink.remaining()): Promise<void> {
  const result = await sink.tools.run("crm_resource", args, { timeoutMs });
  failIfNotRun("crm_resource", result, timeoutMs);
  if (result.code !== CRM_EX.OK) fail("GENERIC", { text: joinedOutput(result) || `crm_resource exited with ${result.code}` });
}

/**
 * Make the running CIB `edited`, which was made from `original` (both with `original`'s version):
 * "conflict" when the CIB changed meanwhile (nothing was applied then), else "applied".
 */
export async function applyEdit(sink: PacemakerSink, original: XmlElement, edited: XmlElement): Promise<"applied" | "conflict"> {
  if (serializeXml(edited) === serializeXml(original)) return "applied";
  const status = statusChanges(original, edited);
  const target = status.other ? edited : withStatusOf(edited, original);
  const configChanged = configurationText(original) !== configurationText(target);
  if ((configChanged || status.other) && (await push(sink, original, target, configChanged)) === "conflict") return "conflict";
  for (const request of status.requests) await runCrmResource(sink, crmResourceArgs(request));
  return "applied";
}
