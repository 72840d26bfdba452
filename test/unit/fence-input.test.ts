// No parameter value can add a line to a fence agent's stdin (key=value, one a line).
import { FenceInputError, fenceAgentInput } from "../../src/agents/fence-input";
import { cibSession } from "../helpers/cli";

describe("fenceAgentInput", () => {
  test("one key=value line per option, in order", () => {
    expect(fenceAgentInput({ action: "reboot", port: "node2", ip: "10.0.0.1" })).toBe("action=reboot\nport=node2\nip=10.0.0.1\n");
    expect(fenceAgentInput({})).toBe("");
    expect(fenceAgentInput({ pcmk_host_list: "n1 n2", passwd: "a=b c\t" })).toBe("pcmk_host_list=n1 n2\npasswd=a=b c\t\n");
  });

  test.each([
    ["newline in a value", { type: "file\naction=reboot\nport=node2" }],
    ["carriage return in a value", { type: "file\raction=reboot" }],
    ["NUL in a value", { type: "file\0action=reboot" }],
    ["newline in a key", { "x\naction": "reboot" }],
    ["carriage return in a key", { "x\r": "y" }],
    ["NUL in a key", { "x\0": "y" }],
    ["= in a key", { "action=reboot\nx": "y" }],
    ["an empty key", { "": "reboot" }],
  ])("throws on %s", (_what, params) => {
    expect(() => fenceAgentInput({ ok: "1", ...params })).toThrow(FenceInputError);
  });
});

describe("pcs stonith create refuses option values that break the fence agent's input", () => {
  test.each([
    ["a newline", "file\naction=reboot\nport=node2", "file\\naction=reboot\\nport=node2"],
    ["a carriage return", "file\raction=reboot", "file\\raction=reboot"],
  ])("%s, even with --force, and writes nothing", (_what, value, shown) => {
    const s = cibSession();
    try {
      expect(s.pcs("stonith", "create", "ok", "fence_dummy").code).toBe(0);
      const before = s.read();
      for (const extra of [[], ["--force"]]) {
        const r = s.pcs("stonith", "create", "s", "fence_dummy", `type=${value}`, ...extra);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(
          `Error: Value of fence agent option 'type' must not contain a newline, a carriage return or a NUL character: '${shown}'\n`,
        );
        expect(r.stderr).toContain("Error: Errors have occurred, therefore pcs is unable to continue\n");
        expect(s.read()).toBe(before);
      }
    } finally {
      s.cleanup();
    }
  });

  test("a newline in an option name is refused too; ordinary values still work", () => {
    const s = cibSession();
    try {
      const r = s.pcs("stonith", "create", "s", "fence_dummy", "action\nport=x");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("Error: 'action\\nport' is not a valid fence agent option name");
      const ok = s.pcs("stonith", "create", "s", "fence_dummy", "type=file", "pcmk_host_list=n1 n2");
      expect(ok.stderr).toBe("");
      expect(ok.code).toBe(0);
      expect(s.read()).toContain('name="pcmk_host_list" value="n1 n2"');
    } finally {
      s.cleanup();
    }
  });
});
