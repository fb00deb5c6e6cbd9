/**
 * Makes the embedded database survive a power cut, not only a killed process.
 *
 * PGlite runs PostgreSQL in WebAssembly over Emscripten's NODEFS, which never issues
 * fsync/fdatasync: we traced it (bench/README.md), and `fsync=on` changes nothing. A
 * killed process loses nothing (the OS already has every write), but a power cut can
 * lose whatever the OS had not yet written back. So while PGlite runs we fsync every file
 * in the data dir that changed since the last pass, every `intervalMs`, and once more on
 * close: at most that interval of committed work is exposed to a power cut.
 */
import fs from "node:fs";
import path from "node:path";

export type DiskFlusher = { flushNow(): void; stop(): void };

export function startDiskFlusher(dataDir: string, intervalMs = 1000): DiskFlusher {
  let lastPass = Date.now();
  const flushNow = () => {
    const started = Date.now();
    flushChangedSince(dataDir, lastPass - 5); // small overlap: mtime granularity
    flushDirectory(path.join(dataDir, "pg_wal"));
    lastPass = started;
  };
  const timer = setInterval(() => {
    try {
      flushNow();
    } catch {
      // A file removed mid-walk (WAL recycling) is fine; the next pass catches up.
    }
  }, intervalMs);
  timer.unref();
  return {
    flushNow,
    stop: () => {
      clearInterval(timer);
      try {
        flushNow();
      } catch {
        // best effort on shutdown
      }
    },
  };
}

function flushChangedSince(dir: string, sinceMs: number): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      flushChangedSince(full, sinceMs);
    } else if (entry.isFile()) {
      try {
        if (fs.statSync(full).mtimeMs >= sinceMs) fsyncPath(full, "r+");
      } catch {
        // vanished between readdir and open
      }
    }
  }
}

function flushDirectory(dir: string): void {
  // New and renamed WAL segments only survive a crash once their directory entry is synced.
  try {
    fsyncPath(dir, "r");
  } catch {
    // not every platform lets a directory be opened for fsync
  }
}

function fsyncPath(file: string, flags: string): void {
  const fd = fs.openSync(file, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
