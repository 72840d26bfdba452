// `resource update <clone id> [clone options] [meta <options>]`: the clone's meta attributes.
import { IdIndex, refuseIdsOutsideSchema } from "../../cib/ids.js";
import { legacyUpdateNvset } from "../../cib/legacy-nvset.js";
import type { XmlElement } from "../../cib/xml.js";
import type { Runner } from "../../env/index.js";
import { fail, type Reports } from "../../report/index.js";
import { checkCloneMeta } from "./clone-compat.js";
import { groupByKeywords, prepareOptions } from "./create-args.js";

/** pcs's resource_update_clone (resource_clone_create on an existing clone) on the CIB. */
export async function updateClone(cib: XmlElement, clone: XmlElement, args: readonly string[], reports: Reports, runner: Runner): Promise<void> {
  const list = [...args];
  if (list.length && list[0] !== "op" && list[0] !== "meta" && !list[0].includes("=")) list.shift();
  const groups = groupByKeywords(list, ["op", "meta"], [], "options");
  if (groups.single.has("op")) fail("GENERIC", { text: "op settings must be changed on base resource, not the clone" });
  const meta = prepareOptions([...(groups.single.get("options") ?? []), ...(groups.single.get("meta") ?? [])]);
  const inner = clone.children.find((c) => c.name === "primitive" || c.name === "group")!;
  await checkCloneMeta(runner, inner, meta, reports);
  // (pcs's legacy command prints these reports itself: no closing summary line)
  reports.throwIfErrors(false);
  const pairs = Object.entries(meta).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  legacyUpdateNvset(clone, "meta_attributes", pairs, new IdIndex(cib));
  refuseIdsOutsideSchema(clone);
}
