// `resource update <clone id> [clone options] [meta <options>]`: the clone's meta attributes.
import { IdIndex, refuseIdsOutsideSchema } from "../../cib/ids.js";
import { legacyUpdateNvset } from "../../cib/legacy-nvset.js";
import { isTrue } from "../../cib/resources.js";
import type { XmlElement } from "../../cib/xml.js";
import { error, fail, ReportedError, type Reports } from "../../report/index.js";
import { groupByKeywords, prepareOptions } from "./create-args.js";

function incompatible(inner: XmlElement, meta: Record<string, string>, reports: Reports): void {
  const primitives = inner.name === "primitive" ? [inner] : inner.children.filter((c) => c.name === "primitive");
  for (const primitive of primitives) {
    if (primitive.attrs.class === "ocf") continue;
    const agent = primitive.attrs.provider
      ? `${primitive.attrs.class}:${primitive.attrs.provider}:${primitive.attrs.type}`
      : `${primitive.attrs.class}:${primitive.attrs.type}`;
    for (const attribute of ["globally-unique", "promotable"]) {
      if (isTrue(meta[attribute] ?? "0")) {
        reports.add(
          error("RESOURCE_CLONE_INCOMPATIBLE_META_ATTRIBUTES", {
            attribute,
            agent,
            resourceId: inner.name === "group" ? (primitive.attrs.id ?? "") : undefined,
            groupId: inner.name === "group" ? inner.attrs.id : undefined,
          }),
        );
      }
    }
  }
  if (reports.hasErrors) throw new ReportedError([], false);
}

export function updateClone(cib: XmlElement, clone: XmlElement, args: readonly string[], reports: Reports): void {
  const list = [...args];
  if (list.length && list[0] !== "op" && list[0] !== "meta" && !list[0].includes("=")) list.shift();
  const groups = groupByKeywords(list, ["op", "meta"], [], "options");
  if (groups.single.has("op")) fail("GENERIC", { text: "op settings must be changed on base resource, not the clone" });
  const meta = prepareOptions([...(groups.single.get("options") ?? []), ...(groups.single.get("meta") ?? [])]);
  const inner = clone.children.find((c) => c.name === "primitive" || c.name === "group")!;
  incompatible(inner, meta, reports);
  const pairs = Object.entries(meta).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  legacyUpdateNvset(clone, "meta_attributes", pairs, new IdIndex(cib));
  refuseIdsOutsideSchema(clone);
}
