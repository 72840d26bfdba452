// Bash completion driven in a real bash with bash-completion loaded: completions/pcs asks bin/pcs.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, cibSession, haveTool } from "../helpers/cli";
import { matchRoute } from "../../src/cli/routes/index";

const BASH_COMPLETION = ["/usr/share/bash-completion/bash_completion", "/etc/bash_completion"].find((f) => existsSync(f));

/** Split a command line the way bash fills COMP_WORDS (COMP_WORDBREAKS ':' and '=' are words of their own). */
function compWords(line: string): string[] {
  const words: string[] = [];
  for (const word of line.split(/ +/)) words.push(...word.split(/([:=])/).filter((w, i, all) => w !== "" || i === all.length - 1));
  return words;
}

function complete(line: string, cwd = ROOT): string[] {
  const words = compWords(line);
  const script = `
    source ${JSON.stringify(BASH_COMPLETION)}
    source ${JSON.stringify(join(ROOT, "completions", "pcs"))}
    COMP_LINE=${JSON.stringify(line)}
    COMP_POINT=\${#COMP_LINE}
    COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(" ")})
    COMP_CWORD=${words.length - 1}
    _pcs_lite
    printf '%s\\n' "\${COMPREPLY[@]}"
  `;
  const r = spawnSync("bash", ["--norc", "--noprofile", "-c", script], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PATH: `${join(ROOT, "bin")}:${process.env.PATH}` },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split("\n").filter(Boolean).sort();
}

const hasRoute = (...path: string[]) => matchRoute(path)?.path.join(" ") === path.join(" ");
const whenRoute = (...path: string[]) => (hasRoute(...path) ? test : test.skip);

beforeAll(() => {
  haveTool("bash");
  if (!BASH_COMPLETION) throw new Error("bash-completion is required (apt-get install bash-completion)");
});

test("area names", () => {
  expect(complete("pcs al")).toEqual(["alert"]);
  expect(complete("pcs ")).toEqual(expect.arrayContaining(["acl", "alert", "tag", "help"]));
});

test("sub-command words come from the route table", () => {
  expect(complete("pcs alert ")).toEqual(["config", "create", "delete", "recipient", "remove", "update"]);
  expect(complete("pcs alert recipient a")).toEqual(["add"]);
  expect(complete("pcs acl role ")).toEqual(["assign", "create", "delete", "remove", "unassign"]);
});

test("options of the route and global options", () => {
  expect(complete("pcs tag update T add x --a")).toEqual(["--after"]);
  expect(complete("pcs alert create --f")).toEqual([]);
  expect(complete("pcs alert recipient add A --f")).toEqual(["--force"]);
});

test("ids are read from the -f file already typed", () => {
  const s = cibSession();
  try {
    s.pcs("alert", "create", "path=/a", "id=first");
    s.pcs("alert", "create", "path=/b", "id=second");
    s.pcs("acl", "role", "create", "reader");
    expect(complete(`pcs -f ${s.file} alert delete `)).toEqual(["first", "second"]);
    expect(complete(`pcs -f ${s.file} alert update s`)).toEqual(["second"]);
    expect(complete(`pcs -f ${s.file} acl role delete `)).toEqual(["reader"]);
    expect(complete(`pcs -f ${s.file} acl user create bob r`)).toEqual(["reader"]);
    expect(complete("pcs alert delete ")).toEqual([]);
  } finally {
    s.cleanup();
  }
});

test("literal keywords; a key= candidate does not end the word", () => {
  expect(complete("pcs alert create pa")).toEqual(["path="]);
  expect(complete("pcs acl role assign r1 ")).toEqual(["group", "to", "user"]);
});

test("file names after -f", () => {
  const s = cibSession();
  try {
    writeFileSync(join(s.dir, "cluster-cib.xml"), "<cib/>");
    expect(complete("pcs -f clu", s.dir)).toEqual(["cluster-cib.xml"]);
  } finally {
    s.cleanup();
  }
});

whenRoute("resource", "create")("pcs resource cr", () => {
  expect(complete("pcs resource cr")).toEqual(["create"]);
});

whenRoute("constraint", "colocation")("pcs constraint col", () => {
  expect(complete("pcs constraint col")).toEqual(["colocation"]);
});

whenRoute("resource", "create")("resource agents", () => {
  // bash-completion trims the part before the last colon from the candidates it shows
  expect(complete("pcs resource create x ocf:heartbeat:IPa")).toContain("IPaddr2");
});

whenRoute("stonith", "create")("fence agents", () => {
  expect(complete("pcs stonith create f fence_ipmi")).toEqual(["fence_ipmilan", "fence_ipmilanplus"]);
});

whenRoute("resource", "delete")("resource ids from -f FILE", () => {
  const s = cibSession();
  try {
    s.pcs("resource", "create", "d1", "ocf:heartbeat:Dummy", "--no-default-ops");
    s.pcs("resource", "create", "d2", "ocf:heartbeat:Dummy", "--no-default-ops");
    expect(complete(`pcs -f ${s.file} resource delete `)).toEqual(["d1", "d2"]);
  } finally {
    s.cleanup();
  }
});
