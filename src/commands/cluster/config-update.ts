// pcs cluster config update [transport ...] [compression ...] [crypto ...] [totem ...] and
// pcs cluster config uuid generate [--force], on the corosync.conf given with --corosync_conf.
import { randomUUID } from "node:crypto";
import type { CommandContext } from "../context.js";
import { checkKnetTransportUpdate, checkTotemUpdate, checkUdpTransportUpdate } from "../../corosync/check-options.js";
import { TRANSPORTS_KNET, TRANSPORTS_UDP } from "../../corosync/constants.js";
import * as F from "../../corosync/facade.js";
import { error, fail, forceableError } from "../../report/index.js";
import { ensureOnlySupported, groupByKeywords, InputError, optionsMap } from "../quorum/args.js";
import { editConf } from "../quorum/conf-file.js";
import { printConfigUsage } from "./config-show.js";

const KEYWORDS = ["transport", "compression", "crypto", "totem"];

async function withUsage(ctx: CommandContext, words: string[], body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.text === undefined) printConfigUsage(ctx, words);
    fail("GENERIC", { text: e.text });
  }
}

export async function configUpdateCommand(ctx: CommandContext): Promise<void> {
  await withUsage(ctx, ["config", "update"], async () => {
    ensureOnlySupported(ctx, ["--corosync_conf"]);
    const groups = groupByKeywords(ctx.args, KEYWORDS);
    // pcs reads the file before it parses the options
    await editConf(ctx, "file", ({ root }) => {
      const [transportOptions, compression, crypto, totem] = KEYWORDS.map((k) => optionsMap(groups.get(k) ?? []));
      const type = F.transport(root);
      ctx.reports.add(...checkTotemUpdate(totem));
      if (TRANSPORTS_KNET.includes(type)) {
        ctx.reports.add(...checkKnetTransportUpdate({ generic: transportOptions, compression, crypto }, F.cryptoOptions(root)));
      } else if (TRANSPORTS_UDP.includes(type)) {
        ctx.reports.add(...checkUdpTransportUpdate({ generic: transportOptions, compression, crypto }));
      } else {
        ctx.reports.add(
          error("GENERIC", {
            text: `Transport '${type}' currently configured in corosync.conf is unsupported. Supported transport types are: 'knet', 'udp', 'udpu'`,
          }),
        );
      }
      ctx.reports.throwIfErrors();
      F.setTotemOptions(root, totem);
      F.setTransportOptions(root, transportOptions, compression, crypto);
    });
  });
}

export async function uuidGenerateCommand(ctx: CommandContext): Promise<void> {
  await withUsage(ctx, ["config", "uuid", "generate"], async () => {
    ensureOnlySupported(ctx, ["--force", "--corosync_conf"]);
    if (ctx.args.length) throw new InputError();
    await editConf(ctx, "file", ({ root }) => {
      if (F.clusterUuid(root)) {
        ctx.reports.add(forceableError("GENERIC", { text: "Cluster UUID has already been set" }));
        ctx.reports.throwIfErrors();
      }
      F.setClusterUuid(root, randomUUID().replace(/-/g, ""));
    });
  });
}

/** `pcs cluster config uuid` without `generate`. */
export function uuidUsageCommand(ctx: CommandContext): never {
  return printConfigUsage(ctx, ["config", "uuid"], ctx.args.length ? "config uuid ..." : "config uuid...");
}
