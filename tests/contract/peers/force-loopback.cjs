// Preloaded with `node --require` into a server we do not control (server-everything),
// which listens on every interface by default: force every listen onto 127.0.0.1 and
// print the real port, since the server itself only prints the port it was asked for.
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  const first = args[0];
  const options =
    typeof first === 'object' && first !== null
      ? { ...first, host: '127.0.0.1' }
      : { port: Number(first ?? 0), host: '127.0.0.1' };
  if (typeof options.path === 'string') return listen.call(this, ...args, callback);
  this.once('listening', () => {
    const address = this.address();
    process.stderr.write(`FORCE-LOOPBACK listening ${address.address}:${address.port}\n`);
  });
  return callback ? listen.call(this, options, callback) : listen.call(this, options);
};
