// crm_node for agents (-n, -i, -l, -p, -q, -N), and pacemakerd's version line, which
// ocf-shellfuncs reads before it trusts `crm_node -n` over `uname -n`.
import { parseOptions } from "./shim-options.js";
import { clusterNodes, EX, localName, ShimError, VERSION_TEXT, type ShimIo } from "./shim-io.js";

const USAGE = `Usage:
  crm_node [OPTION?]

crm_node - Tool for displaying low-level node information

(pcs-lite supports -n, -i, -l, -p, -q and -N for resource agents)
`;

/** Pacemaker sorts node lists by name, numbers inside names by value. */
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en", { numeric: true, sensitivity: "base" });

export async function crmNode(argv: string[], io: ShimIo): Promise<number> {
  const parsed = parseOptions(argv, [
    { id: "i", short: "i", long: ["cluster-id"], arg: "none" },
    { id: "l", short: "l", long: ["list"], arg: "none" },
    { id: "n", short: "n", long: ["name"], arg: "none" },
    { id: "p", short: "p", long: ["partition"], arg: "none" },
    { id: "q", short: "q", long: ["quorum"], arg: "none" },
    { id: "N", short: "N", long: ["name-for-id"], arg: "required" },
    { id: "R", short: "R", long: ["remove"], arg: "required" },
    { id: "f", short: "f", long: ["force"], arg: "none" },
    { id: "C", short: "C", long: ["corosync"], arg: "none" },
    { id: "V", short: "V", long: ["verbose"], arg: "none" },
    { id: "h", short: "h", long: ["help"], arg: "none" },
    { id: "version", short: "$", long: ["version"], arg: "none" },
  ]);
  if (!parsed.ok) return io.err(`crm_node: ${parsed.error}\n`), EX.USAGE;
  let command: string | undefined;
  let nodeId: string | undefined;
  for (const o of parsed.options) {
    if (o.id === "h") return io.out(USAGE), EX.OK;
    if (o.id === "version") return io.out(VERSION_TEXT), EX.OK;
    if ("ilnpqNR".includes(o.id)) command = o.id;
    if (o.id === "N") nodeId = o.value;
  }
  if (!command) return io.err(USAGE), EX.USAGE;
  try {
    return await run(command, nodeId, io);
  } catch (e) {
    if (!(e instanceof ShimError)) throw e;
    io.err(`error: ${e.message}\n`);
    return e.exitCode;
  }
}

async function run(command: string, nodeId: string | undefined, io: ShimIo): Promise<number> {
  const what = "controller";
  switch (command) {
    case "n": {
      // an agent run by the cluster is told its node
      io.out(`${io.env.OCF_RESKEY_CRM_meta_on_node || (await localName(io, what))}\n`);
      return EX.OK;
    }
    case "i": {
      const me = await localName(io, what);
      const node = (await clusterNodes(io, what)).find((n) => n.name === me);
      if (!node || !Number(node.id)) return io.err("error: Controller reply did not contain node ID\n"), 76;
      io.out(`${node.id}\n`);
      return EX.OK;
    }
    case "N": {
      const node = (await clusterNodes(io, what)).find((n) => n.id === nodeId);
      if (!node) return io.err("Node is not known to cluster\n"), EX.NOHOST;
      io.out(`${node.name}\n`);
      return EX.OK;
    }
    case "l":
    case "p": {
      const nodes = (await clusterNodes(io, what)).sort(byName);
      if (command === "l") io.out(nodes.map((n) => `${n.id} ${n.name} ${n.member ? "member" : "lost"}\n`).join(""));
      else io.out(nodes.filter((n) => n.member).map((n) => `${n.name} `).join("") + "\n");
      return EX.OK;
    }
    case "q": {
      const nodes = await clusterNodes(io, what);
      const quorate = nodes.filter((n) => n.member).length * 2 > nodes.length;
      io.out(`${quorate ? 1 : 0}\n`);
      return quorate ? EX.OK : EX.QUORUM;
    }
    default:
      io.err("crm_node: removing nodes is not available to resource agents in pcs-lite\n");
      return EX.UNIMPLEMENT_FEATURE;
  }
}

/** pacemakerd: only its version, which agents read to decide how to ask for the node name. Just the
 * first line: ocf_local_nodename greps "Pacemaker .*", and the real second line ("... the Pacemaker
 * project contributors") would spoil its version check and send it to `uname -n`, wrong for
 * sandbox nodes that share a host. */
export async function pacemakerd(argv: string[], io: ShimIo): Promise<number> {
  if (argv.some((a) => a === "-$" || a === "--version")) return io.out(VERSION_TEXT.split("\n")[0] + "\n"), EX.OK;
  io.err("pacemakerd: pcs-lite runs the cluster; this stand-in only reports the version (-$)\n");
  return EX.UNIMPLEMENT_FEATURE;
}
