/** A command line pcs rejects: with a message "Error: <message>", without one its usage. */
export class UsageError extends Error {
  constructor(readonly text?: string) {
    super(text ?? "usage");
  }
}
