// The generated CIB of the scheduler benchmark (also: node bench/sched-cib.mjs N > file.xml).
const NODES = 16;

export function generateCib(n) {
  const nodes = Array.from({ length: NODES }, (_, i) => `node${i + 1}`);
  const standby = nodes[3];
  const gone = nodes[7];
  const out = [];
  out.push('<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9" have-quorum="1" dc-uuid="1">');
  out.push("<configuration><crm_config><cluster_property_set id=\"cib-bootstrap-options\">");
  out.push('<nvpair id="o-stonith" name="stonith-enabled" value="false"/>');
  out.push("</cluster_property_set></crm_config><nodes>");
  nodes.forEach((name, i) => {
    out.push(`<node id="${i + 1}" uname="${name}">`);
    if (name === standby) out.push(`<instance_attributes id="na-${i + 1}"><nvpair id="na-${i + 1}-sb" name="standby" value="on"/></instance_attributes>`);
    out.push("</node>");
  });
  out.push("</nodes><resources>");
  for (let r = 0; r < n; r++) {
    out.push(`<primitive id="r${r}" class="ocf" provider="pacemaker" type="Dummy"><operations>`);
    out.push(`<op id="r${r}-mon" name="monitor" interval="10s"/></operations></primitive>`);
  }
  out.push("</resources><constraints>");
  // Each resource prefers one node (spread round robin), a quarter of them strongly.
  for (let r = 0; r < n; r++) {
    const node = nodes[r % NODES];
    out.push(`<rsc_location id="l${r}" rsc="r${r}" node="${node}" score="${r % 4 === 0 ? 200 : 100}"/>`);
  }
  out.push("</constraints></configuration><status>");
  nodes.forEach((name, i) => {
    const left = name === gone;
    out.push(
      `<node_state id="${i + 1}" uname="${name}" in_ccm="${left ? "false" : "true"}" crmd="${left ? "offline" : "online"}" ` +
        `join="${left ? "down" : "member"}" expected="${left ? "down" : "member"}">`,
    );
    out.push(`<lrm id="${i + 1}"><lrm_resources>`);
    if (!left) {
      // Resources run on their preferred node, except every 16th one, which is not running yet.
      for (let r = i; r < n; r += NODES) {
        if (Math.floor(r / NODES) % 16 === 15) continue;
        const key = (op, rc) => `${op}:1:${rc}:bench-0000`;
        out.push(`<lrm_resource id="r${r}" class="ocf" provider="pacemaker" type="Dummy">`);
        out.push(
          `<lrm_rsc_op id="r${r}_last_0" operation_key="r${r}_start_0" operation="start" transition-key="${key(1, 0)}" ` +
            `transition-magic="0:0;${key(1, 0)}" call-id="${r + 2}" rc-code="0" op-status="0" interval="0" ` +
            // The digest of an agent call without parameters, so the start counts as current.
            `crm_feature_set="3.0.7" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>`,
        );
        out.push("</lrm_resource>");
      }
    }
    out.push("</lrm_resources></lrm></node_state>");
  });
  out.push("</status></cib>");
  return out.join("\n");
}


if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  process.stdout.write(generateCib(Number(process.argv[2] ?? 200)));
}
