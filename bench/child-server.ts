// Bench servers in their own process: the parent starts one and learns its port; the child listens and stops on SIGTERM.
import { spawn } from 'node:child_process';

/** Starts `script` with Node (extra Node flags first) and resolves once the child prints its port. */
export async function startChildServer(script: string, args: string[], nodeFlags: string[] = []): Promise<{ port: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...nodeFlags, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /PORT (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { port, stop: () => new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

/** In the child: listens on a free port, prints it for the parent, and closes the app and the pool on SIGTERM. */
export async function serveUntilTerm(app: { listen(o: { port: number; host: string }): Promise<unknown>; server: { address(): unknown }; close(): Promise<unknown> }, closePool: () => Promise<unknown>): Promise<void> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port?: number } | null;
  process.stdout.write(`PORT ${address?.port ?? 0}\n`);
  process.on('SIGTERM', async () => {
    await app.close();
    await closePool();
    process.exit(0);
  });
}
