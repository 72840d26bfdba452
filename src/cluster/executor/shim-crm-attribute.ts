// crm_attribute for agents: node attributes, transient (status, through attrd) or permanent (nodes),
// promotion scores (-p / --promotion), with Pacemaker 2.1.5's output and exit codes.
import { parseOptions, type OptionSpec } from "./shim-options.js";
import { clusterNodes, EX, localName, mustCall, nodeTarget, ShimError, VERSION_TEXT, type ShimIo } from "./shim-io.js";

const SPECS: OptionSpec[] = [
  { id: "name", short: "n", long: ["name", "attr-name"], arg: "required" },
  { id: "update", short: "v", long: ["update", "attr-value"], arg: "required" },
  { id: "delete", short: "D", long: ["delete", "delete-attr"], arg: "none" },
  { id: "query", short: "G", long: ["query", "get-value"], arg: "none" },
  { id: "quiet", short: "q", long: ["quiet"], arg: "none" },
  { id: "quiet", short: "Q", arg: "none" },
  { id: "node", short: "N", long: ["node", "node-uname"], arg: "required" },
  { id: "node", short: "U", arg: "required" },
  { id: "type", short: "l", long: ["lifetime"], arg: "required" },
  { id: "type", short: "t", long: ["type"], arg: "required" },
  { id: "promotion", short: "p", long: ["promotion"], arg: "optional" },
  { id: "default", short: "d", long: ["default"], arg: "required" },
  { id: "id", short: "i", long: ["id", "attr-id"], arg: "required" },
  { id: "set", short: "s", long: ["set-name"], arg: "required" },
  { id: "pattern", short: "P", long: ["pattern"], arg: "required" },
  { id: "utilization", short: "z", long: ["utilization"], arg: "none" },
  { id: "inhibit", short: "!", long: ["inhibit-policy-engine"], arg: "none" },
  { id: "verbose", short: "V", long: ["verbose"], arg: "none" },
  { id: "help", short: "h", long: ["help"], arg: "none" },
  { id: "version", short: "$", long: ["version"], arg: "none" },
  { id: "output", long: ["output-as"], arg: "required" },
];

const USAGE = `Usage:
  crm_attribute [OPTION?]

crm_attribute - query and update Pacemaker cluster options and node attributes

(pcs-lite: node attributes and promotion scores for resource agents)
`;

const CLUSTER_SECTIONS = new Set(["crm_config", "rsc_defaults", "op_defaults", "tickets"]);

interface Request {
  command: "G" | "u" | "D";
  name?: string;
  value?: string;
  node?: string;
  type?: string;
  quiet: boolean;
  promotion: boolean;
  fallback?: string;
  unsupported?: string;
}

function readOptions(argv: string[], env: ShimIo["env"]): Request | ShimError | "help" | "version" {
  const parsed = parseOptions(argv, SPECS);
  if (!parsed.ok) return new ShimError(parsed.error, EX.USAGE);
  const r: Request = { command: "G", quiet: false, promotion: false };
  for (const o of parsed.options) {
    switch (o.id) {
      case "help":
        return "help";
      case "version":
        return "version";
      case "name":
        r.name = o.value;
        break;
      case "update":
        r.command = "u";
        r.value = o.value;
        break;
      case "delete":
        r.command = "D";
        r.value = undefined;
        break;
      case "query":
        r.command = "G";
        r.value = undefined;
        break;
      case "quiet":
        r.quiet = true;
        break;
      case "node":
        r.node = o.value;
        break;
      case "type":
        r.type = o.value;
        break;
      case "promotion": {
        r.promotion = true;
        const rsc = o.value ?? env.OCF_RESOURCE_INSTANCE;
        r.name = rsc ? `master-${rsc}` : undefined;
        break;
      }
      case "default":
        r.fallback = o.value;
        break;
      case "output":
        if (o.value !== "text") r.unsupported = `--output-as=${o.value}`;
        break;
      case "id":
      case "set":
      case "pattern":
      case "utilization":
        r.unsupported = o.as;
        break;
    }
  }
  return r;
}

/** crm_attribute's set_type: the section the attribute lives in. */
function sectionOf(r: Request): string {
  if (r.type === undefined) return r.promotion ? "status" : r.node !== undefined ? "nodes" : "crm_config";
  if (r.type.toLowerCase() === "reboot") return "status";
  if (r.type.toLowerCase() === "forever") return "nodes";
  return r.type;
}

export async function crmAttribute(argv: string[], io: ShimIo): Promise<number> {
  const r = readOptions(argv, io.env);
  if (r === "help") return io.out(USAGE), EX.OK;
  if (r === "version") return io.out(VERSION_TEXT), EX.OK;
  try {
    if (r instanceof ShimError) throw r;
    return await execute(r, io);
  } catch (e) {
    if (!(e instanceof ShimError)) throw e;
    io.err(`crm_attribute: ${e.message}\n`);
    return e.exitCode;
  }
}

