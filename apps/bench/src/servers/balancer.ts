/**
 * The round-robin balancer as a process of its own (`node dist/servers/balancer.js PORT...`),
 * so its work does not share the load generator's event loop. Prints
 * `balancer listening on 127.0.0.1:PORT` once ready; SIGTERM stops it.
 */
import { TcpRoundRobin } from './tcp-round-robin.js';

const ports = process.argv.slice(2).map(Number);
if (
  ports.length === 0 ||
  ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65_535)
) {
  process.stderr.write('usage: balancer PORT [PORT...]\n');
  process.exit(2);
}
const balancer = await TcpRoundRobin.start(ports);
process.stdout.write(`balancer listening on 127.0.0.1:${balancer.port}\n`);
process.on('SIGTERM', () => {
  void balancer.close().then(() => process.exit(0));
});
