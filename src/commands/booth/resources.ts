// The booth resources in the CIB: ocf:pacemaker:booth-site primitives whose `config` names a booth
// configuration file (pcs booth create puts one in a group with its IPaddr2).
import type { CommandContext } from "../context.js";
import { walk, type XmlElement } from "../../cib/xml.js";

const isBoothSite = (e: XmlElement): boolean =>
  e.name === "primitive" && e.attrs.class === "ocf" && e.attrs.provider === "pacemaker" && e.attrs.type === "booth-site";

const configOf = (primitive: XmlElement): string | undefined => {
  for (const set of primitive.children) {
    if (set.name !== "instance_attributes") continue;
    const pair = set.children.find((p) => p.name === "nvpair" && p.attrs.name === "config");
    if (pair) return pair.attrs.value;
  }
  return undefined;
};

export function boothResourcesFor(cib: XmlElement, configPath: string): XmlElement[] {
  const found: XmlElement[] = [];
  walk(cib, (e) => {
    if (isBoothSite(e) && configOf(e) === configPath) found.push(e);
  });
  return found;
}

export async function boothResourcesInCib(ctx: CommandContext, configPath: string): Promise<XmlElement[]> {
  const env = await ctx.env();
  return boothResourcesFor(await env.readCib(), configPath);
}
