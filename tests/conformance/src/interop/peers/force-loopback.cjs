// `node --require` preload for server-everything, which listens on every interface and
// prints only the port it was asked for: every TCP listen goes to 127.0.0.1, and the port it
// really got is printed on stderr (PORT=0 then picks a free one).
const net = require('node:net');

const original = net.Server.prototype.listen;
net.Server.prototype.listen = function listen(...args) {
  const done = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  const first = args[0];
  if (typeof first === 'object' && first !== null && typeof first.path === 'string') {
    return original.apply(this, done ? [...args, done] : args);
  }
  const port = typeof first === 'object' && first !== null ? first.port : first;
  this.once('listening', () => {
    process.stderr.write(`LOOPBACK-PORT ${this.address().port}\n`);
  });
  const options = { port: Number(port ?? 0), host: '127.0.0.1' };
  return done ? original.call(this, options, done) : original.call(this, options);
};
