/**
 * Everything the benchmark starts (the server, the PostgreSQL cluster, temp dirs, the
 * constant Hono server) registers how to undo it here. Clean-ups run newest first on
 * success, on failure and on Ctrl+C; each stops only what it started, by PID or path.
 */

type Cleanup = { label: string; run: () => void | Promise<void> };

const cleanups: Cleanup[] = [];

/** Registers a clean-up; the returned function runs it now (once) and unregisters it. */
export function onCleanup(label: string, run: () => void | Promise<void>): () => Promise<void> {
  const entry: Cleanup = { label, run };
  cleanups.push(entry);
  let done: Promise<void> | undefined;
  return () => {
    done ??= (async () => {
      const at = cleanups.indexOf(entry);
      if (at >= 0) cleanups.splice(at, 1);
      await entry.run();
    })();
    return done;
  };
}

export async function cleanupAll(): Promise<void> {
  for (let entry = cleanups.pop(); entry; entry = cleanups.pop()) {
    try {
      await entry.run();
    } catch (error) {
      console.error(`clean-up of ${entry.label} failed: ${(error as Error).message}`);
    }
  }
}

/**
 * Ctrl+C (and SIGTERM, SIGHUP) cleans up and exits; a second one exits at once. On a plain
 * exit whatever is left runs synchronously as far as it can (kills and removals are sync).
 */
export function installSignalHandlers(): void {
  let signalled = false;
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    process.on(signal, () => {
      if (signalled) process.exit(code);
      signalled = true;
      console.error(`\n${signal}: stopping the benchmark and cleaning up.`);
      cleanupAll().finally(() => process.exit(code));
    });
  }
  process.on("exit", () => {
    for (let entry = cleanups.pop(); entry; entry = cleanups.pop()) {
      try {
        void entry.run();
      } catch {
        // exiting anyway
      }
    }
  });
}
