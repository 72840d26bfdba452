// The WARNINGS block pcs prints above crm_mon's status: fencing that cannot work or is set up in a
// deprecated way, and move constraints (cli-*) left behind by ban / move.
import { descendants, type XmlElement } from "../cib/xml.js";

const isFalse = (v: string | undefined): boolean => v !== undefined && ["0", "false", "n", "no", "off"].includes(v.toLowerCase());
const quotedList = (ids: Iterable<string>): string => [...new Set(ids)].sort().map((id) => `'${id}'`).join(", ");

function stonithEnabled(cib: XmlElement): boolean {
  const config = cib.children.find((c) => c.name === "configuration");
  const crm = config?.children.find((c) => c.name === "crm_config");
  for (const set of crm?.children ?? []) {
    if (set.name !== "cluster_property_set") continue;
    for (const nv of set.children) if (nv.name === "nvpair" && nv.attrs.name === "stonith-enabled" && isFalse(nv.attrs.value)) return false;
  }
  return true;
}

function stonithWarnings(cib: XmlElement, sbdRunning: boolean): string[] {
  const devices = descendants(cib, "primitive").filter((p) => p.attrs.class === "stonith");
  const options = (p: XmlElement) =>
    p.children.filter((c) => c.name === "instance_attributes").flatMap((set) => set.children.filter((c) => c.name === "nvpair"));
  const withAction = devices.filter((p) => options(p).some((nv) => nv.attrs.name === "action" && nv.attrs.value));
  const withCycle = devices.filter((p) => options(p).some((nv) => nv.attrs.name === "method" && nv.attrs.value === "cycle"));
  const warnings: string[] = [];
  if (stonithEnabled(cib) && !devices.length && !sbdRunning) warnings.push("No stonith devices and stonith-enabled is not false");
  if (withAction.length) {
    warnings.push(
      `Following stonith devices have the 'action' option set, it is recommended to set 'pcmk_off_action', 'pcmk_reboot_action' instead: ${quotedList(withAction.map((p) => p.attrs.id ?? ""))}`,
    );
  }
  if (withCycle.length) {
    warnings.push(
      "Following stonith devices have the 'method' option set to 'cycle' which is potentially dangerous, please consider using " +
        `'onoff': ${quotedList(withCycle.map((p) => p.attrs.id ?? ""))}`,
    );
  }
  return warnings;
}

function moveConstraintWarnings(cib: XmlElement): string[] {
  const moved = descendants(cib, "constraints")
    .flatMap((c) => c.children)
    .filter((c) => c.name === "rsc_location" && c.attrs.id?.startsWith("cli-") && c.attrs.rsc !== undefined)
    .map((c) => c.attrs.rsc);
  if (!moved.length) return [];
  return [
    `Following resources have been moved and their move constraints are still in place: ${quotedList(moved)}`,
    "Run 'pcs constraint location' or 'pcs resource clear <resource id>' to view or remove the constraints, respectively",
  ];
}

/** pcs status's warnings, in its order. */
export function pcsStatusWarnings(cib: XmlElement, o: { sbdRunning?: boolean } = {}): string[] {
  return [...stonithWarnings(cib, !!o.sbdRunning), ...moveConstraintWarnings(cib)];
}
