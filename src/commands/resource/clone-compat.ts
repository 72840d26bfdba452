// Whether clone meta attributes suit the cloned primitives' agents: non-OCF agents cannot be
// globally-unique or promotable clones; OCF 1.1 agents must offer promote and demote to be promotable.
import { isTrue } from "../../cib/resources.js";
import type { XmlElement } from "../../cib/xml.js";
import type { Runner } from "../../env/index.js";
import { error, forceableError, type ReportItem, type Reports } from "../../report/index.js";

interface AgentFacts {
  ocfVersion: string;
  promotable: boolean;
}

const cache = new Map<string, AgentFacts | null>();

async function ocfFacts(runner: Runner, provider: string, type: string): Promise<AgentFacts | null> {
  const key = `${provider}:${type}`;
  if (cache.has(key)) return cache.get(key)!;
  const root = process.env.OCF_ROOT ?? "/usr/lib/ocf";
  let facts: AgentFacts | null = null;
  if (/^[\w.+-]+$/.test(provider) && /^[\w.+-]+$/.test(type)) {
    const result = await runner(`${root}/resource.d/${provider}/${type}`, ["meta-data"], {
      env: { OCF_ROOT: root },
      timeoutMs: 30000,
    });
    if (result.code === 0 && result.stdout.includes("<resource-agent")) {
      const version = /<resource-agent[^>]*>[\s\S]*?<version>\s*([^<]*?)\s*<\/version>/.exec(result.stdout)?.[1];
      const actions = new Set([...result.stdout.matchAll(/<action\s+name="([^"]+)"/g)].map((m) => m[1]));
      facts = { ocfVersion: version ?? "1.0", promotable: actions.has("promote") && actions.has("demote") };
    }
  }
  cache.set(key, facts);
  return facts;
}

const agentName = (p: XmlElement): string =>
  [p.attrs.class, p.attrs.provider, p.attrs.type].filter((x) => x !== undefined && x !== "").join(":");

/** Reports for one primitive (pcs stops at the first incompatible attribute). */
async function checkPrimitive(runner: Runner, primitive: XmlElement, meta: Record<string, string>, groupId?: string): Promise<ReportItem[]> {
  const resourceId = primitive.attrs.id;
  if (primitive.attrs.class !== "ocf") {
    for (const attribute of ["globally-unique", "promotable"]) {
      if (isTrue(meta[attribute] ?? "0")) {
        return [error("RESOURCE_CLONE_INCOMPATIBLE_META_ATTRIBUTES", { attribute, agent: agentName(primitive), resourceId, groupId })];
      }
    }
    return [];
  }
  if (!isTrue(meta.promotable ?? "0")) return [];
  const facts = await ocfFacts(runner, primitive.attrs.provider ?? "", primitive.attrs.type ?? "");
  if (facts && facts.ocfVersion === "1.1" && !facts.promotable) {
    return [forceableError("RESOURCE_CLONE_INCOMPATIBLE_META_ATTRIBUTES", { attribute: "promotable", agent: agentName(primitive), resourceId, groupId })];
  }
  return [];
}

/**
 * pcs's _check_clone_incompatible_options_child for a primitive or a group about to be (or
 * being) cloned. For a lone primitive pcs 0.11.5 says "use --force" but ignores --force: kept.
 */
export async function checkCloneMeta(runner: Runner, inner: XmlElement, meta: Record<string, string>, reports: Reports): Promise<void> {
  if (inner.name === "primitive") {
    reports.items.push(...(await checkPrimitive(runner, inner, meta)));
    return;
  }
  if (inner.name !== "group") return;
  for (const primitive of inner.children.filter((c) => c.name === "primitive")) {
    reports.add(...(await checkPrimitive(runner, primitive, meta, inner.attrs.id)));
  }
}