async function execute(r: Request, io: ShimIo): Promise<number> {
  if (r.unsupported) throw new ShimError(`${r.unsupported} is not supported by pcs-lite's crm_attribute`, EX.UNIMPLEMENT_FEATURE);
  if (r.promotion && r.name === undefined) throw new ShimError("-p/--promotion must be called from an OCF resource agent or with a resource ID specified", EX.USAGE);
  const section = sectionOf(r);
  if (CLUSTER_SECTIONS.has(section)) throw new ShimError(`the ${section} section is not available to resource agents in pcs-lite`, EX.UNIMPLEMENT_FEATURE);
  if (section !== "status" && section !== "nodes") throw new ShimError("Error performing operation: Invalid argument", EX.INVALID_PARAM);

  const node = nodeTarget(io, r.node) ?? (await localName(io, "the controller"));
  const known = (await clusterNodes(io, "the CIB")).find((n) => n.name === node);
  if (!known) throw new ShimError(`Could not map name=${node} to a UUID`, EX.NOSUCH);
  if (r.command === "D" && r.name === undefined) throw new ShimError("Error: must specify attribute name or pattern to delete", EX.USAGE);
  if (r.name === undefined) throw new ShimError("Error: must specify an attribute name (pcs-lite lists no attributes)", EX.USAGE);
  const lifetime = section === "status" ? "reboot" : "forever";
  const target = { node, name: r.name, lifetime } as const;

  if (r.command === "u") {
    await mustCall(io, { op: "update", ...target, value: r.value }, "the CIB");
    return EX.OK;
  }
  if (r.command === "D") {
    const existing = lifetime === "forever" ? (await mustCall(io, { op: "query", ...target }, "the CIB")).value : undefined;
    await mustCall(io, { op: "update", ...target }, "the CIB");
    if (existing !== undefined) io.out(`Deleted nodes attribute: id=nodes-${known.id}-${r.name} name=${r.name}\n`);
    return EX.OK;
  }
  const value = (await mustCall(io, { op: "query", ...target }, "the CIB")).value ?? r.fallback;
  if (value === undefined) throw new ShimError("Error performing operation: No such device or address", EX.NOSUCH);
  io.out(r.quiet ? `${value}\n` : `scope=${section}  name=${r.name} value=${value}\n`);
  return EX.OK;
}

/** crm_master (deprecated): crm_attribute on master-<resource>, lifetime forever unless told. */
export async function crmMaster(argv: string[], io: ShimIo): Promise<number> {
  const usage = (error?: string) => {
    if (error) io.err(`error: ${error}\n`);
    io.out("\nUsage: crm_master <command> [<options>]\nThis command is deprecated. Use crm_attribute with the --promotion option\ninstead.\n");
    return EX.ERROR;
  };
  const parsed = parseOptions(argv, [
    { id: "help", long: ["help"], arg: "none" },
    { id: "version", long: ["version"], arg: "none" },
    { id: "-V", short: "V", long: ["verbose"], arg: "none" },
    { id: "-q", short: "q", long: ["quiet"], arg: "none" },
    { id: "-G", short: "G", long: ["query", "get-value"], arg: "none" },
    { id: "-D", short: "D", long: ["delete", "delete-attr"], arg: "none" },
    { id: "-Q", short: "Q", arg: "none" },
    { id: "-v", short: "v", long: ["update", "attr-value"], arg: "required" },
    { id: "-N", short: "N", long: ["node", "uname"], arg: "required" },
    { id: "-N", short: "U", arg: "required" },
    { id: "-l", short: "l", long: ["lifetime"], arg: "required" },
    { id: "-i", short: "i", long: ["id", "attr-id"], arg: "required" },
    { id: "resource", short: "r", long: ["resource"], arg: "required" },
  ]);
  if (!parsed.ok) return usage(parsed.error);
  const forwarded = ["--lifetime", "forever"];
  let rsc = io.env.OCF_RESOURCE_INSTANCE;
  for (const o of parsed.options) {
    if (o.id === "help") {
      io.out("crm_master - Query, update, or delete a resource's promotion score\n");
      return usage(), EX.OK;
    }
    if (o.id === "version") return io.out(VERSION_TEXT), EX.OK;
    if (o.id === "resource") rsc = o.value;
    else if (o.value === undefined) forwarded.push(o.id);
    else forwarded.push(o.id, o.value);
  }
  if (!rsc) return usage("No resource specified");
  return crmAttribute(["-n", `master-${rsc}`, ...forwarded], io);
}
