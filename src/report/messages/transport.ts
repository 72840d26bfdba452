// Messages of the transport area (code -> text from payload). Texts follow pcs 0.11.5's wording.
export const transport = {
  HOST_AUTH_BAD_CREDENTIALS: (p: { node: string }) => `${p.node}: Username and/or password is incorrect`,
  HOST_UNREACHABLE: (p: { node: string; reason: string }) =>
    `Unable to connect to ${p.node}, check if pcs-agent is running there or try setting higher timeout with --request-timeout option (${p.reason})`,
  HOST_KEY_CHANGED: (p: { node: string; expected: string; actual: string }) =>
    `${p.node}: the host key has changed (known ${p.expected}, offered ${p.actual}); refusing to connect. If the change is expected, run 'pcs host deauth ${p.node}' and authenticate the host again`,
  HOST_NOT_FOUND: (p: { host: string }) =>
    `Host '${p.host}' is not known to pcs, try to authenticate the host using 'pcs host auth ${p.host}' command`,
  NONE_HOST_FOUND: () => "None of hosts is known to pcs.",
  HOST_NOT_AUTHORIZED: (p: { node: string }) =>
    `Unable to authenticate to ${p.node} - (the node refused our key), try running 'pcs host auth ${p.node}'`,
  HOST_REMOTE_ERROR: (p: { node: string; message: string }) => `${p.node}: ${p.message}`,
  HOST_INVALID_ADDRESS: (p: { address: string }) => `Invalid address '${p.address}'`,
  HOST_AUTH_USAGE: (p: { text: string }) => p.text,
  HOSTS_NOT_KNOWN_DEAUTH: (p: { hosts: string[] }) =>
    `Following hosts were not found: ${p.hosts.map((h) => `'${h}'`).join(", ")}`,
  NO_CLUSTER_NODE_REACHABLE: (p: { reasons: string[] }) =>
    `Unable to reach any node of the cluster${p.reasons.length ? ": " + p.reasons.join("; ") : ""}`,
  NO_CLUSTER_CONFIGURED: (_p: object) =>
    "No cluster is known to pcs: authenticate the nodes with 'pcs host auth' and run 'pcs cluster setup', or use -f FILE",
  CIB_PUSH_CONFLICTS: (p: { attempts: number }) =>
    `Unable to push the CIB: it kept changing under the command (${p.attempts} attempts), try again`,
  CIB_PUSH_FAILED: (p: { node: string; message: string }) => `Unable to push the CIB to ${p.node}: ${p.message}`,
};
