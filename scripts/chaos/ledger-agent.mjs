// The harness's own OCF agent, ocf:chaos:Ledger. Every start and stop appends
// "<epoch ms> <start|stop> <rsc> <node> <agent pid>" to the ledger file, so the harness can tell
// afterwards where each resource was active and when.
//
// An instance lives as long as the pcs-agent process that started it, as a service lives as long as
// its node: the state file holds that agent's pid ($PPID, the agent spawns us directly) and the
// monitor reports "not running" for a state file an earlier incarnation of the agent left behind
// (a killed, fenced or restarted node comes back with nothing running, as after a reboot).
//
// Faults: removing the state file fails the monitor; a flag file <faultdir>/hang-<rsc> makes the
// next recurring monitor of the running instance sleep past its timeout (once: it removes the flag).
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const INSTALLED_OCF = "/usr/lib/ocf";

const META_DATA = `<?xml version="1.0"?>
<resource-agent name="Ledger" version="1">
<version>1.1</version>
<longdesc lang="en">Chaos harness test resource: records its starts and stops in a ledger file.</longdesc>
<shortdesc lang="en">Chaos harness ledger resource</shortdesc>
<parameters>
<parameter name="ledger" required="1"><longdesc lang="en">The ledger file</longdesc><shortdesc lang="en">ledger file</shortdesc><content type="string"/></parameter>
<parameter name="faultdir" required="1"><longdesc lang="en">Where the harness puts fault flags</longdesc><shortdesc lang="en">fault flag directory</shortdesc><content type="string"/></parameter>
<parameter name="seq"><longdesc lang="en">Changed by the harness's writes</longdesc><shortdesc lang="en">write sequence</shortdesc><content type="string"/></parameter>
</parameters>
<actions>
<action name="start" timeout="20s"/>
<action name="stop" timeout="20s"/>
<action name="monitor" timeout="4s" interval="2s"/>
<action name="meta-data" timeout="5s"/>
</actions>
</resource-agent>`;

const HANG_SECONDS = 20;

const SCRIPT = `#!/bin/sh
rsc="$OCF_RESOURCE_INSTANCE"
state="$HA_RSCTMP/Ledger-$rsc.state"
record() { echo "$(date +%s%3N) $1 $rsc $OCF_RESKEY_CRM_meta_on_node $PPID" >> "$OCF_RESKEY_ledger"; }
alive() { [ -f "$state" ] && [ "$(cat "$state" 2>/dev/null)" = "$PPID" ]; }
case "$1" in
  start) record start; echo "$PPID" > "$state"; exit 0;;
  stop) rm -f "$state"; record stop; exit 0;;
  monitor)
    hang="$OCF_RESKEY_faultdir/hang-$rsc"
    if alive && [ "\${OCF_RESKEY_CRM_meta_interval:-0}" != 0 ] && [ -f "$hang" ]; then
      rm -f "$hang"
      sleep ${HANG_SECONDS}
    fi
    alive && exit 0
    exit 7;;
  meta-data) cat <<'META'
${META_DATA}
META
    exit 0;;
  validate-all) exit 0;;
  *) exit 3;;
esac
`;

/** An OCF_ROOT under `dir` with resource.d/chaos/Ledger, the installed agents linked beside it. */
export function makeOcfRoot(dir) {
  const root = join(dir, "ocf");
  mkdirSync(join(root, "resource.d", "chaos"), { recursive: true });
  if (existsSync(join(INSTALLED_OCF, "lib"))) symlinkSync(join(INSTALLED_OCF, "lib"), join(root, "lib"));
  for (const provider of ["heartbeat", "pacemaker"]) {
    const installed = join(INSTALLED_OCF, "resource.d", provider);
    if (existsSync(installed)) symlinkSync(installed, join(root, "resource.d", provider));
  }
  const agent = join(root, "resource.d", "chaos", "Ledger");
  writeFileSync(agent, SCRIPT);
  chmodSync(agent, 0o755);
  return root;
}

/** The state file of a resource on a node (removing it is the "resource failure" fault). */
export const stateFileOf = (stateDir, rsc) => join(stateDir, "run", "resource-agents", `Ledger-${rsc}.state`);
/** The flag that hangs the next monitor of a resource. */
export const hangFlagOf = (faultDir, rsc) => join(faultDir, `hang-${rsc}`);
