// `resource config --output-format=cmd` must print commands that rebuild the same resources:
// replay them on an empty CIB and compare the resources sections.
import { section } from "../../src/cib/document";
import { type XmlElement } from "../../src/cib/xml";
import { parseXml } from "../../src/cib/xml-parse";
import { cibSession } from "../helpers/cli";

/** POSIX shell word splitting for the quoting pcs emits (single quotes, double quotes, backslashes). */
function shellSplit(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (line[i] !== '"') {
        if (line[i] === "\\" && ['"', "\\", "$", "`"].includes(line[i + 1])) i++;
        word += line[i++];
      }
      inWord = true;
    } else if (c === "\\") {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The resources section with attributes sorted (canonical comparison ignores attribute order). */
function resourcesSection(xml: string): string {
  const canonical = (e: XmlElement): string =>
    `<${e.name}${Object.keys(e.attrs)
      .sort()
      .map((k) => ` ${k}="${e.attrs[k]}"`)
      .join("")}>${e.children.map(canonical).join("")}</${e.name}>`;
  return canonical(section(parseXml(xml), "resources"));
}

function replay(commands: string): ReturnType<typeof cibSession> {
  const target = cibSession();
  for (const command of commands.replace(/ \\\n/g, " ").split(";\n")) {
    const [pcs, ...args] = shellSplit(command.trim());
    expect(pcs).toBe("pcs");
    const r = target.pcs(...args);
    expect({ command, code: r.code, stderr: r.stderr }).toEqual({ command, code: 0, stderr: expect.any(String) });
  }
  return target;
}

jest.setTimeout(180000);

/** `<area> config --output-format=cmd` of `source`, replayed on an empty CIB, rebuilds the same resources. */
function expectSameAfterReplay(source: ReturnType<typeof cibSession>, area: "resource" | "stonith"): void {
  const out = source.pcs(area, "config", "--output-format=cmd");
  expect(out.code).toBe(0);
  const target = replay(out.stdout.trimEnd());
  try {
    expect(resourcesSection(target.read())).toBe(resourcesSection(source.read()));
  } finally {
    target.cleanup();
  }
}

describe("resource config --output-format=cmd round-trips", () => {
  test("primitives, groups, clones, promotable clones, operations, meta, utilization", () => {
    const source = cibSession();
    try {
      const setup: string[][] = [
        ["resource", "create", "A", "ocf:heartbeat:Dummy", "fake=a b", "meta", "a=b", "op", "monitor", "interval=20", "timeout=10", "on-fail=block"],
        ["resource", "utilization", "A", "cpu=2", "mem=100"],
        ["resource", "create", "B", "ocf:heartbeat:Dummy", "--group", "G"],
        ["resource", "create", "C", "ocf:heartbeat:Dummy", "--group", "G"],
        ["resource", "meta", "G", "priority=10"],
        ["resource", "clone", "G", "interleave=true"],
        ["resource", "create", "D", "ocf:pacemaker:Stateful", "promotable", "promoted-max=1"],
        ["resource", "create", "E", "ocf:heartbeat:Dummy", "--no-default-ops"],
        ["resource", "clone", "E", "E-clone-custom", "clone-max=2"],
      ];
      for (const args of setup) expect(source.pcs(...args).code).toBe(0);
      expectSameAfterReplay(source, "resource");
    } finally {
      source.cleanup();
    }
  });

  test("stonith devices through stonith config", () => {
    const source = cibSession();
    try {
      expect(source.pcs("stonith", "create", "F", "fence_dummy", "pcmk_host_list=n1 n2", "meta", "priority=3").code).toBe(0);
      expectSameAfterReplay(source, "stonith");
    } finally {
      source.cleanup();
    }
  });
});
