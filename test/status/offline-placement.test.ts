// resource ban / move-with-constraint / clear on a CIB file with a status section: crm_resource looks
// where the resource runs (pcs 0.11.5 + Pacemaker 2.1.5 behaviour, epochs included).
import { writeFileSync } from "node:fs";
import { cibSession } from "../helpers/cli";
import { statusCib } from "./offline-cib";

function session(cib = statusCib()) {
  const s = cibSession();
  writeFileSync(s.file, cib);
  const epoch = () => /<cib [^>]*\bepoch="(\d+)"/.exec(s.read())?.[1];
  const locations = () =>
    [...s.read().matchAll(/<rsc_location [^>]*>/g)].map((m) => {
      const id = / id="([^"]+)"/.exec(m[0])![1];
      const node = / node="([^"]+)"/.exec(m[0])?.[1];
      return node ? `${id}@${node}` : id;
    });
  return { ...s, epoch, locations };
}

const banWarning = (rsc: string, node: string, what = "running") =>
  `Warning: Creating location constraint 'cli-ban-${rsc}-on-${node}' with a score of -INFINITY for resource ${rsc} on ${node}.\n` +
  `\tThis will prevent ${rsc} from ${what} on ${node} until the constraint is removed\n\tThis will be the case even if ${node} is the last node in the cluster\n`;

test("ban without a node bans the resource from where it runs", () => {
  const s = session();
  try {
    expect(s.pcs("resource", "ban", "A")).toEqual({ code: 0, stdout: "", stderr: banWarning("A", "node1") });
    expect(s.locations()).toEqual(["cli-ban-A-on-node2@node2", "cli-ban-A-on-node1@node1"]);
    expect(s.epoch()).toBe("2");
    // a promotable clone active on several nodes: where its one promoted instance is
    expect(s.pcs("resource", "ban", "S-clone").stderr).toBe(banWarning("S-clone", "node1"));
    expect(s.pcs("resource", "move-with-constraint", "G").stderr).toBe(banWarning("G", "node2"));
  } finally {
    s.cleanup();
  }
});

test("ban without a node refuses a resource active in several places or nowhere", () => {
  const s = session();
  try {
    expect(s.pcs("resource", "ban", "D-clone")).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error: cannot ban resource 'D-clone'\ncrm_resource: Resource 'D-clone' not moved: active in 2 locations.\nTo prevent 'D-clone' from running on a specific location, specify a node.\n",
    });
    expect(s.pcs("resource", "ban", "C").stderr).toBe("Error: You must specify a node when moving/banning a stopped resource\n");
    expect(s.epoch()).toBe("1");
  } finally {
    s.cleanup();
  }
});

test("move-with-constraint refuses the node the resource is on, and clears the ban on its destination", () => {
  const s = session();
  try {
    const already = (rsc: string) => `Error: cannot move resource '${rsc}'\ncrm_resource: Error performing operation: Requested item already exists\n`;
    expect(s.pcs("resource", "move-with-constraint", "A", "node1").stderr).toBe(already("A"));
    expect(s.pcs("resource", "move-with-constraint", "S-clone", "node1", "--promoted").stderr).toBe(already("S-clone"));
    expect(s.epoch()).toBe("1");
    const r = s.pcs("resource", "move-with-constraint", "A", "node2");
    expect(r).toEqual({ code: 0, stdout: "", stderr: "Warning: A move constraint has been created and the resource 'A' may or may not move depending on other configuration\n" });
    // the ban on node2 went in an update of its own, the new preference in another
    expect(s.locations()).toEqual(["cli-prefer-A@node2"]);
    expect(s.epoch()).toBe("3");
  } finally {
    s.cleanup();
  }
});

test("clear removes per node what crm_resource removes, and --expired only ended lifetimes", () => {
  const expired =
    `<rsc_location id="cli-ban-B-on-node1" rsc="B" role="Started"><rule id="cli-ban-B-on-node1-rule" score="-INFINITY" boolean-op="and">` +
    `<expression id="cli-ban-B-on-node1-expr" attribute="#uname" operation="eq" value="node1" type="string"/>` +
    `<date_expression id="cli-ban-B-on-node1-lifetime" operation="lt" end="2001-01-01 00:00:00Z"/></rule></rsc_location>` +
    `<rsc_location id="cli-prefer-B" rsc="B" role="Started" node="node3" score="INFINITY"/>`;
  const s = session(statusCib().replace("</constraints>", `${expired}</constraints>`));
  try {
    expect(s.pcs("resource", "clear", "B", "--expired")).toEqual({ code: 0, stdout: "", stderr: "Removing constraint: cli-ban-B-on-node1\n" });
    // A's ban has no lifetime; B's preference is for node3, not node1
    expect(s.pcs("resource", "clear", "A", "--expired")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(s.pcs("resource", "clear", "B", "node1")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(s.locations()).toEqual(["cli-ban-A-on-node2@node2", "cli-prefer-B@node3"]);
    expect(s.epoch()).toBe("2");
    expect(s.pcs("resource", "clear", "B").stderr).toBe("Removing constraint: cli-prefer-B\n");
    expect(s.epoch()).toBe("3");
  } finally {
    s.cleanup();
  }
});
