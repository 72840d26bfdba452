// fence_pcslite's metadata, in the shape fence-agents print (`fence_dummy -o metadata`): pcs reads it
// to validate `pcs stonith create`, Pacemaker's fencer to learn the actions and the plug parameter.

interface ParameterDoc {
  name: string;
  required: boolean;
  getopt: string;
  type: "string" | "boolean" | "second";
  default?: string;
  shortdesc: string;
  /** fence-agents' way of renaming: the new name obsoletes the old, the old one is deprecated. */
  obsoletes?: string;
  deprecated?: boolean;
}

const PLUG_DESCRIPTION = "Name of the node to fence: its pcs-agent state directory is <state_root>/<plug>";

export const PARAMETERS: ParameterDoc[] = [
  { name: "action", required: true, getopt: "-o, --action=[action]", type: "string", default: "reboot", shortdesc: "Fencing action" },
  { name: "plug", required: true, obsoletes: "port", getopt: "-n, --plug=[id]", type: "string", shortdesc: PLUG_DESCRIPTION },
  { name: "port", required: true, deprecated: true, getopt: "-n, --plug=[id]", type: "string", shortdesc: PLUG_DESCRIPTION },
  {
    name: "state_root",
    required: true,
    getopt: "--state-root=[path]",
    type: "string",
    shortdesc: "Directory holding one pcs-agent state directory per node (the sandbox's temporary directory)",
  },
  {
    name: "restart",
    required: false,
    getopt: "--restart=[true/false]",
    type: "boolean",
    default: "1",
    shortdesc: "Whether on and reboot start the node's pcs-agent again (with the command line recorded in its agent.json)",
  },
  { name: "delay", required: false, getopt: "--delay=[seconds]", type: "second", default: "0", shortdesc: "Wait X seconds before fencing is started" },
  {
    name: "power_timeout",
    required: false,
    getopt: "--power-timeout=[seconds]",
    type: "second",
    default: "20",
    shortdesc: "Test X seconds for status change after ON/OFF",
  },
  {
    name: "quiet",
    required: false,
    getopt: "-q, --quiet",
    type: "boolean",
    shortdesc: "Disable logging to stderr. Does not affect --verbose or --debug-file or logging to syslog.",
  },
  { name: "verbose", required: false, getopt: "-v, --verbose", type: "boolean", shortdesc: "Verbose mode" },
  { name: "version", required: false, getopt: "-V, --version", type: "boolean", shortdesc: "Display version information and exit" },
  { name: "help", required: false, getopt: "-h, --help", type: "boolean", shortdesc: "Display help and exit" },
];

/** The actions, `on` first and marked not automatic, as fencing.py lists them. */
export const ACTIONS = ["on", "off", "reboot", "status", "list", "monitor", "metadata", "validate-all"];

const escape = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&apos;");

const LONGDESC =
  "fence_pcslite fences a pcs-lite node running on this host (the npm start sandbox, tests, benchmarks): " +
  "off kills the node's pcs-agent and every resource agent process it started, on starts the pcs-agent again " +
  "on the same port from the command line it recorded in <state_root>/<plug>/agent.json.";

export function metadataXml(agentName = "fence_pcslite"): string {
  const lines = [
    '<?xml version="1.0" ?>',
    `<resource-agent name="${escape(agentName)}" shortdesc="Fence agent for pcs-lite nodes on this host" >`,
    `<longdesc>${escape(LONGDESC)}</longdesc>`,
    "<parameters>",
  ];
  for (const p of PARAMETERS) {
    const extra = p.obsoletes ? ` obsoletes="${p.obsoletes}"` : p.deprecated ? ' deprecated="1"' : "";
    lines.push(`\t<parameter name="${p.name}" unique="0" required="${p.required ? 1 : 0}"${extra}>`);
    lines.push(`\t\t<getopt mixed="${escape(p.getopt)}" />`);
    lines.push(`\t\t<content type="${p.type}" ${p.default !== undefined ? `default="${escape(p.default)}" ` : ""} />`);
    lines.push(`\t\t<shortdesc lang="en">${escape(p.shortdesc)}</shortdesc>`);
    lines.push("\t</parameter>");
  }
  lines.push("</parameters>", "<actions>");
  for (const action of ACTIONS) lines.push(action === "on" ? '\t<action name="on" automatic="0"/>' : `\t<action name="${action}" />`);
  lines.push("</actions>", "</resource-agent>");
  return lines.join("\n") + "\n";
}
