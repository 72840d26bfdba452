// attrd_updater for agents: transient node attributes (-U/-v/-B update, -D delete, -Q query),
// with Pacemaker 2.1.5's output and exit codes. Dampening (-d) is accepted and not waited for.
import type { NodeEntry } from "./attribute-protocol.js";
import { parseOptions } from "./shim-options.js";
import { clusterNodes, EX, mustCall, nodeTarget, ShimError, VERSION_TEXT, type ShimIo } from "./shim-io.js";

const USAGE = `Usage:
  attrd_updater [OPTION?]

query and update Pacemaker node attributes
`;

export async function attrdUpdater(argv: string[], io: ShimIo): Promise<number> {
  const parsed = parseOptions(argv, [
    { id: "name", short: "n", long: ["name"], arg: "required" },
    { id: "U", short: "U", long: ["update"], arg: "required" },
    { id: "U", short: "v", arg: "required" },
    { id: "B", short: "B", long: ["update-both"], arg: "required" },
    { id: "Y", short: "Y", long: ["update-delay"], arg: "none" },
    { id: "Q", short: "Q", long: ["query"], arg: "none" },
    { id: "D", short: "D", long: ["delete"], arg: "none" },
    { id: "R", short: "R", long: ["refresh"], arg: "none" },
    { id: "delay", short: "d", long: ["delay"], arg: "required" },
    { id: "set", short: "s", long: ["set"], arg: "required" },
    { id: "node", short: "N", long: ["node"], arg: "required" },
    { id: "all", short: "A", long: ["all"], arg: "none" },
    { id: "lifetime", short: "l", long: ["lifetime"], arg: "required" },
    { id: "lifetime", short: "S", long: ["section"], arg: "required" },
    { id: "private", short: "p", long: ["private"], arg: "none" },
    { id: "quiet", short: "q", long: ["quiet"], arg: "none" },
    { id: "verbose", short: "V", long: ["verbose"], arg: "none" },
    { id: "help", short: "h", long: ["help"], arg: "none" },
    { id: "version", short: "$", long: ["version"], arg: "none" },
  ]);
  if (!parsed.ok) return io.err(`attrd_updater: ${parsed.error}\n`), EX.USAGE;
  let command = "Q";
  let name: string | undefined;
  let value: string | undefined;
  let node: string | undefined;
  let all = false;
  for (const o of parsed.options) {
    if (o.id === "help") return io.out(USAGE), EX.OK;
    if (o.id === "version") return io.out(VERSION_TEXT), EX.OK;
    if ("UBYQDR".includes(o.id)) {
      command = o.id;
      value = o.value;
    } else if (o.id === "name") name = o.value;
    else if (o.id === "node") node = o.value;
    else if (o.id === "all") all = true;
    else if (o.id === "lifetime" && !["nodes", "forever", "status", "reboot"].includes(o.value ?? "")) {
      return io.err(`attrd_updater: Unknown value for --lifetime: ${o.value}\n`), EX.USAGE;
    }
  }
  if (command !== "R" && name === undefined) return io.err("attrd_updater: Command requires --name argument\n"), EX.USAGE;
  try {
    // attrd keeps every attribute until reboot: Pacemaker 2.1.5 ignores --lifetime here
    const target = nodeTarget(io, node);
    if (command === "Q") return await query(io, name!, all ? undefined : target);
    if (command === "U" || command === "B" || command === "D") {
      await mustCall(io, { op: "update", node: target, name: name!, value: command === "D" ? undefined : value, lifetime: "reboot" }, "attrd");
    }
    return EX.OK;
  } catch (e) {
    if (!(e instanceof ShimError)) throw e;
    io.err(`attrd_updater: ${e.message}\n`);
    return e.exitCode;
  }
}

async function query(io: ShimIo, name: string, node: string | undefined): Promise<number> {
  const nodes: NodeEntry[] = node ? [{ name: node, id: "", member: true }] : await clusterNodes(io, "attrd");
  let printed = false;
  for (const n of nodes) {
    const { value } = await mustCall(io, { op: "query", node: n.name, name, lifetime: "reboot" }, "attrd");
    if (value === undefined) continue;
    io.out(`name="${name}" host="${n.name}" value="${value}"\n`);
    printed = true;
  }
  if (!printed) throw new ShimError(`Could not query value of ${name}: attribute does not exist`, EX.CONFIG);
  return EX.OK;
}
