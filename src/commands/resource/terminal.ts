// What a person at a terminal gets beyond pcs's bytes: a spinner while --wait waits. Scripts (no TTY,
// NO_COLOR, TERM=dumb) get nothing of it, and ora is only loaded when it is shown (docs/decisions.md).
export function isFancyTerminal(stream: NodeJS.WriteStream = process.stderr): boolean {
  if (!stream.isTTY || !process.stdout.isTTY) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  return process.env.TERM !== "dumb";
}

export interface Progress {
  update(text: string): void;
  /** Removes the spinner line; what the command prints next starts on a clean line. */
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

export async function startProgress(text: string): Promise<Progress> {
  if (!isFancyTerminal()) return silent;
  const { default: ora } = await import("ora");
  const spinner = ora({ text, stream: process.stderr, discardStdin: false }).start();
  return {
    update: (next) => {
      spinner.text = next;
    },
    stop: () => {
      spinner.stop();
    },
  };
}
