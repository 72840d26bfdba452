// Every generated key pair must be usable by ssh2 (its generator occasionally makes one its parser refuses).
import { generateKeyPair, publicBlob } from "../../src/transport/keys";

test("generated key pairs always parse", () => {
  for (let i = 0; i < 1500; i++) {
    const pair = generateKeyPair();
    expect(() => publicBlob(pair.private)).not.toThrow();
  }
});
