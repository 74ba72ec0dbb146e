import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { ToolchainError } from './temporal-cli';

/** Starting, watching and stopping the processes a stack is made of, and the ports they listen on. */

/** Whether nothing listens on the port right now: a listener of our own is opened on it and closed again. */
export const isPortFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A port from the environment variable `name`, else `fallback`. */
export function portFromEnv(name: string, fallback: number) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new ToolchainError(`${name}=${process.env[name]} is not a port number.`);
  return value;
}

export async function assertPortFree(port: number, what: string) {
  if (!(await isPortFree(port))) {
    throw new ToolchainError(`Port ${port} (${what}) is already in use. Stop whatever holds it, or choose another port (see README, Configuration).`);
  }
}

/** A child whose output goes to a log file, so a crash leaves its reasons behind. */
export function spawnLogged(command: string, args: string[], logFile: string, options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {}) {
  mkdirSync(dirname(logFile), { recursive: true });
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.once('close', () => log.end());
  return child;
}

export const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Sends the signal and waits for the exit; a child that ignores it for `graceMs` is killed outright. */
export async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals, graceMs = 20_000) {
  if (!child || hasExited(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const forced = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(forced);
}

/** Waits until `probe` answers true; a child that exits first, or a probe still false after `timeoutMs`, throws. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, child: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new ToolchainError(`${what} exited (code ${child.exitCode ?? child.signalCode}) before it was ready.`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new ToolchainError(`${what} was not ready within ${timeoutMs / 1000} s.`);
}

/** A probe: the URL answers at all (503 included: a health check that is honest about a part down). */
export const answers = (url: string) => async () => {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return response.status < 500 || response.status === 503;
};
