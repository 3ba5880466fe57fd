// raw-http-request reads one HTTP/1.1 request on standard input, as a
// server receives it, and prints its method, target, version, headers and
// body, or "400 Bad Request: <why>" and exit status 1.
'use strict';

// parse reads one request from data (a Buffer), following RFC 9112; it
// throws an Error saying why a server must answer 400.
function parse(data) {
  // waymark:begin solution solve
  const lines = [];
  let pos = 0;
  for (;;) {
    const nl = data.indexOf(0x0a, pos);
    if (nl < 0) {
      throw new Error('the head does not end with an empty line');
    }
    let line = data.subarray(pos, nl).toString('latin1');
    pos = nl + 1;
    if (line.endsWith('\r')) {
      line = line.slice(0, -1);
    }
    if (line === '') {
      break;
    }
    lines.push(line);
  }
  if (lines.length === 0) {
    throw new Error('no request line');
  }
  const parts = lines[0].split(' ');
  if (parts.length !== 3) {
    throw new Error(`the request line ${JSON.stringify(lines[0])} is not three parts`);
  }
  const [method, target, version] = parts;
  if (!/^[A-Z]+$/.test(method)) {
    throw new Error(`bad method ${JSON.stringify(method)}`);
  }
  if (!target.startsWith('/')) {
    throw new Error(`bad target ${JSON.stringify(target)}`);
  }
  if (version !== 'HTTP/1.1' && version !== 'HTTP/1.0') {
    throw new Error(`unknown version ${JSON.stringify(version)}`);
  }
  const headers = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon);
    if (name === '' || /[ \t]/.test(name)) {
      throw new Error(`bad header line ${JSON.stringify(line)}`);
    }
    headers.push({ name: name.toLowerCase(), value: line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '') });
  }
  if (version === 'HTTP/1.1' && !headers.some((h) => h.name === 'host')) {
    throw new Error('HTTP/1.1 needs a Host header');
  }
  let length = 0;
  const cl = headers.find((h) => h.name === 'content-length');
  if (cl) {
    if (!/^[0-9]{1,9}$/.test(cl.value)) {
      throw new Error(`Content-Length ${JSON.stringify(cl.value)} is not a number`);
    }
    length = Number(cl.value);
  }
  if (length > data.length - pos) {
    throw new Error(`the body is ${data.length - pos} bytes, Content-Length says ${length}`);
  }
  return { method, target, version, headers, body: data.subarray(pos, pos + length) };
  // waymark:stub
  // throw new Error('TODO(solve): not implemented yet');
  // waymark:end
}

// format is the request as the program prints it.
function format(req) {
  const out = [`method: ${req.method}`, `target: ${req.target}`, `version: ${req.version}`];
  for (const h of req.headers) {
    out.push(`header: ${h.name}: ${h.value}`);
  }
  out.push(`body: ${req.body.length} bytes`);
  let text = out.join('\n') + '\n';
  if (req.body.length > 0) {
    text += req.body.toString('latin1') + '\n';
  }
  return Buffer.from(text, 'latin1');
}

function main() {
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', () => {
    let req;
    try {
      req = parse(Buffer.concat(chunks));
    } catch (err) {
      if (String(err.message).startsWith('TODO(')) {
        throw err;
      }
      process.stdout.write(`400 Bad Request: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(format(req));
  });
}

main();
