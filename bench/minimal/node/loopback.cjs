// Preloaded (node --require) into a Node solution by bench/solutions.sh: a
// server that listens on a port alone, which means every interface, listens
// on 127.0.0.1 instead, so that nothing the benchmark starts is reachable
// from outside the machine.
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const port = args[0];
  if ((typeof port === 'number' || /^\d+$/.test(String(port))) && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  } else if (port && typeof port === 'object' && port.host === undefined && port.path === undefined) {
    args[0] = { ...port, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
