import { isPortFree } from '../../scripts/processes';

/**
 * Ports below the range the OS hands out by itself (Linux: 32768–60999). A port the OS chose would be free now and
 * might be handed to someone else a few seconds later — Temporal's metrics listener, an outgoing connection — before
 * the process meant to hold it (the edge starts after migrations and Temporal) comes to listen on it.
 */
const lowest = 20_000;
const span = 12_000;

/** A port nothing listens on right now, outside the OS's own range, so nothing else is given it meanwhile. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = lowest + Math.floor(Math.random() * span);
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free port between ${lowest} and ${lowest + span}`);
}
