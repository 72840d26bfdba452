// Messages of the cluster area (code -> text from payload). Texts follow pcs 0.11.5's wording.
export const cluster = {
  NODE_NAME_DUPLICATE: (p: { name: string }) => `Node name '${p.name}' defined multiple times`,
  NODE_ADDRESSES_DUPLICATE: (p: { addresses: string[] }) =>
    `Node addresses must be unique, duplicate addresses: ${p.addresses.map((a) => `'${a}'`).join(", ")}`,
  NODE_ADDRESS_DEFAULTED: (p: { node: string; address: string }) => `No addresses specified for host '${p.node}', using '${p.address}'`,
  NODE_IN_CLUSTER: (p: { node: string }) => `${p.node}: The host seems to be in a cluster already`,
  CLUSTER_FILES_SENT: (p: { files: string[]; nodes: string[] }) =>
    `Sending ${p.files.map((f) => `'${f}'`).join(", ")} to ${p.nodes.map((n) => `'${n}'`).join(", ")}`,
  CLUSTER_FILE_DISTRIBUTED: (p: { node: string; file: string }) => `${p.node}: successful distribution of the file '${p.file}'`,
  CLUSTER_SETUP_SUCCESS: (_p: object) => "Cluster has been successfully set up.",
  CLUSTER_ENABLE_STARTED: (p: { nodes: string[] }) => `Enabling cluster on hosts: ${p.nodes.map((n) => `'${n}'`).join(", ")}...`,
  CLUSTER_ENABLE_SUCCESS: (p: { node: string }) => `${p.node}: Cluster enabled`,
  UIDGID_FILE_EXISTS: (p: { uid: string; gid: string }) => `uidgid file with uid=${p.uid} and gid=${p.gid} already exists`,
  UIDGID_FILE_NOT_FOUND: (p: { uid: string; gid: string }) => `no uidgid files with uid=${p.uid} and gid=${p.gid} found`,
  CLUSTER_STARTING: (p: { nodes: string[] }) => `Starting cluster on hosts: ${p.nodes.map((n) => `'${n}'`).join(", ")}...`,
  CLUSTER_NOT_CONFIGURED_HERE: (_p: object) =>
    "No cluster is known to pcs: authenticate the nodes with 'pcs host auth' and run 'pcs cluster setup'",
  NODE_NOT_IN_CLUSTER: (p: { node: string }) => `Node '${p.node}' does not appear to exist in configuration`,
  NODE_ALREADY_IN_CLUSTER: (p: { node: string }) => `Node '${p.node}' is already in the cluster`,
  CLUSTER_DESTROY_CONFIRM: (_p: object) =>
    "It is recommended to run 'pcs cluster stop' before destroying the cluster. Use --force to destroy the cluster anyway",
};
