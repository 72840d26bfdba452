// A client's change on the DC: the patch applied to a copy of the CIB, refused when it was made
// against another version, kept here and sent to the members; it counts once a majority holds it.
import { epochText } from "../../cib/ctime.js";
import { cibVersion, type CibVersion } from "../../cib/document.js";
import { applyVersionedPatch, PatchError } from "../../cib/patch.js";
import { cloneElement, serializeXml, type XmlElement } from "../../cib/xml.js";
import { parseXml } from "../../cib/xml-parse.js";
import { RpcError } from "../../transport/protocol.js";
import type { Logger } from "../log.js";
import type { CibStore } from "./cib-store.js";

export interface ClientPatch {
  store: CibStore;
  log: Logger;
  patchXml: string;
  /** The node the client asked (update-origin). */
  origin: string;
  /** Resolves once a majority of the members holds `xml`. */
  replicate(xml: string, version: CibVersion): Promise<void>;
}

export interface AppliedPatch {
  before: XmlElement;
  after: XmlElement;
  version: CibVersion;
}

export function applyClientPatch({ store, log, patchXml, origin, replicate }: ClientPatch): Promise<AppliedPatch> {
  let patch: XmlElement;
  try {
    patch = parseXml(patchXml);
  } catch (e) {
    throw new RpcError("BAD_PATCH", `the patch is not valid XML: ${(e as Error).message}`);
  }
  return store.exclusive(async () => {
    const current = store.current();
    if (!current) throw new RpcError("NO_CIB", "this node holds no CIB");
    const cib = cloneElement(current.cib);
    try {
      if (applyVersionedPatch(cib, patch) === "conflict") {
        log("cib.patch.conflict", { version: current.version });
        throw new RpcError("CIB_CONFLICT", `the CIB changed (now ${JSON.stringify(current.version)})`);
      }
    } catch (e) {
      if (e instanceof PatchError) throw new RpcError("BAD_PATCH", `Unable to apply the patch: ${e.message}`);
      throw e;
    }
    cib.attrs["cib-last-written"] = epochText(Math.floor(Date.now() / 1000));
    cib.attrs["update-origin"] = origin;
    cib.attrs["update-client"] = "cibadmin";
    cib.attrs["update-user"] = "root";
    const xml = serializeXml(cib);
    const version = cibVersion(cib);
    // send to the peers and keep our copy at the same time (the DC checked for quorum first)
    await Promise.all([replicate(xml, version), store.replaceAsync(cib, xml)]);
    return { before: current.cib, after: cib, version };
  });
}
